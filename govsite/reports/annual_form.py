"""The 政府网站年度工作报表 as data (R1; 国办发〔2017〕47号, format of 国办函〔2018〕12号): groups and fields in the
national order, which cells the platform counts and which a person types, the cross-checks, the 31 January
deadline and the per-column annex. Pure Python: no Django import.

The groups are confirmed; the field list is partly unverified against the original format (standards.md).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

HAND_MARK = "（手工填报）"
UNVERIFIED_NOTE = "本表栏目分组与国办函〔2018〕12号格式一致；部分字段名称未能与原文逐字核实，请以上级最新通知为准。"
YES, NO = "是", "否"
PATH_STEP = 4  # Wagtail's tree path: four characters per level


class Kind(StrEnum):
    NUMBER = "number"
    DECIMAL = "decimal"
    YES_NO = "yes_no"
    TEXT = "text"
    DATE = "date"


class Origin(StrEnum):
    DATA = "data"  # counted from the platform's records
    SUM = "sum"  # the sum of other cells of the form
    HAND = "hand"  # typed by the unit


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: Kind
    origin: Origin
    unit: str = ""
    sub: bool = False  # a part of the field above it (indented)


@dataclass(frozen=True)
class Group:
    title: str
    fields: tuple[Field, ...]


def _data(key: str, label: str, kind: Kind = Kind.NUMBER, unit: str = "", sub: bool = False) -> Field:
    return Field(key, label, kind, Origin.DATA, unit, sub)


def _hand(key: str, label: str, kind: Kind = Kind.TEXT, unit: str = "", sub: bool = False) -> Field:
    return Field(key, label, kind, Origin.HAND, unit, sub)


FORM: tuple[Group, ...] = (
    Group("基本信息", (
        _data("site_name", "网站名称", Kind.TEXT),
        _data("home_url", "首页网址", Kind.TEXT),
        _data("sponsor", "主办单位", Kind.TEXT),
        _data("site_type", "网站类型", Kind.TEXT),
        _data("site_id_code", "政府网站标识码", Kind.TEXT),
        _data("icp_number", "ICP备案号", Kind.TEXT),
        _data("psb_number", "公安机关备案号", Kind.TEXT),
        _data("unique_visitors", "独立用户访问总量", unit="个"),
        _data("page_views", "网站总访问量", unit="次"),
    )),
    Group("信息发布", (
        _data("items_total", "总数", unit="条"),
        _data("items_overview", "概况类信息更新量", unit="条", sub=True),
        _data("items_dynamics", "政务动态信息更新量", unit="条", sub=True),
        _data("items_disclosure", "信息公开目录信息更新量", unit="条", sub=True),
    )),
    Group("专栏专题", (
        _data("topics_maintained", "维护数量", unit="个"),
        _data("topics_new", "新开设数量", unit="个"),
    )),
    Group("解读回应", (
        Field("interpretations_total", "解读信息发布总数", Kind.NUMBER, Origin.SUM, "条"),
        _data("interpretation_materials", "解读材料数量", unit="条", sub=True),
        _data("interpretation_products", "解读产品数量", unit="个", sub=True),
        _hand("media_commentaries", "媒体评论文章数量", Kind.NUMBER, "篇", sub=True),
        _data("responses", "回应公众关注热点或重大舆情数量", unit="次"),
    )),
    Group("办事服务", (
        _data("service_catalogue", "是否发布服务事项目录", Kind.YES_NO),
        _hand("registered_users", "注册用户数", Kind.NUMBER, "个"),
        _data("service_matters", "政务服务事项数量", unit="项"),
        _data("online_matters", "可全程在线办理政务服务事项数量", unit="项"),
        _data("cases_total", "办件量：总数", unit="件"),
        _data("cases_person", "自然人办件量", unit="件", sub=True),
        _data("cases_legal", "法人办件量", unit="件", sub=True),
    )),
    Group("互动交流", (
        _data("unified_platform", "是否使用统一平台", Kind.YES_NO),
        _data("letters_received", "留言办理：收到留言数量", unit="条"),
        _data("letters_completed", "留言办理：办结留言数量", unit="条"),
        _data("letters_average_days", "留言办理：平均办理时间", Kind.DECIMAL, "个工作日"),
        _data("letters_public", "留言办理：公开答复数量", unit="条"),
        _data("surveys", "征集调查：期数", unit="期"),
        _data("survey_opinions", "征集调查：收到意见数量", unit="条"),
        _data("survey_results", "征集调查：公布调查结果期数", unit="期"),
        _data("interviews", "在线访谈：期数", unit="期"),
        _data("interview_questions", "在线访谈：网民留言数量", unit="条"),
        _data("interview_answers", "在线访谈：答复网民提问数量", unit="条"),
        _hand("smart_qa", "是否提供智能问答功能", Kind.YES_NO),
    )),
    Group("安全防护", (
        _data("security_checks", "安全检测评估次数", unit="次"),
        _data("problems_found", "发现问题数量", unit="个"),
        _data("problems_fixed", "问题整改数量", unit="个"),
        _data("monitoring", "是否建立安全监测预警机制", Kind.YES_NO),
        _data("drills", "是否开展应急演练", Kind.YES_NO),
        _hand("security_officer", "是否明确网站安全责任人", Kind.YES_NO),
    )),
    Group("移动新媒体", (
        _hand("new_media", "是否有移动新媒体", Kind.YES_NO),
        _hand("weibo_name", "微博：名称"),
        _hand("weibo_posts", "微博：信息发布量", Kind.NUMBER, "条"),
        _hand("weibo_followers", "微博：关注量", Kind.NUMBER, "个"),
        _hand("wechat_name", "微信：名称"),
        _hand("wechat_posts", "微信：信息发布量", Kind.NUMBER, "条"),
        _hand("wechat_subscribers", "微信：订阅数", Kind.NUMBER, "个"),
        _hand("new_media_other", "其他"),
    )),
    Group("创新发展", (
        _hand("search_service", "搜索即服务"),
        _hand("multilingual", "多语言版本"),
        _hand("accessibility", "无障碍浏览"),
        _hand("personalised", "千人千网"),
        _hand("innovation_other", "其他"),
    )),
    Group("落款", (
        _hand("unit_head", "单位负责人"),
        _hand("reviewer", "审核人"),
        _hand("filled_by", "填报人"),
        _hand("phone", "联系电话"),
        _hand("filled_on", "填报日期", Kind.DATE),
    )),
)
FIELDS: dict[str, Field] = {field.key: field for group in FORM for field in group.fields}
HAND_KEYS = tuple(key for key, field in FIELDS.items() if field.origin is Origin.HAND)
DATA_KEYS = tuple(key for key, field in FIELDS.items() if field.origin is Origin.DATA)
SUMS = {"interpretations_total": ("interpretation_materials", "interpretation_products", "media_commentaries")}
# (total, parts, message): the parts may not exceed the total.
AT_MOST = (
    ("items_total", ("items_overview", "items_dynamics", "items_disclosure"), "信息发布分项之和不能大于总数"),
    ("topics_maintained", ("topics_new",), "专栏专题新开设数量不能大于维护数量"),
    ("service_matters", ("online_matters",), "可全程在线办理事项数量不能大于政务服务事项数量"),
    ("cases_total", ("cases_person", "cases_legal"), "自然人与法人办件量之和不能大于办件总数"),
    ("letters_received", ("letters_completed",), "办结留言数量不能大于收到留言数量"),
    ("letters_completed", ("letters_public",), "公开答复数量不能大于办结留言数量"),
    ("surveys", ("survey_results",), "公布调查结果期数不能大于征集调查期数"),
    ("interview_questions", ("interview_answers",), "答复网民提问数量不能大于网民留言数量"),
    ("problems_found", ("problems_fixed",), "问题整改数量不能大于发现问题数量"),
    ("page_views", ("unique_visitors",), "独立用户访问总量不能大于网站总访问量"),
)


def with_sums(values: Mapping[str, object]) -> dict[str, object]:
    """The values with each summed cell added (None while a part is missing)."""
    result = dict(values)
    for key, parts in SUMS.items():
        numbers = [values.get(part) for part in parts]
        result[key] = None if any(n is None or n == "" for n in numbers) else sum(int(n) for n in numbers)
    return result


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def missing_hand(values: Mapping[str, object]) -> list[str]:
    """Labels of the hand-entered fields still empty, in the form's order."""
    return [FIELDS[key].label for key in HAND_KEYS if is_empty(values.get(key))]


def check_failures(values: Mapping[str, object]) -> list[str]:
    """The cross-checks the values fail, one Chinese sentence each (cells not yet known are skipped)."""
    failures = []
    for total, parts, message in AT_MOST:
        numbers = [values.get(total), *(values.get(part) for part in parts)]
        if any(not isinstance(n, int | float) or isinstance(n, bool) for n in numbers):
            continue
        if sum(numbers[1:]) > numbers[0]:
            failures.append(message)
    return failures


def display(field: Field, value: object) -> str:
    """A cell's text: 是/否 for yes/no, dates as YYYY-MM-DD, empty for an unknown value."""
    if is_empty(value):
        return ""
    if field.kind is Kind.YES_NO:
        return YES if value else NO
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def cell_text(field: Field, value: object) -> str:
    """The exported cell: a typed value (or a sum with a typed part) carries the hand mark, an empty one is the
    mark alone."""
    text = display(field, value)
    return text if field.origin is Origin.DATA else f"{text}{HAND_MARK}"


# The deadline (R1: on the home page by 31 January of the next year).

class Status(StrEnum):
    NOT_STARTED = "not_started"
    DRAFT = "draft"
    PUBLISHED = "published"
    OVERDUE = "overdue"
    PUBLISHED_LATE = "published_late"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def overdue(self) -> bool:
        return self in (Status.OVERDUE, Status.PUBLISHED_LATE)


STATUS_LABELS = {
    Status.NOT_STARTED: "未开始",
    Status.DRAFT: "草稿",
    Status.PUBLISHED: "已发布",
    Status.OVERDUE: "逾期未发布",
    Status.PUBLISHED_LATE: "逾期发布",
}


def due_date(year: int) -> dt.date:
    """The report on `year` is due on the home page by 31 January of the next year."""
    return dt.date(year + 1, 1, 31)


def report_status(year: int, today: dt.date, started: bool, published_on: dt.date | None) -> Status:
    """Where a site's report for `year` stands on `today`."""
    due = due_date(year)
    if published_on is not None:
        return Status.PUBLISHED_LATE if published_on > due else Status.PUBLISHED
    if today > due:
        return Status.OVERDUE
    return Status.DRAFT if started else Status.NOT_STARTED


# Reminders start this many days before the deadline, that is on 1 January of the year the report is due in.
REMINDER_DAYS = 31


def reminder(year: int, today: dt.date, status: Status) -> str | None:
    """What a site is reminded of about its report on `year`: "due" in January, "overdue" after 31 January
    while it is still not published, nothing once it is published or before January."""
    if status in (Status.PUBLISHED, Status.PUBLISHED_LATE):
        return None
    due = due_date(year)
    if today > due:
        return "overdue"
    return "due" if (due - today).days < REMINDER_DAYS else None


# The annex: information published per column.

def count_by_column(item_paths: Iterable[str], column_paths: Sequence[str]) -> tuple[Counter, int]:
    """Items per nearest enclosing column (by tree path), and the number under no column at all."""
    columns = set(column_paths)
    counts: Counter = Counter()
    outside = 0
    for path in item_paths:
        owner = next((path[:end] for end in range(len(path) - PATH_STEP, 0, -PATH_STEP) if path[:end] in columns),
                     None)
        if owner is None:
            outside += 1
        else:
            counts[owner] += 1
    return counts, outside


def title_path(path: str, titles: Mapping[str, str]) -> str:
    """A column's title after those of the columns above it: 政府信息公开 / 年度报告."""
    above = (titles[path[:end]] for end in range(PATH_STEP, len(path) + 1, PATH_STEP) if path[:end] in titles)
    return " / ".join(above)
