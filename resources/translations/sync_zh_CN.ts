<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <source>Keep the copy in use</source>
        <translation>保留现用版本</translation>
    </message>
    <message>
        <source>Keep the other copy</source>
        <translation>改用另一版本</translation>
    </message>
    <message>
        <source>These records were changed both here and at a station since they last met.</source>
        <translation>以下记录自上次交换以来在本机和家站点都被修改过，请选择保留哪一个版本。</translation>
    </message>
    <message>
        <source>#%1 %2 (other copy from %3)</source>
        <translation>#%1 %2（另一版本来自 %3）</translation>
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
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>反映问题</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>来访人</translation>
    </message>
    <message>
        <source>Headcount</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>代表团/选区</translation>
    </message>
    <message>
        <source>Professional group</source>
        <translation>专业小组</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>This database&apos;s keys are not protected yet. Set a passphrase of at least %1 characters: exports and sealed imports will ask for it once per run. A forgotten passphrase means making new keys.</source>
        <translation>本机的密钥尚未用口令保护。请设置至少 %1 个字符的口令：每次运行程序后，第一次导出或导入加密数据包时会询问。忘记口令就只能重新生成密钥。</translation>
    </message>
    <message>
        <source>The keys that sign and open bundles are locked. Type the passphrase set at first run.</source>
        <translation>为数据包签名和解密的密钥已锁定。请输入首次运行时设置的口令。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Data exchange</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <source>Export a bundle for the district office</source>
        <translation>导出数据包（报送区人大）</translation>
    </message>
    <message>
        <source>Write to</source>
        <translation>写入到</translation>
    </message>
    <message>
        <source>Everything (not only the changes)</source>
        <translation>全部数据（不只是变更）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Import the district&apos;s key file…</source>
        <translation>导入区人大公钥文件…</translation>
    </message>
    <message>
        <source>Accept the district&apos;s new key…</source>
        <translation>接受区人大的新密钥…</translation>
    </message>
    <message>
        <source>Return bundle from the district office</source>
        <translation>区人大返回数据包</translation>
    </message>
    <message>
        <source>Import return bundle…</source>
        <translation>导入返回数据包…</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>家站点</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Last bundle</source>
        <translation>最近数据包</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺号</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>Open items</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Return bundles</source>
        <translation>返回数据包</translation>
    </message>
    <message>
        <source>Import bundles from a folder…</source>
        <translation>从文件夹导入数据包…</translation>
    </message>
    <message>
        <source>Write return bundles…</source>
        <translation>生成返回数据包…</translation>
    </message>
    <message>
        <source>Accept new key…</source>
        <translation>接受新密钥…</translation>
    </message>
    <message>
        <source>Write the key file for stations…</source>
        <translation>导出供家站点使用的公钥文件…</translation>
    </message>
    <message>
        <source>Resolve conflicts…</source>
        <translation>处理冲突…</translation>
    </message>
    <message>
        <source>Import summary</source>
        <translation>导入摘要</translation>
    </message>
    <message>
        <source>Last export: bundle %1 on %2, to %3</source>
        <translation>上次导出：第 %1 号数据包，%2，保存于 %3</translation>
    </message>
    <message>
        <source>Nothing exported yet.</source>
        <translation>尚未导出过数据包。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet exported.</source>
        <translation>
            <numerusform>有 %n 条变更尚未导出。</numerusform>
        </translation>
    </message>
    <message>
        <source>Every change has been exported.</source>
        <translation>所有变更均已导出。</translation>
    </message>
    <message>
        <source>Visitors&apos; names and phones left out of an earlier bundle go with the next encrypted bundle.</source>
        <translation>此前数据包中未包含的来访群众姓名和电话，将随下一个加密数据包送达。</translation>
    </message>
    <message>
        <source>A new district key %1 is waiting: compare its fingerprint with the district office by phone, then accept it.</source>
        <translation>有一把新的区人大密钥 %1 待确认：请电话向区人大核对指纹，一致后再接受。</translation>
    </message>
    <message>
        <source>Bundles are encrypted for the district office (key %1).</source>
        <translation>数据包已加密，只有区人大能打开（密钥 %1）。</translation>
    </message>
    <message>
        <source>Last return bundle: %1, imported %2.</source>
        <translation>最近的返回数据包：第 %1 号，%2 导入。</translation>
    </message>
    <message>
        <source>No return bundle imported yet.</source>
        <translation>尚未导入返回数据包。</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) with a reply to feed back to residents.</source>
        <translation>
            <numerusform>有 %n 条社情民意已有办理结果，待反馈群众。</numerusform>
        </translation>
    </message>
    <message>
        <source>Return bundles are encrypted for this station&apos;s key %1, which every bundle carries.</source>
        <translation>区人大的返回数据包加密给本家站点的密钥 %1（每个导出的数据包都带有它）。</translation>
    </message>
    <message>
        <source>Return bundles will be encrypted for this station once it has exported a bundle.</source>
        <translation>本家站点导出一次数据包后，区人大的返回数据包即加密给本家站点。</translation>
    </message>
    <message>
        <source>The district&apos;s key is not here yet, so bundles cannot be encrypted and go without visitors&apos; names and phones. Import the district&apos;s key file and compare its fingerprint with the office by phone.</source>
        <translation>本机还没有区人大公钥，数据包无法加密，导出时不含来访群众姓名和电话。请导入区人大公钥文件，并电话向区人大核对指纹。</translation>
    </message>
    <message>
        <source>USB drive %1 (%2)</source>
        <translation>U盘 %1（%2）</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exporting the bundle</source>
        <translation>正在导出数据包</translation>
    </message>
    <message>
        <source>Export without personal data</source>
        <translation>导出不含个人信息的数据包</translation>
    </message>
    <message>
        <source>This station does not hold the district&apos;s key yet, so the bundle cannot be encrypted: anyone who finds the stick could read it. Export it without visitors&apos; names and phones? They go to the district with the first encrypted bundle, once the district&apos;s key file is imported.</source>
        <translation>本家站点还没有区人大公钥，数据包无法加密：捡到U盘的人都能读取。是否导出不含来访群众姓名和电话的数据包？导入区人大公钥文件后，这些信息会随第一个加密数据包送达区人大。</translation>
    </message>
    <message>
        <source>Bundle %1 written: %2 records.
%3</source>
        <translation>已生成第 %1 号数据包：%2 条记录。
%3</translation>
    </message>
    <message>
        <source>Not encrypted; without visitors&apos; names and phones.</source>
        <translation>未加密；不含来访群众姓名和电话。</translation>
    </message>
    <message>
        <source>Import the district&apos;s key file</source>
        <translation>导入区人大公钥文件</translation>
    </message>
    <message>
        <source>District key files (*.liaison-key)</source>
        <translation>区人大公钥文件 (*.liaison-key)</translation>
    </message>
    <message>
        <source>This station holds this district key already (fingerprint %1).</source>
        <translation>本家站点已登记这把区人大密钥（指纹 %1）。</translation>
    </message>
    <message>
        <source>This key file holds a NEW district key, fingerprint:

%1

It replaces the key registered here (%2). Phone the district office: accept it only if they read you the same fingerprint.</source>
        <translation>此文件中是一把新的区人大密钥，指纹：

%1

它将取代本机登记的密钥（%2）。请打电话给区人大：只有对方读出的指纹与此一致时才接受。</translation>
    </message>
    <message>
        <source>The district office&apos;s key, fingerprint:

%1

Phone the district office: accept it only if they read you the same fingerprint.</source>
        <translation>区人大的公钥，指纹：

%1

请打电话给区人大：只有对方读出的指纹与此一致时才接受。</translation>
    </message>
    <message>
        <source>The district&apos;s key is registered (fingerprint %1): bundles are encrypted for it.</source>
        <translation>已登记区人大公钥（指纹 %1）：今后的数据包都加密给区人大。</translation>
    </message>
    <message>
        <source>Accept the district&apos;s new key</source>
        <translation>接受区人大的新密钥</translation>
    </message>
    <message>
        <source>Return bundles are signed with a new district key:

%1

Accept it only after the district office has read you the same fingerprint over the phone.</source>
        <translation>返回数据包使用了新的区人大密钥签名：

%1

只有在区人大通过电话向您读出相同的指纹后才接受。</translation>
    </message>
    <message>
        <source>Import return bundle</source>
        <translation>导入返回数据包</translation>
    </message>
    <message>
        <source>Bundles (*.liaison)</source>
        <translation>数据包 (*.liaison)</translation>
    </message>
    <message>
        <source>This office&apos;s key fingerprint: %1 (read it out to a station that imports the key file).</source>
        <translation>本机（区人大）密钥指纹：%1（家站点导入公钥文件时，请在电话中向其读出）。</translation>
    </message>
    <message>
        <source>(new key waiting: %1)</source>
        <translation>（新密钥待确认：%1）</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>已加密</translation>
    </message>
    <message>
        <source>Signed only</source>
        <translation>仅签名</translation>
    </message>
    <message>
        <source>Return bundles are encrypted for this station&apos;s key %1.</source>
        <translation>返回数据包已加密给该家站点的密钥 %1。</translation>
    </message>
    <message>
        <source>Not yet encrypted: return bundles are only signed until a bundle from this station brings its encryption key.</source>
        <translation>尚未加密：在收到该家站点带有加密公钥的数据包之前，返回数据包只签名、不加密。</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to resolve</source>
        <translation>
            <numerusform>有 %n 处冲突待处理</numerusform>
        </translation>
    </message>
    <message>
        <source>Import bundles from folder</source>
        <translation>从文件夹导入数据包</translation>
    </message>
    <message>
        <source>Write return bundles to</source>
        <translation>返回数据包保存到</translation>
    </message>
    <message>
        <source>Writing return bundles…</source>
        <translation>正在生成返回数据包…</translation>
    </message>
    <message>
        <source>Writing return bundles</source>
        <translation>正在生成返回数据包</translation>
    </message>
    <message>
        <source>Return bundle %1 for %2, encrypted for the station: %3</source>
        <translation>%2 的第 %1 号返回数据包（已加密给该家站点）：%3</translation>
    </message>
    <message>
        <source>Return bundle %1 for %2, signed only and NOT encrypted (no encryption key from the station yet; import one of its bundles first): %3</source>
        <translation>%2 的第 %1 号返回数据包（仅签名，未加密：尚未收到该家站点的加密公钥，请先导入其一次数据包）：%3</translation>
    </message>
    <message>
        <source>Write the key file to</source>
        <translation>公钥文件保存到</translation>
    </message>
    <message>
        <source>Writing the key file…</source>
        <translation>正在写出公钥文件…</translation>
    </message>
    <message>
        <source>Writing the key file</source>
        <translation>写出公钥文件</translation>
    </message>
    <message>
        <source>The district&apos;s key file is written:
%1
Fingerprint: %2
Give it to the stations. When a station imports it, read this fingerprint to its clerk over the phone.</source>
        <translation>区人大公钥文件已写出：
%1
指纹：%2
请把文件交给各家站点。家站点导入时，请通过电话向其工作人员读出此指纹。</translation>
    </message>
    <message>
        <source>Accept new key</source>
        <translation>接受新密钥</translation>
    </message>
    <message>
        <source>Station %1 signs its bundles with a new key:

%2

Accept it only after the station has read the same fingerprint to you over the phone.</source>
        <translation>家站点 %1 改用了新的密钥签名：

%2

请先电话联系该家站点，核对对方读出的指纹一致后再接受。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Importing bundles</source>
        <translation>正在导入数据包</translation>
    </message>
</context>
</TS>
