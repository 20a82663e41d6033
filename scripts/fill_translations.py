"""Fill the zh_CN translations of resources/translations/main_zh_CN.ts from the table below.

Run after `make translations-update AREA=main FILES=…` added new source strings: every source string of the
main window's area has its Chinese here, so the .ts stays complete (tests/ui/test_translations.py checks it).
Usage: python scripts/fill_translations.py [path/to/main_zh_CN.ts]
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ZH: dict[str, str] = {
    # navigation and window
    "Dashboard": "工作台",
    "Reception days": "接待日",
    "Visits": "来访登记",
    "Sentiment items": "社情民意",
    "Deputies": "代表",
    "Reports": "报表",
    "Data exchange": "数据同步",
    "Settings": "设置",
    "Liaison Desk": "代表家站点工作台",
    "Liaison Desk — first run": "代表家站点工作台 — 首次使用",
    "Database: %1": "数据库：%1",
    "Operator: %1": "操作员：%1",
    "&File": "文件(&F)",
    "&Help": "帮助(&H)",
    "&New": "新建(&N)",
    "&Search": "查找(&S)",
    "&Print": "打印(&P)",
    "&Quit": "退出(&Q)",
    "User &manual": "使用手册(&M)",
    "&About Liaison Desk": "关于代表家站点工作台(&A)",
    "Finishing the current task…": "正在完成当前任务…",
    "Page": "页面",
    "“%1” is not available in this version.": "此版本暂不提供“%1”。",
    # dashboard
    "Next reception day": "下一个接待日",
    "Deputies present (person-times)": "代表到场（人次）",
    "Residents received (person-visits)": "接待群众（人次）",
    "Sentiment items raised": "收集社情民意（条）",
    "Items fed back": "已反馈（条）",
    "Number": "编号",
    "Title": "标题",
    "Step": "环节",
    "Waiting since": "等待起始",
    "This month": "本月",
    "This month: %1": "本月：%1",
    "Waiting too long": "超期未办",
    "Loading…": "正在加载…",
    "No reception day is scheduled. Plan one on the Reception days page.": "尚未安排接待日。请在“接待日”页面安排。",
    "On duty:": "值班代表：",
    "No deputy is scheduled yet.": "尚未排班。",
    "Person-visits per month, last 12 months": "近12个月每月接待人次",
    "Person-visits": "接待人次",
    "Sentiment items by category, last 12 months": "近12个月社情民意分类",
    "Items": "条数",
    "Sentiment items by step, last 12 months": "近12个月社情民意办理环节",
    # deputies
    "Search name, delegation, group…": "搜索姓名、代表团、专业小组…",
    "All levels": "全部层级",
    "Stationed here only": "仅本站入驻代表",
    "Add a deputy": "添加代表",
    "Record of duty": "履职档案",
    "Reception days present": "接待日到场",
    "On leave": "请假",
    "Absent": "缺席",
    "Scheduled, not yet held": "已排班未举行",
    "Sentiment items collected": "收集社情民意",
    "Choose a deputy in the table": "请在表中选择一位代表",
    " deputy": "人大代表",
    "no longer serving": "已不再任职",
    "Leave this station": "退出本站",
    "Station here": "入驻本站",
    "Name": "姓名",
    "Level": "层级",
    "Gender": "性别",
    "Deputy number": "代表编号",
    "Delegation / constituency": "代表团/选区",
    "Phone": "联系电话",
    "Professional group": "专业小组",
    "Stationed at this station": "入驻本家站点",
    # first run
    "Welcome to Liaison Desk": "欢迎使用代表家站点工作台",
    "Who will use this computer?": "这台电脑由谁使用？",
    "A deputy liaison station (home, station or contact point)": "代表家站点（代表之家、代表联络站或代表联系点）",
    "Schedule reception days, register visits and sentiment items, take bundles to the district.": "安排接待日，登记来访和社情民意，把数据包交给区人大。",
    "The district office": "区人大（汇总端）",
    "Merge every station's bundles, report the district, send the roster back.": "汇总各家站点的数据包，出具全区报表，下发代表名册。",
    "Operator": "操作员",
    "Your name is recorded with every change you make.": "您的每一次修改都会记录您的姓名。",
    "Your name": "您的姓名",
    "This station": "本家站点",
    "The office's name is printed on the district's reports.": "名称将印在全区报表上。",
    "The code identifies this station's data at the district office; it cannot change later.": "编号用于在区人大识别本站数据，设定后不能更改。",
    "Station code": "家站点编号",
    "Station name": "家站点名称",
    "Kind": "类型",
    "Street or town": "所属街道/镇",
    "Office name": "名称",
    "e.g. YP-01": "如 YP-01",
    "e.g. 控江路街道代表之家": "如 控江路街道代表之家",
    "e.g. 杨浦区人大常委会": "如 杨浦区人大常委会",
    "Deputy roster": "代表名册",
    "Import the roster now, or later from the Deputies page.": "现在导入代表名册，或以后在“代表”页面导入。",
    "A roster is an Excel (.xlsx) or CSV file with the deputies' names, levels and stations.": "代表名册是含代表姓名、层级和所在家站点的 Excel（.xlsx）或 CSV 文件。",
    "This version cannot import a roster yet; deputies can be added on the Deputies page.": "此版本暂不能导入名册；可在“代表”页面逐一添加代表。",
    "Choose file…": "选择文件…",
    "Import now": "立即导入",
    "Spreadsheets (*.xlsx *.csv)": "表格文件 (*.xlsx *.csv)",
    "Choose a file first.": "请先选择文件。",
    "Importing the roster…": "正在导入代表名册…",
    # items
    "Handling": "办理",
    "Handling department": "承办单位",
    "Due date": "办理期限",
    "Handling reply": "办理结果",
    "Resident's satisfaction": "群众满意度",
    "Reason": "原因",
    "Why the item goes back a step": "退回上一步的原因",
    "Back one step": "退回上一步",
    "Move to: %1": "转到：%1",
    "This item has been fed back to the resident.": "此事项已反馈给群众。",
    "Record satisfaction": "登记满意度",
    "New sentiment item": "新建社情民意",
    "Edit sentiment item": "修改社情民意",
    "Date": "日期",
    "Content": "内容",
    "Category": "类别",
    "Community": "小区/居委",
    "Source": "来源",
    "All": "全部",
    "Search title, content, department…": "搜索标题、内容、承办单位…",
    "All categories": "全部类别",
    "New item": "新建社情民意",
    "Edit": "修改",
    "History": "办理记录",
    "Choose an item in the table": "请在表中选择一条社情民意",
    "Step: %1": "环节：%1",
    "Date: %1": "日期：%1",
    "Source: %1": "来源：%1",
    "Category: %1": "类别：%1",
    "Community: %1": "小区/居委：%1",
    "Department: %1": "承办单位：%1",
    "Due: %1": "办理期限：%1",
    "Reply: %1": "办理结果：%1",
    "Satisfaction: %1": "满意度：%1",
    "raised": "提出",
    "(reason: %1)": "（原因：%1）",
    "edited: %1": "修改：%1",
    "note: %1": "备注：%1",
    # reception days
    "Reception day": "接待日",
    "Time": "时间",
    "Theme": "主题",
    "Notes": "备注",
    "Deputies on duty": "值班代表",
    "to": "至",
    "Leave empty for a regular reception day": "常规接待日可不填",
    "Save": "保存",
    "New reception day": "新建接待日",
    "Delete": "删除",
    "Attendance": "出勤",
    "Deputy": "代表",
    "Visits received that day": "当天来访",
    "Register a visit on this day": "登记当天来访",
    "Saved.": "已保存。",
    "Delete reception day": "删除接待日",
    "Delete this reception day and its duty roster? Its visits are kept.": "删除此接待日及其排班？当天的来访登记会保留。",
    "Not stationed here": "未入驻本站",
    "(name not given)": "（未留姓名）",
    "%1, %2 person(s): %3": "%1，%2人：%3",
    # settings
    "Language": "语言",
    "Backup folder": "备份文件夹",
    "Days before an item is overdue": "超期天数",
    "Light": "浅色",
    "Dark": "深色",
    "Beside the database when empty": "不填则保存在数据库旁边",
    "Choose…": "选择…",
    " days": " 天",
    # visits
    "Search visitor, community, issue…": "搜索来访人、小区、反映问题…",
    "From": "从",
    "yyyy-mm-dd": "年-月-日",
    "Show phone numbers": "显示完整电话",
    "Visit": "来访登记",
    "Visitor": "来访人",
    "People": "人数",
    "Issue raised": "反映问题",
    "Received by": "接待代表",
    "May be left empty": "可不填",
    "Mobile or landline": "手机或固定电话",
    "New": "新建",
    "Make a sentiment item": "转为社情民意",
    "None (outside a reception day)": "无（非接待日来访）",
    "Sentiment item %1 created from this visit.": "已根据此来访生成社情民意 %1。",
    "Delete visit": "删除来访登记",
    "Delete this visit? Items made from it are kept.": "删除此来访登记？由它生成的社情民意会保留。",
    "Station": "家站点",
    "&Back up now": "立即备份(&B)",
    "Backup saved: %1": "备份已保存：%1",
    "Backup failed: %1": "备份失败：%1",
    "Daily backup…": "每日自动备份…",
    "Backing up…": "正在备份…",
    "Not yet exported: …": "未导出：…",
    "Unsaved visit": "来访登记未保存",
    "The visit in the form has not been saved. Discard what was typed?": "表单中的来访登记尚未保存。放弃已填写的内容？",
    "A note for the history (a call made, a visit paid…)": "添加备注（如已电话联系居民）",
    "Add note": "添加备注",
    "Plan a reception day": "安排接待日",
    "Visits are registered at the stations and arrive here in their bundles.": "来访由各家站点登记，随数据包汇总到此。",
    "Reception days are planned at the stations and arrive here in their bundles.": "接待日由各家站点安排，随数据包汇总到此。",
    "Import roster…": "导入代表名册…",
    # ledger import
    "&Import a ledger (Excel/CSV)…": "导入台账（Excel/CSV）(&I)…",
    "Import a ledger": "导入台账",
    "Ledger imported": "台账已导入",
    "Ledger not imported": "台账未导入",
    "Importing %1…": "正在导入 %1…",
}

# Plural forms: Chinese has one.
ZH_NUMERUS: dict[str, str] = {
    "Waiting more than %n days: %1": "等待超过 %n 天：%1 条",
    "Deputies: %n": "共 %n 位代表",
    "Items: %n": "共 %n 条",
    "Not yet exported: %n": "未导出：%n 条记录",
    "Reception days in %1: %n": "%1 共 %n 个接待日",
    "Visits: %n": "共 %n 条来访",
}


def fill(path: Path) -> list[str]:
    tree = ET.parse(path)
    missing: list[str] = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if message.get("numerus") == "yes":
            if source not in ZH_NUMERUS:
                missing.append(source)
                continue
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            ET.SubElement(translation, "numerusform").text = ZH_NUMERUS[source]
        else:
            if source not in ZH:
                missing.append(source)
                continue
            translation.text = ZH[source]
        translation.attrib.pop("type", None)
    ET.indent(tree, space="    ")
    with path.open("wb") as handle:
        handle.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(handle, encoding="utf-8", xml_declaration=False)
        handle.write(b"\n")
    return missing


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("resources/translations/main_zh_CN.ts")
    left = fill(target)
    for source in left:
        print(f"no translation for: {source!r}", file=sys.stderr)
    sys.exit(1 if left else 0)
