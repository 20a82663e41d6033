<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Liaison Desk</source>
        <translation>关于代表家站点工作台</translation>
    </message>
    <message>
        <source>Liaison Desk</source>
        <translation>代表家站点工作台</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Offline workbench for deputy liaison stations and the district office.</source>
        <translation>面向人大代表家站点和区人大汇总端的离线工作台。</translation>
    </message>
    <message>
        <source>Runs on Python %1, Qt %2, PySide6 %3.</source>
        <translation>运行环境：Python %1，Qt %2，PySide6 %3。</translation>
    </message>
    <message>
        <source>Chinese font: %1</source>
        <translation>中文字体：%1</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Bundled components and their licences (select one to read it):</source>
        <translation>随附的组件及其许可证（选中一行查看许可证全文）：</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>用途</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>User manual</source>
        <translation>用户手册</translation>
    </message>
    <message>
        <source>The user manual was not found. Looked in:
%1</source>
        <translation>找不到用户手册。已查找：
%1</translation>
    </message>
    <message>
        <source>No browser could be opened. The manual is the file:
%1</source>
        <translation>无法打开浏览器。用户手册是这个文件：
%1</translation>
    </message>
</context>
</TS>
