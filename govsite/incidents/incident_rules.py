"""Security incidents (X8, 000 6.2.4): levels, categories, the handling stages and what each needs, the order
of the times, and the reporting limits. Pure Python, no Django import.

Reporting limits: the seeds ask only for a report to the leaders "第一时间" and an analysis report afterwards
(000 6.2.4). The limit for a 较大 or higher event comes from 《国家网络安全事件报告管理办法》(2025) Art. 4:
operators that are neither critical infrastructure nor central organs report to the provincial 网信 office
within 4 hours of finding out (critical infrastructure: 1 hour). Both numbers are settings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    """GB/Z 20986-2007 的四级事件分级."""

    ESPECIALLY_MAJOR = "especially_major"
    MAJOR = "major"
    LARGER = "larger"
    ORDINARY = "ordinary"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]

    @property
    def reported_outside(self) -> bool:
        """较大 and higher go to the 网信 office within the limit; 一般 events stay with the unit's leaders."""
        return self is not Level.ORDINARY


LEVEL_LABELS = {
    Level.ESPECIALLY_MAJOR: "特别重大事件（Ⅰ级）",
    Level.MAJOR: "重大事件（Ⅱ级）",
    Level.LARGER: "较大事件（Ⅲ级）",
    Level.ORDINARY: "一般事件（Ⅳ级）",
}


class Category(StrEnum):
    """What happened to the site, in the seeds' words (000 6.1.3, 6.1.6, 6.2.3; 002 4(5)), each filed under
    its GB/Z 20986 class for reports upward."""

    TAMPERING = "tampering"
    TROJAN = "trojan"
    COUNTERFEIT = "counterfeit"
    HIJACK = "hijack"
    DENIAL_OF_SERVICE = "denial_of_service"
    INTRUSION = "intrusion"
    DATA_LEAK = "data_leak"
    ACCOUNT_LEAK = "account_leak"
    HARMFUL_CONTENT = "harmful_content"
    FAILURE = "failure"
    DISASTER = "disaster"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self][0]

    @property
    def national_class(self) -> str:
        """The GB/Z 20986 class the category belongs to."""
        return CATEGORY_LABELS[self][1]


CATEGORY_LABELS = {
    Category.TAMPERING: ("网页篡改", "信息破坏事件"),
    Category.TROJAN: ("网站挂马、恶意代码", "有害程序事件"),
    Category.COUNTERFEIT: ("网页仿冒、假冒网站", "信息破坏事件"),
    Category.HIJACK: ("域名劫持", "网络攻击事件"),
    Category.DENIAL_OF_SERVICE: ("拒绝服务攻击", "网络攻击事件"),
    Category.INTRUSION: ("入侵、漏洞攻击", "网络攻击事件"),
    Category.DATA_LEAK: ("数据泄露", "信息破坏事件"),
    Category.ACCOUNT_LEAK: ("账号密码泄露", "信息破坏事件"),
    Category.HARMFUL_CONTENT: ("不良信息", "信息内容安全事件"),
    Category.FAILURE: ("系统或设备故障", "设备设施故障"),
    Category.DISASTER: ("灾害", "灾害性事件"),
    Category.OTHER: ("其他", "其他事件"),
}


class Status(StrEnum):
    """The handling stages: 发现 → 处置中 → 已恢复 → 已报告 → 已结案."""

    FOUND = "found"
    HANDLING = "handling"
    RECOVERED = "recovered"
    REPORTED = "reported"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.FOUND: "已发现",
    Status.HANDLING: "处置中",
    Status.RECOVERED: "已恢复",
    Status.REPORTED: "已报告",
    Status.CLOSED: "已结案",
}
OPEN_STATUSES = (Status.FOUND, Status.HANDLING, Status.RECOVERED, Status.REPORTED)

# The times of an incident in the order they happen, with their Chinese names.
TIME_ORDER = (
    ("occurred_at", "发生时间"),
    ("discovered_at", "发现时间"),
    ("contained_at", "控制时间"),
    ("recovered_at", "恢复时间"),
)
TIME_NAMES = dict(TIME_ORDER) | {"reported_at": "报告时间"}

# What each stage needs before an incident may be put in it: (field, message when it is missing).
STAGE_NEEDS = {
    Status.RECOVERED: (("recovered_at", "状态为“已恢复”时须填写恢复时间"),),
    Status.REPORTED: (
        ("recovered_at", "状态为“已报告”时须填写恢复时间"),
        ("reported_at", "状态为“已报告”时须填写报告时间"),
        ("reported_to", "状态为“已报告”时须填写报告对象"),
    ),
    Status.CLOSED: (
        ("recovered_at", "结案前须填写恢复时间"),
        ("reported_at", "结案前须填写报告时间"),
        ("reported_to", "结案前须填写报告对象"),
        ("summary", "没有事后总结报告不能结案：请填写总结报告或上传报告文件（X8）"),
    ),
}


def time_problems(times: dict[str, dt.datetime | None], now: dt.datetime) -> dict[str, str]:
    """The first problem of each time, by field: later steps before earlier ones, or in the future."""
    problems: dict[str, str] = {}
    for field, value in times.items():
        if value is not None and value > now:
            problems[field] = f"{TIME_NAMES[field]}不能晚于当前时间"
    for index, (field, name) in enumerate(TIME_ORDER):
        later = times.get(field)
        for earlier_field, earlier_name in TIME_ORDER[:index]:
            earlier = times.get(earlier_field)
            if later is not None and earlier is not None and later < earlier and field not in problems:
                problems[field] = f"{name}不能早于{earlier_name}"
    reported, discovered = times.get("reported_at"), times.get("discovered_at")
    if reported is not None and discovered is not None and reported < discovered and "reported_at" not in problems:
        problems["reported_at"] = "报告时间不能早于发现时间"
    return problems


def stage_problems(status: Status, present: set[str]) -> dict[str, str]:
    """What the chosen stage still lacks, by field; `present` names the fields that are filled in."""
    return {field: message for field, message in STAGE_NEEDS.get(status, ()) if field not in present}


@dataclass(frozen=True)
class Limits:
    """The reporting limits of one incident (X8)."""

    report_due: dt.datetime | None
    summary_due: dt.datetime | None


def limits(level: Level, discovered_at: dt.datetime, recovered_at: dt.datetime | None,
           report_hours: float, summary_days: int) -> Limits:
    """When the report upward is due (较大 and higher: hours after discovery) and when the analysis report is
    due (days after recovery)."""
    report_due = discovered_at + dt.timedelta(hours=report_hours) if level.reported_outside else None
    summary_due = recovered_at + dt.timedelta(days=summary_days) if recovered_at else None
    return Limits(report_due, summary_due)


def overdue(limits: Limits, reported_at: dt.datetime | None, has_summary: bool, now: dt.datetime) -> list[str]:
    """What an incident is late with now: the report upward, the analysis report."""
    late = []
    if limits.report_due is not None and reported_at is None and now > limits.report_due:
        late.append(f"超过报告时限（{limits.report_due:%Y-%m-%d %H:%M}）仍未报告")
    if limits.summary_due is not None and not has_summary and now > limits.summary_due:
        late.append(f"超过总结报告期限（{limits.summary_due:%Y-%m-%d}）仍未形成事后总结报告")
    return late


def reported_late(limits: Limits, reported_at: dt.datetime | None) -> bool:
    """A report upward made after its limit (迟报), kept visible after the fact."""
    return limits.report_due is not None and reported_at is not None and reported_at > limits.report_due
