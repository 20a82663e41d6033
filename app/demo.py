"""Realistic demo data: a district's roster, reception days, residents received and items in every stage.

Deterministic for a given seed, so screenshots, examples and tests see the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app import identity
from app.domain import ItemStatus
from app.services import deputies as deputy_service
from app.services import item_history
from app.services import items as item_service
from app.services import stations as station_service
from app.services.reception import duty_uuid_for
from app.services.visits import visit_deputy_uuid_for
from app.session import Session
from db import clock
from db.records import Writer

STREETS = (
    "控江路街道",
    "殷行街道",
    "五角场街道",
    "新江湾城街道",
    "大桥街道",
    "平凉路街道",
    "江浦路街道",
    "定海路街道",
)
DEMO_STATIONS: tuple[tuple[str, str, str, str], ...] = (
    ("YP-01", "控江路街道代表之家", "home", "控江路街道"),
    ("YP-02", "殷行街道代表之家", "home", "殷行街道"),
    ("YP-03", "五角场街道代表联络站", "station", "五角场街道"),
    ("YP-04", "新江湾城滨江代表联络站", "station", "新江湾城街道"),
    ("YP-05", "大桥街道代表联系点", "point", "大桥街道"),
    ("YP-06", "平凉路街道代表之家", "home", "平凉路街道"),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力斌宇浩凯俊峰晨琳雪梅婷慧颖佳欣怡宁海波鹏飞亮"
COMMUNITIES = (
    "控江一村",
    "凤城三村",
    "鞍山四村",
    "延吉新村",
    "长白二村",
    "国和一居",
    "中原小区",
    "民星苑",
    "工农新村",
    "政立路小区",
    "铁岭路居委",
    "新江湾城尚景园",
    "复旦大学第一宿舍",
    "包头路居委",
    "凤南一村",
)
TOPICS: dict[str, tuple[tuple[str, str], ...]] = {
    "城市建设": (
        (
            "老旧小区加装电梯进度缓慢",
            "居民反映本小区多个门洞已签字同意加装电梯，但审批和施工进度缓慢，希望协调推进。",
        ),
        ("旧住房成套改造方案征求意见", "居民希望成套改造方案在公示前充分听取住户意见，合理安排过渡安置。"),
    ),
    "物业管理": (
        ("物业维修基金使用不透明", "业主反映维修基金使用情况未公示，希望业委会和物业公开账目。"),
        ("小区门禁系统长期损坏", "门禁损坏半年未修，外来人员随意进出，存在安全隐患。"),
    ),
    "交通出行": (
        ("路口早高峰拥堵", "学校门口路口早高峰接送车辆乱停，建议设置临时停车区并增派协管。"),
        ("公交线路调整后出行不便", "公交线路调整后老年人就医需换乘两次，希望恢复原站点或增设接驳。"),
        ("非机动车停车难", "地铁站出口非机动车停放混乱，建议增设停车架。"),
    ),
    "环境卫生": (
        ("垃圾分类投放点异味", "湿垃圾投放点夏季异味严重，希望增加清运频次并加装除臭设施。"),
        ("沿街商铺油烟扰民", "底层餐饮店油烟直排，影响楼上居民开窗通风。"),
    ),
    "养老服务": (
        ("社区食堂供餐不足", "长者食堂中午排队时间长，菜品不够，希望扩大供餐能力。"),
        ("独居老人助浴需求", "高龄独居老人洗澡困难，希望社区提供助浴服务。"),
    ),
    "教育医疗": (
        ("社区卫生服务中心配药难", "部分慢性病药品在社区卫生服务中心配不到，需到大医院排队。"),
        ("托育机构名额紧张", "双职工家庭反映普惠托育名额不足。"),
    ),
    "社会保障": (("灵活就业人员参保咨询", "灵活就业人员希望了解医保和养老保险缴纳政策。"),),
    "公共安全": (("电动自行车楼道充电隐患", "楼道内飞线充电现象仍有发生，建议增设集中充电桩。"),),
    "市场监管": (("菜场价格标示不清", "菜场部分摊位价格标示不清，存在缺斤短两现象。"),),
    "文化体育": (("社区健身设施老化", "小区健身器材老化破损，希望更新并增加适合老年人的器材。"),),
}
DEPARTMENTS = (
    "区住房保障和房屋管理局",
    "区建设和管理委员会",
    "区交通委",
    "区绿化市容局",
    "区民政局",
    "区卫生健康委",
    "区市场监管局",
    "街道办事处",
    "区教育局",
    "区人社局",
)
REPLIES = (
    "已协调相关部门现场查看，制定整改方案并落实。",
    "已纳入年度实事项目，分步实施。",
    "已督促物业整改完毕，居民确认。",
    "已答复居民相关政策口径并提供办理指引。",
)


@dataclass
class DemoResult:
    stations: int
    deputies: int
    reception_days: int
    visits: int
    items: int


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _mobile(rng: random.Random) -> str:
    return rng.choice(("13", "15", "18", "17")) + "".join(str(rng.randrange(10)) for _ in range(9))


def _ensure_identity(session: Session) -> None:
    if not session.role:
        code, name, kind, street = DEMO_STATIONS[0]
        identity.init_station(
            session, code=code, name=name, kind=kind, street=street, operator=session.operator
        )


def generate(
    session: Session, *, months: int = 12, seed: int = 2023, today: date | None = None
) -> DemoResult:
    _ensure_identity(session)
    rng = random.Random(seed)
    today = today or clock.today()
    local_code, local_uuid = "", ""
    if session.is_district:
        codes = [s[0] for s in DEMO_STATIONS]
    else:
        local_uuid = session.local_station_uuid() or ""
        local_code = session.db.execute("SELECT code FROM stations WHERE uuid = ?", [local_uuid]).fetchone()[
            0
        ]
        codes = [local_code]
    result = DemoResult(0, 0, 0, 0, 0)
    with session.write() as writer:
        if local_code:
            # A station's own record is what its clerk set up: the demo neither renames it nor needs
            # its code to be a demo code. Other stations it knows only from the roster, as a roster
            # import would make them (placeholders that give way to their own records at the district).
            station_uuids = {
                s[0]: station_service.ensure_placeholder(writer, s[0])
                for s in DEMO_STATIONS
                if s[0] != local_code
            }
            station_uuids[local_code] = local_uuid
        else:
            station_uuids = {
                s[0]: station_service.upsert(writer, code=s[0], name=s[1], kind=s[2], street=s[3])
                for s in DEMO_STATIONS
            }
        result.stations = len(station_uuids)
        roster = _roster(writer, rng, station_uuids, today)
        result.deputies = len(roster)
        for code in codes:
            station_uuid = station_uuids[code]
            stationed = [d for d, stations in roster.items() if station_uuid in stations]
            _station_activity(writer, rng, station_uuid, code, stationed, months, today, result)
    return result


def _roster(
    writer: Writer, rng: random.Random, station_uuids: dict[str, str], today: date
) -> dict[str, set[str]]:
    roster: dict[str, set[str]] = {}
    levels = ["national"] * 2 + ["municipal"] * 10 + ["district"] * 48
    groups = ("城市建设组", "社会建设组", "经济组", "教科文卫组", "法制组", "生态环境组")
    since = date(today.year - 1, 1, 1).isoformat()
    for index, level in enumerate(levels, start=1):
        number = f"D{index:04d}"
        uuid = deputy_service.deputy_uuid_for(deputy_no=number, name="", level=level)
        writer.insert(
            "deputies",
            {
                "deputy_no": number,
                "name": _name(rng),
                "level": level,
                "gender": rng.choice(("male", "female")),
                "delegation": rng.choice(STREETS) + "选区",
                "phone": _mobile(rng),
                "professional_group": rng.choice(groups),
                "active": 1,
            },
            record_uuid=uuid,
        )
        home = rng.choice(list(station_uuids.values()))
        stations = {home}
        if level != "district" and rng.random() < 0.5:
            stations.add(rng.choice(list(station_uuids.values())))
        for station_uuid in stations:
            deputy_service.station(writer, uuid, station_uuid, since)
        roster[uuid] = stations
    return roster


def _month_starts(today: date, months: int) -> list[date]:
    first = date(today.year, today.month, 1)
    starts = []
    for back in range(months - 1, -1, -1):
        y, m = divmod(first.year * 12 + first.month - 1 - back, 12)
        starts.append(date(y, m + 1, 1))
    return starts


def _station_activity(
    writer: Writer,
    rng: random.Random,
    station_uuid: str,
    code: str,
    stationed: list[str],
    months: int,
    today: date,
    result: DemoResult,
) -> None:
    for month_start in _month_starts(today, months):
        days_in_month = [month_start + timedelta(days=rng.choice((8, 14, 20)))]
        if rng.random() < 0.4:
            days_in_month.append(month_start + timedelta(days=24))
        for day_date in days_in_month:
            past = day_date <= today
            theme_category = rng.choice(list(TOPICS))
            kind = rng.choice(("regular", "regular", "thematic", "door_to_door", "joint"))
            day = {
                "station_uuid": station_uuid,
                "date": day_date.isoformat(),
                "start_time": "09:00",
                "end_time": "11:30",
                "kind": kind,
                "theme": f"{theme_category}专题" if kind == "thematic" else "",
                "notes": "",
            }
            day_uuid = writer.insert("reception_days", day)
            result.reception_days += 1
            on_duty = rng.sample(stationed, k=min(len(stationed), rng.choice((2, 3, 3, 4))))
            for deputy_uuid in on_duty:
                status = "scheduled"
                if past:
                    status = rng.choices(("present", "leave", "absent"), weights=(85, 12, 3))[0]
                writer.insert(
                    "duties",
                    {
                        "reception_day_uuid": day_uuid,
                        "deputy_uuid": deputy_uuid,
                        "status": status,
                        "not_stationed": 0,
                    },
                    record_uuid=duty_uuid_for(day_uuid, deputy_uuid),
                )
            if not past:
                continue
            present = [d for d in on_duty if rng.random() < 0.9] or on_duty[:1]
            for _ in range(rng.randint(3, 9)):
                _visit(writer, rng, station_uuid, code, day_uuid, day_date, present, today, result)


def _visit(
    writer: Writer,
    rng: random.Random,
    station_uuid: str,
    code: str,
    day_uuid: str,
    day_date: date,
    receivers: list[str],
    today: date,
    result: DemoResult,
) -> None:
    category = rng.choice(list(TOPICS))
    title, content = rng.choice(TOPICS[category])
    headcount = rng.choices((1, 2, 3, 5, 8), weights=(70, 15, 8, 5, 2))[0]
    visit_uuid = writer.insert(
        "visits",
        {
            "station_uuid": station_uuid,
            "reception_day_uuid": day_uuid,
            "date": day_date.isoformat(),
            "visitor_name": _name(rng),
            "phone": _mobile(rng) if rng.random() < 0.85 else "",
            "community": rng.choice(COMMUNITIES),
            "headcount": headcount,
            "raised": content,
            "category": category,
        },
    )
    result.visits += 1
    for deputy_uuid in rng.sample(receivers, k=min(len(receivers), rng.choice((1, 1, 2)))):
        writer.insert(
            "visit_deputies",
            {"visit_uuid": visit_uuid, "deputy_uuid": deputy_uuid},
            record_uuid=visit_deputy_uuid_for(visit_uuid, deputy_uuid),
        )
    if rng.random() < 0.45:
        _item(writer, rng, station_uuid, code, visit_uuid, day_date, title, content, category, today)
        result.items += 1


def _item(
    writer: Writer,
    rng: random.Random,
    station_uuid: str,
    code: str,
    visit_uuid: str,
    day: date,
    title: str,
    content: str,
    category: str,
    today: date,
) -> None:
    cleaned: dict[str, Any] = {
        "date": day.isoformat(),
        "title": title,
        "content": content,
        "category": category,
        "community": "",
        "source_kind": "reception",
    }
    uuid = item_service.insert(writer, station_uuid, code, cleaned, visit_uuid=visit_uuid)
    age = (today - day).days
    # Older items have moved further along; a few stall, to give the overdue list something to show.
    steps = min(4, age // 12)
    if rng.random() < 0.15:
        steps = min(steps, rng.choice((0, 1)))
    if steps == 0:
        return
    status = ItemStatus.RAISED
    changes: dict[str, Any] = {}
    for target in list(ItemStatus)[1 : steps + 1]:
        if target == ItemStatus.ASSIGNED:
            changes["department"] = rng.choice(DEPARTMENTS)
            changes["due_date"] = (day + timedelta(days=30)).isoformat()
        if target == ItemStatus.RESOLVED:
            changes["reply"] = rng.choice(REPLIES)
        if target == ItemStatus.FED_BACK and rng.random() < 0.9:
            changes["satisfaction"] = rng.choices(
                ("satisfied", "basically", "unsatisfied"), weights=(80, 17, 3)
            )[0]
        item_service.write_event(writer, uuid, "status", from_status=status.value, to_status=target.value)
        status = target
    writer.update("items", uuid, {"status": status.value, **changes})
    if "satisfaction" in changes:
        item_service.write_event(
            writer, uuid, "note", note=item_history.satisfaction_note(changes["satisfaction"])
        )
