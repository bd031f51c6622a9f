"""Realistic Chinese demo content for the demo city; pure Python, deterministic for a seed."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

PLACES = ("弥阳街道", "新哨镇", "虹溪镇", "竹园镇", "朋普镇", "巡检司镇", "西一镇", "西二镇",
          "西三镇", "东山镇", "五山乡", "江边乡")
TOPICS = ("乡村振兴", "营商环境", "安全生产", "森林防火", "医保参保", "义务教育", "红酒产业",
          "文旅融合", "高原湖泊保护", "农村人居环境", "就业创业", "城市更新", "食品安全",
          "河湖长制", "防汛抗旱", "民族团结进步", "数字政府", "重点项目建设")
SURNAMES = "李王张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ("晓梅", "建国", "丽华", "志强", "文静", "海涛", "春燕", "明亮", "秀英", "国华", "云峰", "红梅")
TOPIC_CATEGORIES = ("综合政务", "国民经济管理、国有资产监管", "财政、金融、审计", "农业、林业、水利",
                    "城乡建设、环境保护", "科技、教育", "卫生、体育", "劳动、人事、监察",
                    "民政、扶贫、救灾", "市场监管、安全生产监管", "商贸、海关、旅游")

LEADERS: list[tuple[str, str]] = [
    ("周明远", "市长"), ("孙立群", "常务副市长"), ("何雅琴", "副市长"),
    ("郭振华", "副市长"), ("林思源", "副市长"),
]

_NEWS_TITLES = (
    "{city}召开{year}年{topic}工作推进会",
    "{place}扎实推进{topic}工作",
    "{city}{topic}工作取得阶段性成效",
    "{unit}开展{topic}专项督查",
    "{city}举行{topic}现场观摩活动",
    "{place}：{topic}跑出“加速度”",
    "{unit}召开{month}月份{topic}工作例会",
    "{city}部署{year}年第{quarter}季度{topic}重点任务",
)
_NOTICE_TITLES = (
    "关于开展{year}年{topic}专项检查的通知",
    "关于{topic}有关事项的公告",
    "{unit}关于{year}年{topic}项目的公示",
    "关于做好{year}年{topic}工作的通知",
    "{city}{year}年{topic}资金分配结果公示",
)
_POLICY_TITLES = (
    "关于印发《{city}{topic}实施方案》的通知",
    "关于进一步加强{topic}工作的实施意见",
    "关于印发《{city}{topic}管理办法》的通知",
    "关于印发《{city}{year}年{topic}工作要点》的通知",
)
_PARAGRAPHS = (
    "{date}，{unit}组织召开专题会议，传达学习上级关于{topic}工作的部署要求，"
    "研究部署下一阶段重点任务。会议指出，要坚持问题导向和目标导向，压实各方责任，确保各项措施落地见效。",
    "会议强调，各乡镇（街道）、各部门要把{topic}作为当前一项重要工作来抓，"
    "主要负责同志亲自研究、亲自部署，分管负责同志具体抓、抓具体，形成上下联动、齐抓共管的工作格局。",
    "今年以来，{city}围绕{topic}目标任务，统筹推进各项工作，{place}等地先行先试，"
    "形成了一批可复制、可推广的经验做法，群众获得感、幸福感、安全感不断增强。",
    "下一步，{unit}将持续加强统筹协调和跟踪问效，定期通报工作进展，"
    "对工作推进不力、措施落实不到位的单位进行督促整改，确保按期完成{year}年度目标任务。",
    "据统计，截至{month}月底，全市累计完成{topic}相关项目{n}个，完成年度计划的{pct}%，"
    "各项指标总体保持平稳向好态势。",
    "活动现场，工作人员通过发放宣传资料、现场解答咨询等方式，向群众宣传{topic}相关政策，"
    "共发放宣传资料{n}余份，解答群众咨询{m}人次。",
)
_POLICY_PARAGRAPHS = (
    "各乡镇人民政府、街道办事处，市直各委、办、局：现将《{doc}》印发给你们，请认真贯彻执行。",
    "一、总体要求。坚持以人民为中心的发展思想，围绕{topic}目标任务，"
    "着力破解制约发展的突出问题，推动{topic}工作提质增效。",
    "二、主要任务。（一）健全工作机制；（二）强化要素保障；（三）加强监督检查；"
    "（四）做好宣传引导。各牵头单位要制定具体措施，明确时间节点和责任人。",
    "三、保障措施。各地各部门要加强组织领导，落实工作经费，"
    "建立定期调度和考核评价制度，确保各项任务按期完成。本文件自印发之日起施行。",
)


@dataclass(frozen=True)
class DemoItem:
    kind: str
    title: str
    summary: str
    paragraphs: list[str]
    source: str
    author: str
    published_at: dt.datetime
    issuing_authority: str = ""
    document_number: str = ""
    topic_category: str = ""
    written_date: dt.date | None = None
    interprets: str = ""


_POLICY_COLUMNS = ("政策文件", "政府文件", "省政府文件", "国务院文件", "州政府文件", "政策法规",
                   "法规文件", "规划计划", "招商政策", "信息公开条例")
_NOTICE_COLUMNS = ("公示公告", "通知公告", "人事任免", "公务员招考", "政府集中采购", "公共资源交易",
                   "行政事业性收费")


# Columns that carry items of higher governments name those governments in titles.
_REGION_OF = {"国务院": "国家", "省政府": "云南省", "州政府": "红河州"}


def kind_for(column_title: str, column_type: str) -> str:
    """Which kind of item a column holds."""
    if column_type == "政策解读" or column_title == "政策解读":
        return "interpretation"
    if column_title in _POLICY_COLUMNS or column_type == "政策文件":
        return "policy"
    if column_title in _NOTICE_COLUMNS:
        return "notice"
    return "article"


def _issuer(column_title: str, unit: str) -> tuple[str, str]:
    """(issuing authority, document number prefix) of a policy column."""
    if column_title == "国务院文件":
        return "国务院", "国发"
    if column_title == "省政府文件":
        return "云南省人民政府", "云政发"
    if column_title == "州政府文件":
        return "红河州人民政府", "红政发"
    if unit.endswith("人民政府") or unit.endswith("人民政府办公室"):
        return "弥勒市人民政府", "弥政发"
    return unit, "弥" + unit.removeprefix("弥勒市")[:2] + "发"


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _fill(template: str, values: dict) -> str:
    return template.format(**values)


def _values(rng: random.Random, when: dt.datetime, city: str, unit: str, topic: str) -> dict:
    return {
        "city": city, "unit": unit, "topic": topic, "place": rng.choice(PLACES),
        "year": when.year, "month": when.month, "quarter": (when.month - 1) // 3 + 1,
        "date": f"{when.month}月{when.day}日", "n": rng.randint(12, 380), "m": rng.randint(100, 2600),
        "pct": rng.randint(60, 98),
    }


def _dates(count: int, start: dt.datetime, end: dt.datetime, rng: random.Random) -> list[dt.datetime]:
    span = max((end - start).total_seconds(), 1)
    moments = sorted(start + dt.timedelta(seconds=rng.uniform(0, span)) for _ in range(count))
    return [m.replace(hour=rng.randint(8, 18), minute=rng.randint(0, 59), second=0, microsecond=0)
            for m in moments]


def generate_items(*, column_title: str, column_type: str, unit: str, city: str, count: int,
                   start: dt.datetime, end: dt.datetime, rng: random.Random) -> list[DemoItem]:
    """Items for one column, newest last, published between `start` and `end`."""
    kind = kind_for(column_title, column_type)
    templates = {"policy": _POLICY_TITLES, "notice": _NOTICE_TITLES}.get(kind, _NEWS_TITLES)
    items: list[DemoItem] = []
    seen: set[str] = set()
    numbers: dict[tuple[str, int], int] = {}
    city = _REGION_OF.get(column_title[:3], city)
    for when in _dates(count, start, end, rng):
        for _attempt in range(50):
            topic = rng.choice(TOPICS)
            values = _values(rng, when, city, unit, topic)
            title = _fill(rng.choice(templates), values)
            if title not in seen:
                break
        else:
            title = f"{title}（{column_title}）"
        seen.add(title)
        items.append(_item(kind, title, values, column_title, unit, when, rng, numbers))
    return items


def _item(kind, title, values, column_title, unit, when, rng, numbers) -> DemoItem:
    author = _person(rng)
    if kind == "policy":
        issuer, prefix = _issuer(column_title, unit)
        key = (prefix, when.year)
        numbers[key] = numbers.get(key, rng.randint(1, 20)) + 1
        paragraphs = [_fill(p, {**values, "doc": title}) for p in _POLICY_PARAGRAPHS]
        return DemoItem(
            kind="policy", title=title,
            summary=f"为推进{values['topic']}工作，{issuer}印发本文件，明确总体要求、主要任务和保障措施。",
            paragraphs=paragraphs, source=issuer, author=author, published_at=when,
            issuing_authority=issuer, document_number=f"{prefix}〔{when.year}〕{numbers[key]}号",
            topic_category=rng.choice(TOPIC_CATEGORIES),
            written_date=(when - dt.timedelta(days=rng.randint(2, 10))).date(),
        )
    paragraphs = [_fill(p, values) for p in rng.sample(_PARAGRAPHS, rng.randint(3, 5))]
    summary = f"{unit}围绕{values['topic']}工作，推动各项任务落实落地，取得积极成效。"
    return DemoItem(kind=kind, title=title, summary=summary, paragraphs=paragraphs,
                    source=unit, author=author, published_at=when)


def interpretation_of(policy: DemoItem, unit: str, rng: random.Random) -> DemoItem:
    """An interpretation of `policy`, published a day or two after it (P2)."""
    name = policy.title.removeprefix("关于印发").removesuffix("的通知")
    when = policy.published_at + dt.timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 5))
    paragraphs = [
        f"近日，{policy.issuing_authority}印发{name}（{policy.document_number}）。为便于社会公众理解，现解读如下。",
        "一、出台背景。文件立足本地实际，针对群众和企业反映集中的问题，对有关工作作出系统安排。",
        "二、主要内容。文件明确了总体要求、主要任务和保障措施，细化了各责任单位的职责分工和完成时限。",
        f"三、解读机关及联系方式。解读机关：{unit}，咨询电话：0873-6122000（工作日）。",
    ]
    return DemoItem(kind="interpretation", title=f"一图读懂{name}", summary=f"对{name}的政策解读。",
                    paragraphs=paragraphs, source=unit, author=_person(rng), published_at=when,
                    interprets=policy.title)


def leader_bio(name: str, title: str, rng: random.Random) -> list[str]:
    """Profile paragraphs of a city leader for the 政府领导 column."""
    return [f"{name}，{title}，负责市政府全面工作或分管领域工作。",
            f"工作分工：负责{rng.choice(TOPICS)}、{rng.choice(TOPICS)}等方面工作。"]
