<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Backup</name>
    <message>
        <source>Backup saved: %1</source>
        <translation>备份已保存：%1</translation>
    </message>
    <message>
        <source>Backup failed: %1</source>
        <translation>备份失败：%1</translation>
    </message>
    <message>
        <source>Daily backup…</source>
        <translation>每日自动备份…</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Next reception day</source>
        <translation>下一个接待日</translation>
    </message>
    <message>
        <source>Plan a reception day</source>
        <translation>安排接待日</translation>
    </message>
    <message>
        <source>Reception days</source>
        <translation>接待日</translation>
    </message>
    <message>
        <source>Deputies present (person-times)</source>
        <translation>代表到场（人次）</translation>
    </message>
    <message>
        <source>Residents received (person-visits)</source>
        <translation>接待群众（人次）</translation>
    </message>
    <message>
        <source>Sentiment items raised</source>
        <translation>收集社情民意（条）</translation>
    </message>
    <message>
        <source>Items fed back</source>
        <translation>已反馈（条）</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Waiting since</source>
        <translation>等待起始</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Waiting too long</source>
        <translation>超期未办</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>This month: %1</source>
        <translation>本月：%1</translation>
    </message>
    <message>
        <source>No reception day is scheduled. Plan one on the Reception days page.</source>
        <translation>尚未安排接待日。请在“接待日”页面安排。</translation>
    </message>
    <message>
        <source>No station has a reception day scheduled.</source>
        <translation>各家站点尚未安排接待日。</translation>
    </message>
    <message>
        <source>On duty:</source>
        <translation>值班代表：</translation>
    </message>
    <message>
        <source>No deputy is scheduled yet.</source>
        <translation>尚未排班。</translation>
    </message>
    <message numerus="yes">
        <source>Waiting more than %n days: %1</source>
        <translation>
            <numerusform>等待超过 %n 天：%1 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Person-visits per month, last 12 months</source>
        <translation>近12个月每月接待人次</translation>
    </message>
    <message>
        <source>Person-visits</source>
        <translation>接待人次</translation>
    </message>
    <message>
        <source>Sentiment items by category, last 12 months</source>
        <translation>近12个月社情民意分类</translation>
    </message>
    <message>
        <source>Uncategorised</source>
        <translation>未分类</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>条数</translation>
    </message>
    <message>
        <source>Sentiment items by step, last 12 months</source>
        <translation>近12个月社情民意办理环节</translation>
    </message>
</context>
<context>
    <name>DayDetails</name>
    <message>
        <source>Attendance</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Deputy</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Visits received that day</source>
        <translation>当天来访</translation>
    </message>
    <message>
        <source>Register a visit on this day</source>
        <translation>登记当天来访</translation>
    </message>
    <message>
        <source>(name not given)</source>
        <translation>（未留姓名）</translation>
    </message>
    <message>
        <source>%1, %2 person(s): %3</source>
        <translation>%1，%2人：%3</translation>
    </message>
    <message>
        <source>Not stationed here</source>
        <translation>未入驻本站</translation>
    </message>
</context>
<context>
    <name>DeputiesPage</name>
    <message>
        <source>Deputies</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Search name, delegation, group…</source>
        <translation>搜索姓名、代表团、专业小组…</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <source>Stationed here only</source>
        <translation>仅本站入驻代表</translation>
    </message>
    <message>
        <source>Add a deputy</source>
        <translation>添加代表</translation>
    </message>
    <message>
        <source>Import roster…</source>
        <translation>导入代表名册…</translation>
    </message>
    <message>
        <source>Record of duty</source>
        <translation>履职档案</translation>
    </message>
    <message>
        <source>Reception days present</source>
        <translation>接待日到场</translation>
    </message>
    <message>
        <source>On leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Scheduled, not yet held</source>
        <translation>已排班未举行</translation>
    </message>
    <message>
        <source>Residents received (person-visits)</source>
        <translation>接待群众（人次）</translation>
    </message>
    <message>
        <source>Sentiment items collected</source>
        <translation>收集社情民意</translation>
    </message>
    <message numerus="yes">
        <source>Deputies: %n</source>
        <translation>
            <numerusform>共 %n 位代表</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a deputy in the table</source>
        <translation>请在表中选择一位代表</translation>
    </message>
    <message>
        <source> deputy</source>
        <translation>人大代表</translation>
    </message>
    <message>
        <source>no longer serving</source>
        <translation>已不再任职</translation>
    </message>
    <message>
        <source>Leave this station</source>
        <translation>退出本站</translation>
    </message>
    <message>
        <source>Station here</source>
        <translation>入驻本站</translation>
    </message>
</context>
<context>
    <name>DeputyDialog</name>
    <message>
        <source>Add a deputy</source>
        <translation>添加代表</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Deputy number</source>
        <translation>代表编号</translation>
    </message>
    <message>
        <source>Delegation / constituency</source>
        <translation>代表团/选区</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Professional group</source>
        <translation>专业小组</translation>
    </message>
    <message>
        <source>Stationed at this station</source>
        <translation>入驻本家站点</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Not done: an unexpected error occurred.</source>
        <translation>未完成：出现意外错误。</translation>
    </message>
    <message>
        <source>Details copied</source>
        <translation>详情已复制</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Liaison Desk ran into an unexpected error, and what it was doing is not done.</source>
        <translation>代表家站点工作台遇到意外错误，刚才的操作没有完成。</translation>
    </message>
    <message>
        <source>Task: %1</source>
        <translation>任务：%1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>No data was lost: a change that fails is undone as a whole, and everything saved before it is kept.</source>
        <translation>没有数据丢失：出错的修改已整体撤销，此前保存的内容完好无损。</translation>
    </message>
    <message>
        <source>You can go on working. If this happens again, copy the details and send them to whoever supports you.</source>
        <translation>可以继续工作。如果再次出现，请点“复制详情”，把详情发给为您提供技术支持的人员。</translation>
    </message>
    <message>
        <source>The details are also saved in %1</source>
        <translation>详情也已保存在 %1</translation>
    </message>
    <message>
        <source>The details could not be saved in the log file: copy them before closing this window.</source>
        <translation>详情未能写入日志文件，请在关闭此窗口前复制。</translation>
    </message>
    <message numerus="yes">
        <source>%n more error(s) while this window was open.</source>
        <translation>
            <numerusform>此窗口打开期间又出现了 %n 个错误。</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详情</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Liaison Desk — first run</source>
        <translation>代表家站点工作台 — 首次使用</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&amp;Save and continue &gt;</source>
        <translation>保存并继续(&amp;S) &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <source>The district&apos;s key file</source>
        <translation>区人大公钥文件</translation>
    </message>
    <message>
        <source>District key files (*.liaison-key)</source>
        <translation>区人大公钥文件 (*.liaison-key)</translation>
    </message>
    <message>
        <source>Fingerprint %1. Phone the district office and check that it reads you the same fingerprint.</source>
        <translation>指纹 %1。请打电话给区人大，核对对方读出的指纹与此一致。</translation>
    </message>
    <message>
        <source>The district office</source>
        <translation>区人大（汇总端）</translation>
    </message>
    <message>
        <source>This station</source>
        <translation>本家站点</translation>
    </message>
    <message>
        <source>The office&apos;s name is printed on the district&apos;s reports.</source>
        <translation>名称将印在全区报表上。</translation>
    </message>
    <message>
        <source>The code identifies this station&apos;s data at the district office; it cannot change later.</source>
        <translation>编号用于在区人大识别本站数据，设定后不能更改。</translation>
    </message>
    <message>
        <source>Station code</source>
        <translation>家站点编号</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>家站点名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Street or town</source>
        <translation>所属街道/镇</translation>
    </message>
    <message>
        <source>Office name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>A passphrase protects the keys that sign and encrypt bundles: a copy of this database or of a backup is of no use without it. It is asked when a bundle is exported or imported.</source>
        <translation>口令保护为数据包签名和加密的密钥：没有口令，复制走的数据库或备份都无法使用这些密钥。导出或导入数据包时会询问口令。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>District key file</source>
        <translation>区人大公钥文件</translation>
    </message>
    <message>
        <source>at least %1 characters</source>
        <translation>至少 %1 个字符</translation>
    </message>
    <message>
        <source>optional: it can be imported later on the sync page</source>
        <translation>可选：以后也可在“数据同步”页导入</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>e.g. YP-01</source>
        <translation>如 YP-01</translation>
    </message>
    <message>
        <source>e.g. 控江路街道代表之家</source>
        <translation>如 控江路街道代表之家</translation>
    </message>
    <message>
        <source>e.g. 杨浦区人大常委会</source>
        <translation>如 杨浦区人大常委会</translation>
    </message>
</context>
<context>
    <name>ItemActions</name>
    <message>
        <source>Handling</source>
        <translation>办理</translation>
    </message>
    <message>
        <source>Handling department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Handling reply</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Resident&apos;s satisfaction</source>
        <translation>群众满意度</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Why the item goes back a step</source>
        <translation>退回上一步的原因</translation>
    </message>
    <message>
        <source>Back one step</source>
        <translation>退回上一步</translation>
    </message>
    <message>
        <source>Move to: %1</source>
        <translation>转到：%1</translation>
    </message>
    <message>
        <source>This item has been fed back to the resident.</source>
        <translation>此事项已反馈给群众。</translation>
    </message>
    <message>
        <source>Record satisfaction</source>
        <translation>登记满意度</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>Station</source>
        <translation>家站点</translation>
    </message>
    <message>
        <source>New sentiment item</source>
        <translation>新建社情民意</translation>
    </message>
    <message>
        <source>Edit sentiment item</source>
        <translation>修改社情民意</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>小区/居委</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>ItemsPage</name>
    <message>
        <source>Sentiment items</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Search title, content, department…</source>
        <translation>搜索标题、内容、承办单位…</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>小区/居委</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>New item</source>
        <translation>新建社情民意</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <source>A note for the history (a call made, a visit paid…)</source>
        <translation>添加备注（如已电话联系居民）</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message numerus="yes">
        <source>Items: %n</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an item in the table</source>
        <translation>请在表中选择一条社情民意</translation>
    </message>
    <message>
        <source>Step: %1</source>
        <translation>环节：%1</translation>
    </message>
    <message>
        <source>Date: %1</source>
        <translation>日期：%1</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>Community: %1</source>
        <translation>小区/居委：%1</translation>
    </message>
    <message>
        <source>Department: %1</source>
        <translation>承办单位：%1</translation>
    </message>
    <message>
        <source>Due: %1</source>
        <translation>办理期限：%1</translation>
    </message>
    <message>
        <source>Reply: %1</source>
        <translation>办理结果：%1</translation>
    </message>
    <message>
        <source>Satisfaction: %1</source>
        <translation>满意度：%1</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>提出</translation>
    </message>
    <message>
        <source>(reason: %1)</source>
        <translation>（原因：%1）</translation>
    </message>
    <message>
        <source>edited: %1</source>
        <translation>修改：%1</translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>备注：%1</translation>
    </message>
</context>
<context>
    <name>LedgerImport</name>
    <message>
        <source>Import a ledger</source>
        <translation>导入台账</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Ledger imported</source>
        <translation>台账已导入</translation>
    </message>
    <message>
        <source>Ledger not imported</source>
        <translation>台账未导入</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>The window is locked. Type the passphrase to go on.</source>
        <translation>窗口已锁定。请输入口令后继续。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation>操作员：%1</translation>
    </message>
    <message numerus="yes">
        <source>Stations: %n</source>
        <translation>
            <numerusform>家站点 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Last import %1</source>
        <translation>最近导入 %1</translation>
    </message>
    <message>
        <source>Last station bundle imported %1</source>
        <translation>最近一次导入家站点数据包：%1</translation>
    </message>
    <message>
        <source>No bundle imported yet</source>
        <translation>尚未导入数据包</translation>
    </message>
    <message numerus="yes">
        <source>Not yet exported: %n</source>
        <translation>
            <numerusform>未导出：%n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Not yet exported: …</source>
        <translation>未导出：…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销%1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>查找(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Import a ledger (Excel/CSV)…</source>
        <translation>导入台账（Excel/CSV）(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>User &amp;manual</source>
        <translation>使用手册(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;About Liaison Desk</source>
        <translation>关于代表家站点工作台(&amp;A)</translation>
    </message>
    <message>
        <source>Liaison Desk</source>
        <translation>代表家站点工作台</translation>
    </message>
    <message>
        <source>Finishing the current task…</source>
        <translation>正在完成当前任务…</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Reception days</source>
        <translation>接待日</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>来访登记</translation>
    </message>
    <message>
        <source>Sentiment items</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>Deputies</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Data exchange</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>OperatorPage</name>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Your name is recorded with every change you make.</source>
        <translation>您的每一次修改都会记录您的姓名。</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Page</source>
        <translation>页面</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <source>Reception days</source>
        <translation>接待日</translation>
    </message>
    <message>
        <source>Reception day</source>
        <translation>接待日</translation>
    </message>
    <message>
        <source>Reception days are planned at the stations and arrive here in their bundles.</source>
        <translation>接待日由各家站点安排，随数据包汇总到此。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Deputies on duty</source>
        <translation>值班代表</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Leave empty for a regular reception day</source>
        <translation>常规接待日可不填</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>New reception day</source>
        <translation>新建接待日</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message numerus="yes">
        <source>Reception days in %1: %n</source>
        <translation>
            <numerusform>%1 共 %n 个接待日</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Delete reception day</source>
        <translation>删除接待日</translation>
    </message>
    <message>
        <source>Delete this reception day and its duty roster? Its visits are kept.</source>
        <translation>删除此接待日及其排班？当天的来访登记会保留。</translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Welcome to Liaison Desk</source>
        <translation>欢迎使用代表家站点工作台</translation>
    </message>
    <message>
        <source>Who will use this computer?</source>
        <translation>这台电脑由谁使用？</translation>
    </message>
    <message>
        <source>A deputy liaison station (home, station or contact point)</source>
        <translation>代表家站点（代表之家、代表联络站或代表联系点）</translation>
    </message>
    <message>
        <source>Schedule reception days, register visits and sentiment items, take bundles to the district.</source>
        <translation>安排接待日，登记来访和社情民意，把数据包交给区人大。</translation>
    </message>
    <message>
        <source>The district office</source>
        <translation>区人大（汇总端）</translation>
    </message>
    <message>
        <source>Merge every station&apos;s bundles, report the district, send the roster back.</source>
        <translation>汇总各家站点的数据包，出具全区报表，下发代表名册。</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Deputy roster</source>
        <translation>代表名册</translation>
    </message>
    <message>
        <source>Import the roster now, or later from the Deputies page.</source>
        <translation>现在导入代表名册，或以后在“代表”页面导入。</translation>
    </message>
    <message>
        <source>A roster is an Excel (.xlsx) or CSV file with the deputies&apos; names, levels and stations.</source>
        <translation>代表名册是含代表姓名、层级和所在家站点的 Excel（.xlsx）或 CSV 文件。</translation>
    </message>
    <message>
        <source>This version cannot import a roster yet; deputies can be added on the Deputies page.</source>
        <translation>此版本暂不能导入名册；可在“代表”页面逐一添加代表。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Import now</source>
        <translation>立即导入</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <source>Importing the roster…</source>
        <translation>正在导入代表名册…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Days before an item is overdue</source>
        <translation>超期天数</translation>
    </message>
    <message>
        <source>Lock the window after</source>
        <translation>自动锁定窗口</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Beside the database when empty</source>
        <translation>不填则保存在数据库旁边</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> idle minutes</source>
        <translation> 分钟无操作后</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>On a PC several people share: the window hides its content and asks for the keys&apos; passphrase.</source>
        <translation>适用于多人共用的电脑：锁定后窗口隐藏内容，需输入密钥口令才能继续。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>StationFilter</name>
    <message>
        <source>All stations</source>
        <translation>全部家站点</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>Visit</source>
        <translation>来访登记</translation>
    </message>
    <message>
        <source>Visits are registered at the stations and arrive here in their bundles.</source>
        <translation>来访由各家站点登记，随数据包汇总到此。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reception day</source>
        <translation>接待日</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>来访人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>小区/居委</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Issue raised</source>
        <translation>反映问题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>接待代表</translation>
    </message>
    <message>
        <source>May be left empty</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>Mobile or landline</source>
        <translation>手机或固定电话</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Make a sentiment item</source>
        <translation>转为社情民意</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>None (outside a reception day)</source>
        <translation>无（非接待日来访）</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <source>Visits</source>
        <translation>来访登记</translation>
    </message>
    <message>
        <source>Search visitor, community, issue…</source>
        <translation>搜索来访人、小区、反映问题…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>yyyy-mm-dd</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>小区/居委</translation>
    </message>
    <message>
        <source>Show phone numbers</source>
        <translation>显示完整电话</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message numerus="yes">
        <source>Visits: %n</source>
        <translation>
            <numerusform>共 %n 条来访</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved visit</source>
        <translation>来访登记未保存</translation>
    </message>
    <message>
        <source>The visit in the form has not been saved. Discard what was typed?</source>
        <translation>表单中的来访登记尚未保存。放弃已填写的内容？</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Sentiment item %1 created from this visit.</source>
        <translation>已根据此来访生成社情民意 %1。</translation>
    </message>
    <message>
        <source>Delete visit</source>
        <translation>删除来访登记</translation>
    </message>
    <message>
        <source>Delete this visit? Items made from it are kept.</source>
        <translation>删除此来访登记？由它生成的社情民意会保留。</translation>
    </message>
</context>
<context>
    <name>VisitsTableModel</name>
    <message>
        <source>Station</source>
        <translation>家站点</translation>
    </message>
</context>
</TS>
