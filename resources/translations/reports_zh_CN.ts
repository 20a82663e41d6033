<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Station&apos;s monthly summary</source>
        <translation>家站点月报</translation>
    </message>
    <message>
        <source>Annual report</source>
        <translation>年度报告</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>家站点</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成报表</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Print visitors&apos; names (phone numbers are always masked)</source>
        <translation>打印来访群众姓名（电话号码始终隐去中间四位）</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Generate the report first.</source>
        <translation>请先生成报表。</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>There is no station to report on yet: import a station&apos;s bundle first.</source>
        <translation>还没有可生成报表的家站点：请先导入家站点的数据包。</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Generating the report</source>
        <translation>正在生成报表</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>No embeddable Chinese font was found on this computer, so the report uses the PDF viewer&apos;s own STSong-Light and may print differently elsewhere. Install WenQuanYi Zen Hei, SimHei or SimSun (TrueType) and generate it again.</source>
        <translation>本机没有可嵌入的中文字体，报表改用阅读器自带的宋体（STSong-Light），在其他电脑上打印效果可能不同。安装文泉驿正黑、黑体或宋体（TrueType）后重新生成即可。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>monthly-report-%1.pdf</source>
        <translation>家站点月报-%1.pdf</translation>
    </message>
    <message>
        <source>annual-report-%1.pdf</source>
        <translation>年度报告-%1.pdf</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>已发送 %n 页到打印机。</numerusform>
        </translation>
    </message>
</context>
</TS>
