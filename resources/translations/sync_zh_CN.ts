<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="177" />
        <location filename="../../ui/pages/sync_page.py" line="180" />
        <location filename="../../ui/pages/sync_page.py" line="432" />
        <source>Data exchange</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="181" />
        <source>Export a bundle for the district office</source>
        <translation>导出数据包（报送区人大）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="182" />
        <source>Write to</source>
        <translation>写入到</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="183" />
        <source>Everything (not only the changes)</source>
        <translation>全部数据（不只是变更）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="184" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="185" />
        <source>Return bundle from the district office</source>
        <translation>区人大返回数据包</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="186" />
        <source>Import return bundle…</source>
        <translation>导入返回数据包…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="187" />
        <source>Stations</source>
        <translation>家站点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="190" />
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="191" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="192" />
        <source>Last bundle</source>
        <translation>最近数据包</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="193" />
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="194" />
        <source>Missing bundles</source>
        <translation>缺少的数据包</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="195" />
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="196" />
        <source>Visits</source>
        <translation>来访</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="197" />
        <source>Items</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="198" />
        <source>Open items</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="201" />
        <source>Import bundles from a folder…</source>
        <translation>从文件夹导入数据包…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="202" />
        <source>Write return bundles…</source>
        <translation>生成返回数据包…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="203" />
        <source>Accept new key…</source>
        <translation>接受新密钥…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="204" />
        <source>Import summary</source>
        <translation>导入摘要</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="224" />
        <source>Last export: bundle %1 on %2, to %3</source>
        <translation>上次导出：第 %1 号数据包，%2，保存于 %3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="230" />
        <source>Nothing exported yet.</source>
        <translation>尚未导出过数据包。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/sync_page.py" line="232" />
        <source>%n change(s) not yet exported.</source>
        <translation><numerusform>有 %n 条变更尚未导出。</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="234" />
        <source>Every change has been exported.</source>
        <translation>所有变更均已导出。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="237" />
        <source>Bundles are encrypted for the district office (key %1).</source>
        <translation>数据包已加密，只有区人大能打开（密钥 %1）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="242" />
        <source>Bundles are signed but not yet encrypted: import a return bundle from the district first.</source>
        <translation>数据包已签名但尚未加密：请先导入一次区人大的返回数据包。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="247" />
        <source>Last return bundle: %1, imported %2.</source>
        <translation>最近的返回数据包：第 %1 号，%2 导入。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="252" />
        <source>No return bundle imported yet.</source>
        <translation>尚未导入返回数据包。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/sync_page.py" line="254" />
        <source>%n item(s) with a reply to feed back to residents.</source>
        <translation><numerusform>有 %n 条社情民意已有办理结果，待反馈群众。</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="263" />
        <source>USB drive %1 (%2)</source>
        <translation>U盘 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="265" />
        <source>Choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="274" />
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="277" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="284" />
        <source>Exporting the bundle</source>
        <translation>正在导出数据包</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="291" />
        <source>Bundle %1 written: %2 records.
%3</source>
        <translation>已生成第 %1 号数据包：%2 条记录。
%3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="300" />
        <source>Import return bundle</source>
        <translation>导入返回数据包</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="300" />
        <source>Bundles (*.liaison)</source>
        <translation>数据包 (*.liaison)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="314" />
        <source>(new key waiting: %1)</source>
        <translation>（新密钥待确认：%1）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/sync_page.py" line="332" />
        <source>%n conflict(s) to resolve</source>
        <translation><numerusform>有 %n 处冲突待处理</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="340" />
        <source>Import bundles from folder</source>
        <translation>从文件夹导入数据包</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="347" />
        <source>Write return bundles to</source>
        <translation>返回数据包保存到</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="360" />
        <source>Writing return bundles…</source>
        <translation>正在生成返回数据包…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="367" />
        <source>Writing return bundles</source>
        <translation>正在生成返回数据包</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="373" />
        <source>Return bundle %1 for %2: %3</source>
        <translation>%2 的第 %1 号返回数据包：%3</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="391" />
        <source>Accept new key</source>
        <translation>接受新密钥</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="393" />
        <source>Station %1 signs its bundles with a new key:

%2

Accept it only after the station has read the same fingerprint to you over the phone.</source>
        <translation>家站点 %1 改用了新的密钥签名：

%2

请先电话联系该家站点，核对对方读出的指纹一致后再接受。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="408" />
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="415" />
        <source>Importing bundles</source>
        <translation>正在导入数据包</translation>
    </message>
</context>
</TS>
