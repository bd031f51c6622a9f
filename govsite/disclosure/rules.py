"""The rules of government information disclosure (P1, I9, R2), as the 2019 regulation states them.

Pure Python, no Django import. Periods are counted in working days on a calendar passed in (the
platform's `govsite.workdays`); the day a period starts on never counts (民法典 Art. 201).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from stdnum.cn import uscc

from govsite.columns.templates import ARTICLE_21_CITY_COUNTY, ARTICLE_21_TOWNSHIP

# 政府信息公开条例 (2019)
PROACTIVE_DAYS = 20  # Art. 26: published within 20 working days of being formed or changed
CORRECTION_NOTICE_DAYS = 7  # Art. 30: one notice to correct, within 7 working days of receipt
THIRD_PARTY_DAYS = 15  # Art. 32: the third party answers within 15 working days
REPLY_DAYS = 20  # Art. 33: the reply within 20 working days of receipt
MAX_EXTENSION_DAYS = 20  # Art. 33: one extension of at most 20 working days
NEAR_DUE_DAYS = 3  # handlers are reminded this many working days before a reply is due


class Calendar(Protocol):
    """What the rules need of the working-day calendar (govsite.workdays.rules.WorkCalendar)."""

    def add(self, start: date, days: int): ...

    def between(self, start: date, end: date): ...


class ApplicantType(StrEnum):
    """The applicant columns of the annual report's part three (国办公开办函〔2021〕30号)."""

    NATURAL_PERSON = "natural"
    BUSINESS = "business"
    RESEARCH = "research"
    PUBLIC_INTEREST = "public_interest"
    LEGAL_SERVICE = "legal_service"
    OTHER_ORGANISATION = "other"

    @property
    def label(self) -> str:
        return APPLICANT_LABELS[self]

    @property
    def is_organisation(self) -> bool:
        return self is not ApplicantType.NATURAL_PERSON


APPLICANT_LABELS = {
    ApplicantType.NATURAL_PERSON: "自然人",
    ApplicantType.BUSINESS: "商业企业",
    ApplicantType.RESEARCH: "科研机构",
    ApplicantType.PUBLIC_INTEREST: "社会公益组织",
    ApplicantType.LEGAL_SERVICE: "法律服务机构",
    ApplicantType.OTHER_ORGANISATION: "其他",
}


class Outcome(StrEnum):
    """Every result the annual report counts (part three, rows 三(一) to 三(六))."""

    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    WITHHELD_STATE_SECRET = "withheld_state_secret"
    WITHHELD_BY_LAW = "withheld_by_law"
    WITHHELD_SECURITY = "withheld_security"
    WITHHELD_THIRD_PARTY = "withheld_third_party"
    WITHHELD_INTERNAL = "withheld_internal"
    WITHHELD_PROCESS = "withheld_process"
    WITHHELD_ENFORCEMENT_FILE = "withheld_enforcement_file"
    WITHHELD_QUERY_MATTER = "withheld_query_matter"
    UNAVAILABLE_NOT_HELD = "unavailable_not_held"
    UNAVAILABLE_NEEDS_CREATION = "unavailable_needs_creation"
    UNAVAILABLE_STILL_UNCLEAR = "unavailable_still_unclear"
    NOT_PROCESSED_PETITION = "not_processed_petition"
    NOT_PROCESSED_REPEATED = "not_processed_repeated"
    NOT_PROCESSED_PUBLICATION = "not_processed_publication"
    NOT_PROCESSED_MASS = "not_processed_mass"
    NOT_PROCESSED_CONFIRMATION = "not_processed_confirmation"
    OTHER_NOT_CORRECTED = "other_not_corrected"
    OTHER_FEE_UNPAID = "other_fee_unpaid"
    OTHER = "other"

    @property
    def label(self) -> str:
        return OUTCOME_ROWS[self][1]

    @property
    def group(self) -> OutcomeGroup:
        return OUTCOME_ROWS[self][0]

    @property
    def full_label(self) -> str:
        """`不予公开：属于国家秘密`, for lists and the reply letter."""
        if self.group in (OutcomeGroup.GRANTED, OutcomeGroup.PARTLY_GRANTED):
            return self.group.label
        return f"{self.group.label}：{self.label}"


class OutcomeGroup(StrEnum):
    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    WITHHELD = "withheld"
    UNAVAILABLE = "unavailable"
    NOT_PROCESSED = "not_processed"
    OTHER = "other"

    @property
    def label(self) -> str:
        return GROUP_LABELS[self][1]

    @property
    def row_label(self) -> str:
        return f"{GROUP_LABELS[self][0]}{GROUP_LABELS[self][1]}"


GROUP_LABELS = {
    OutcomeGroup.GRANTED: ("（一）", "予以公开"),
    OutcomeGroup.PARTLY_GRANTED: ("（二）", "部分公开"),
    OutcomeGroup.WITHHELD: ("（三）", "不予公开"),
    OutcomeGroup.UNAVAILABLE: ("（四）", "无法提供"),
    OutcomeGroup.NOT_PROCESSED: ("（五）", "不予处理"),
    OutcomeGroup.OTHER: ("（六）", "其他处理"),
}

# The rows of part three in the official order; the row label exactly as the format prints it.
OUTCOME_ROWS: dict[Outcome, tuple[OutcomeGroup, str]] = {
    Outcome.GRANTED: (OutcomeGroup.GRANTED, "（一）予以公开"),
    Outcome.PARTLY_GRANTED: (OutcomeGroup.PARTLY_GRANTED, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    Outcome.WITHHELD_STATE_SECRET: (OutcomeGroup.WITHHELD, "1.属于国家秘密"),
    Outcome.WITHHELD_BY_LAW: (OutcomeGroup.WITHHELD, "2.其他法律行政法规禁止公开"),
    Outcome.WITHHELD_SECURITY: (OutcomeGroup.WITHHELD, "3.危及“三安全一稳定”"),
    Outcome.WITHHELD_THIRD_PARTY: (OutcomeGroup.WITHHELD, "4.保护第三方合法权益"),
    Outcome.WITHHELD_INTERNAL: (OutcomeGroup.WITHHELD, "5.属于三类内部事务信息"),
    Outcome.WITHHELD_PROCESS: (OutcomeGroup.WITHHELD, "6.属于四类过程性信息"),
    Outcome.WITHHELD_ENFORCEMENT_FILE: (OutcomeGroup.WITHHELD, "7.属于行政执法案卷"),
    Outcome.WITHHELD_QUERY_MATTER: (OutcomeGroup.WITHHELD, "8.属于行政查询事项"),
    Outcome.UNAVAILABLE_NOT_HELD: (OutcomeGroup.UNAVAILABLE, "1.本机关不掌握相关政府信息"),
    Outcome.UNAVAILABLE_NEEDS_CREATION: (OutcomeGroup.UNAVAILABLE, "2.没有现成信息需要另行制作"),
    Outcome.UNAVAILABLE_STILL_UNCLEAR: (OutcomeGroup.UNAVAILABLE, "3.补正后申请内容仍不明确"),
    Outcome.NOT_PROCESSED_PETITION: (OutcomeGroup.NOT_PROCESSED, "1.信访举报投诉类申请"),
    Outcome.NOT_PROCESSED_REPEATED: (OutcomeGroup.NOT_PROCESSED, "2.重复申请"),
    Outcome.NOT_PROCESSED_PUBLICATION: (OutcomeGroup.NOT_PROCESSED, "3.要求提供公开出版物"),
    Outcome.NOT_PROCESSED_MASS: (OutcomeGroup.NOT_PROCESSED, "4.无正当理由大量反复申请"),
    Outcome.NOT_PROCESSED_CONFIRMATION: (OutcomeGroup.NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息"),
    Outcome.OTHER_NOT_CORRECTED: (
        OutcomeGroup.OTHER, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    Outcome.OTHER_FEE_UNPAID: (
        OutcomeGroup.OTHER, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    Outcome.OTHER: (OutcomeGroup.OTHER, "3.其他"),
}


class Channel(StrEnum):
    """How an application arrived; it decides the receipt date (Art. 31)."""

    ONLINE = "online"
    IN_PERSON = "in_person"
    SIGNED_POST = "signed_post"
    ORDINARY_POST = "ordinary_post"
    FAX = "fax"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS = {
    Channel.ONLINE: "网上申请",
    Channel.IN_PERSON: "当面提交",
    Channel.SIGNED_POST: "邮寄（需签收）",
    Channel.ORDINARY_POST: "平常信函",
    Channel.FAX: "传真",
}
# The event that makes each channel's receipt date (Art. 31), worded for the form that records it.
RECEIPT_EVENT = {
    Channel.ONLINE: "双方确认之日",
    Channel.IN_PERSON: "申请人提交之日",
    Channel.SIGNED_POST: "行政机关签收之日",
    Channel.ORDINARY_POST: "政府信息公开工作机构收到之日",
    Channel.FAX: "双方确认之日",
}


def receipt_date(channel: Channel, submitted_on: date, office_date: date | None) -> date:
    """The date an application counts as received (Art. 31).

    In person, the day the applicant hands it in; by post, the day the agency signs for it (or the
    office receives an ordinary letter); online and by fax, the day both sides confirm it, which is
    the day the office confirms receipt to the applicant.
    """
    if channel is Channel.IN_PERSON:
        return submitted_on
    if office_date is None:
        raise ValueError(f"{channel.label}的收到申请日期为“{RECEIPT_EVENT[channel]}”，请填写该日期（第三十一条）")
    if office_date < submitted_on:
        raise ValueError("收到申请的日期不能早于申请提交的日期")
    return office_date


@dataclass(frozen=True)
class Consultation:
    """Opinions asked of a third party or another agency (Art. 32): the time does not count (Art. 33)."""

    sent_on: date
    answered_on: date | None = None


@dataclass(frozen=True)
class RequestClock:
    """Where an application's statutory clock stands, computed from what happened to it."""

    clock_start: date | None
    due: date | None
    correction_notice_due: date
    paused_days: int
    extension_days: int
    uncovered_years: tuple[int, ...] = ()

    @property
    def waiting_for_correction(self) -> bool:
        """Between a 补正 notice and the corrected application the clock does not run (Art. 30)."""
        return self.clock_start is None


def consultation_pause(calendar: Calendar, consultation: Consultation, today: date) -> int:
    """Working days of one consultation left out of the clock (Art. 32-33).

    The pause ends when the opinion arrives, and at the latest when the 15 working days the third party
    is given run out: after that the agency decides by itself (Art. 32).
    """
    last_day = calendar.add(consultation.sent_on, THIRD_PARTY_DAYS).due
    end = min(consultation.answered_on or today, last_day)
    return max(0, calendar.between(consultation.sent_on, end).days)


def extension_refusal(days: int, extended_before: bool) -> str | None:
    """Why an extension cannot be granted, or None: once only, at most 20 working days (Art. 33)."""
    if extended_before:
        return "答复期限只能延长一次（第三十三条）"
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        return "延长的期限至少为 1 个工作日"
    if days > MAX_EXTENSION_DAYS:
        return f"延长的期限最长不得超过 {MAX_EXTENSION_DAYS} 个工作日（第三十三条）"
    return None


def request_clock(
    calendar: Calendar,
    received_on: date,
    *,
    correction_requested_on: date | None = None,
    corrected_on: date | None = None,
    consultations: tuple[Consultation, ...] = (),
    extension_days: int = 0,
    today: date | None = None,
) -> RequestClock:
    """The reply's due date: 20 working days from receipt, or from the corrected application (Art. 30,
    33), plus the consultations' working days (not counted, Art. 33) and one approved extension."""
    if corrected_on is not None and correction_requested_on is None:
        raise ValueError("没有补正通知，不能登记补正后的申请")
    if corrected_on is not None and corrected_on < correction_requested_on:
        raise ValueError("收到补正申请的日期不能早于补正通知的日期")
    notice_due = calendar.add(received_on, CORRECTION_NOTICE_DAYS)
    uncovered = set(notice_due.uncovered_years)
    start = received_on if correction_requested_on is None else corrected_on
    if start is None:
        return RequestClock(None, None, notice_due.due, 0, extension_days, tuple(sorted(uncovered)))
    today = today or start
    paused = sum(consultation_pause(calendar, c, today) for c in consultations)
    due = calendar.add(start, REPLY_DAYS + extension_days + paused)
    uncovered |= set(due.uncovered_years)
    return RequestClock(start, due.due, notice_due.due, paused, extension_days, tuple(sorted(uncovered)))


def correction_notice_late(calendar: Calendar, received_on: date, notice_on: date) -> bool:
    """A 补正 notice sent after the 7th working day breaks Art. 30 (the office is told, not stopped)."""
    return notice_on > calendar.add(received_on, CORRECTION_NOTICE_DAYS).due


def is_near_due(calendar: Calendar, today: date, due: date) -> bool:
    """Within `NEAR_DUE_DAYS` working days of the due date and not yet past it."""
    return today <= due and calendar.between(today, due).days <= NEAR_DUE_DAYS


def proactive_due(calendar: Calendar, formed_on: date):
    """The last day to publish proactively disclosed information: 20 working days (Art. 26)."""
    return calendar.add(formed_on, PROACTIVE_DAYS)


class GovernmentLevel(StrEnum):
    """What kind of agency a unit is: it decides the extra categories and the report's due date."""

    DEPARTMENT = "department"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


LEVEL_LABELS = {
    GovernmentLevel.DEPARTMENT: "政府部门",
    GovernmentLevel.PROVINCE: "省级人民政府",
    GovernmentLevel.CITY: "设区的市级人民政府",
    GovernmentLevel.COUNTY: "县级人民政府",
    GovernmentLevel.TOWNSHIP: "乡（镇）人民政府",
}

def extra_categories(level: GovernmentLevel) -> tuple[str, ...]:
    """The Art. 21 categories a unit's catalogue adds to the 15 of Art. 20."""
    if level in (GovernmentLevel.CITY, GovernmentLevel.COUNTY):
        return ARTICLE_21_CITY_COUNTY
    if level is GovernmentLevel.TOWNSHIP:
        return ARTICLE_21_TOWNSHIP
    return ()


def annual_report_due(level: GovernmentLevel, year: int) -> date:
    """Departments report last year by 31 January, local governments by 31 March (Art. 49)."""
    if level is GovernmentLevel.DEPARTMENT:
        return date(year + 1, 1, 31)
    return date(year + 1, 3, 31)


# 索引号: the unit's code (统一社会信用代码, or the older 组织机构代码), the year and a sequence.
_UNIT_CODE = re.compile(r"^[0-9A-HJ-NP-RT-UW-Y]{18}$|^[0-9A-Z]{8}-?[0-9X]$")
INDEX_NUMBER = re.compile(r"^(?P<unit>[0-9A-Z-]{9,18})/(?P<year>\d{4})-(?P<seq>\d{5,})$")


def unit_code_error(code: str) -> str | None:
    """Why a unit code cannot start index numbers, or None."""
    code = (code or "").strip().upper()
    if not _UNIT_CODE.match(code):
        return "单位代码应为 18 位统一社会信用代码（或 9 位组织机构代码）"
    if len(code) == 18 and not uscc.is_valid(code):
        return "统一社会信用代码校验位不正确，请核对"
    return None


def index_number(unit_code: str, year: int, sequence: int) -> str:
    """`11530000015000000X/2026-00001`: unique per unit and year, never reused (P1)."""
    if sequence < 1:
        raise ValueError("索引号顺序号从 1 开始")
    return f"{unit_code.strip().upper()}/{year}-{sequence:05d}"
