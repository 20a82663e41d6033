<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DeputiesTableModel</name>
    <message>
        <location filename="../../ui/models/deputies_model.py" line="16"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/models/deputies_model.py" line="17"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/models/deputies_model.py" line="28"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/models/deputies_model.py" line="30"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../ui/models/deputies_model.py" line="37"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/models/deputies_model.py" line="44"/>
        <source>Delegation</source>
        <translation>代表团</translation>
    </message>
    <message>
        <location filename="../../ui/models/deputies_model.py" line="50"/>
        <source>Professional group</source>
        <translation>专业小组</translation>
    </message>
    <message>
        <location filename="../../ui/models/deputies_model.py" line="56"/>
        <source>Stationed at</source>
        <translation>入驻家站点</translation>
    </message>
    <message>
        <location filename="../../ui/models/deputies_model.py" line="58"/>
        <source>Serving</source>
        <translation>在职</translation>
    </message>
</context>
<context>
    <name>ItemsTableModel</name>
    <message>
        <location filename="../../ui/models/items_model.py" line="23"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/models/items_model.py" line="24"/>
        <source>Date</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/items_model.py" line="26"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/models/items_model.py" line="32"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/models/items_model.py" line="34"/>
        <source>Community</source>
        <translation>小区</translation>
    </message>
    <message>
        <location filename="../../ui/models/items_model.py" line="37"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/items_model.py" line="44"/>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/models/items_model.py" line="50"/>
        <source>Due date</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <location filename="../../ui/models/items_model.py" line="57"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../ui/models/items_model.py" line="64"/>
        <source>Station</source>
        <translation>家站点</translation>
    </message>
</context>
<context>
    <name>ReceptionDaysTableModel</name>
    <message>
        <location filename="../../ui/models/reception_days_model.py" line="31"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/reception_days_model.py" line="32"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/models/reception_days_model.py" line="34"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/models/reception_days_model.py" line="39"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../ui/models/reception_days_model.py" line="41"/>
        <source>Scheduled / present</source>
        <translation>排班/到场</translation>
    </message>
    <message>
        <location filename="../../ui/models/reception_days_model.py" line="48"/>
        <source>Station</source>
        <translation>家站点</translation>
    </message>
</context>
<context>
    <name>VisitsTableModel</name>
    <message>
        <location filename="../../ui/models/visits_model.py" line="27"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/models/visits_model.py" line="29"/>
        <source>Visitor</source>
        <translation>来访人</translation>
    </message>
    <message>
        <location filename="../../ui/models/visits_model.py" line="34"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/models/visits_model.py" line="36"/>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../ui/models/visits_model.py" line="43"/>
        <source>Community</source>
        <translation>小区</translation>
    </message>
    <message>
        <location filename="../../ui/models/visits_model.py" line="45"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/models/visits_model.py" line="47"/>
        <source>Issue raised</source>
        <translation>反映问题</translation>
    </message>
    <message>
        <location filename="../../ui/models/visits_model.py" line="54"/>
        <source>Received by</source>
        <translation>接待代表</translation>
    </message>
</context>
</TS>
