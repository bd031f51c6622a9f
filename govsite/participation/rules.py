"""The rules of public participation (I7, I8, I11) as the seeds state them; pure Python, no Django import."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class SurveyKind(StrEnum):
    SURVEY = "survey"
    SOLICITATION = "solicitation"


SURVEY_KIND_LABELS = {SurveyKind.SURVEY: "网上调查", SurveyKind.SOLICITATION: "意见征集"}


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TEXT = "text"


QUESTION_TYPE_LABELS = {QuestionType.SINGLE: "单选", QuestionType.MULTIPLE: "多选", QuestionType.TEXT: "文字填写"}


class Window(StrEnum):
    """Where today lies against a survey's start and end dates (both days included)."""

    NOT_STARTED = "not_started"
    OPEN = "open"
    CLOSED = "closed"


WINDOW_LABELS = {Window.NOT_STARTED: "未开始", Window.OPEN: "进行中", Window.CLOSED: "已结束"}


def window(starts_on: date, ends_on: date, today: date) -> Window:
    if today < starts_on:
        return Window.NOT_STARTED
    if today > ends_on:
        return Window.CLOSED
    return Window.OPEN


def window_refusal(starts_on: date, ends_on: date, today: date) -> str | None:
    """Why a submission is refused today, in the words the public reads; None inside the window."""
    state = window(starts_on, ends_on, today)
    if state is Window.NOT_STARTED:
        return f"本次征集调查将于 {starts_on:%Y-%m-%d} 开始，目前尚未开放提交。"
    if state is Window.CLOSED:
        return f"本次征集调查已于 {ends_on:%Y-%m-%d} 结束，不再接收提交。"
    return None


def results_due(ends_on: date) -> date:
    """I7 (004 §22): results within one month of the end: the same day a calendar month later, or that month's end."""
    year, month = (ends_on.year + 1, 1) if ends_on.month == 12 else (ends_on.year, ends_on.month + 1)
    return date(year, month, min(ends_on.day, calendar.monthrange(year, month)[1]))


def results_overdue(ends_on: date, published_on: date | None, today: date) -> bool:
    """Results not published by their due date (I7); late ones stay overdue once published."""
    due = results_due(ends_on)
    return (published_on or today) > due


@dataclass(frozen=True)
class OptionResult:
    """One option of a choice question: how many respondents chose it, and their share in percent."""

    label: str
    count: int
    percent: float


def percent(count: int, total: int) -> float:
    """`count` of `total` in percent with one decimal; 0 when nobody answered."""
    return round(100 * count / total, 1) if total else 0.0


def tally(options: list[tuple[int, str]], counts: dict[int, int], respondents: int) -> list[OptionResult]:
    """Every option in order with its count and its share of the question's respondents.

    For a multiple-choice question the shares may add up to more than 100%: each is of the respondents.
    """
    return [OptionResult(label, counts.get(key, 0), percent(counts.get(key, 0), respondents)) for key, label in options]


class InterviewStatus(StrEnum):
    ANNOUNCED = "announced"
    LIVE = "live"
    FINISHED = "finished"


INTERVIEW_STATUS_LABELS = {
    InterviewStatus.ANNOUNCED: "预告",
    InterviewStatus.LIVE: "进行中",
    InterviewStatus.FINISHED: "已结束",
}


def interview_status(starts_at: datetime, ends_at: datetime, now: datetime) -> InterviewStatus:
    """I8: announced (questions collected beforehand) until it starts, live until it ends, then finished."""
    if now < starts_at:
        return InterviewStatus.ANNOUNCED
    if now < ends_at:
        return InterviewStatus.LIVE
    return InterviewStatus.FINISHED


def question_refusal(status: InterviewStatus) -> str | None:
    """Questions are taken before and during an interview (I8), not after it."""
    if status is InterviewStatus.FINISHED:
        return "本期访谈已结束，不再接收提问。"
    return None


class ProposalKind(StrEnum):
    NPC = "npc"
    CPPCC = "cppcc"

    @property
    def label(self) -> str:
        return PROPOSAL_KIND_LABELS[self]

    @property
    def number_label(self) -> str:
        return "建议号" if self is ProposalKind.NPC else "提案号"

    @property
    def proposer_label(self) -> str:
        return "提出代表" if self is ProposalKind.NPC else "提案人"


PROPOSAL_KIND_LABELS = {ProposalKind.NPC: "人大代表建议", ProposalKind.CPPCC: "政协提案"}


class Category(StrEnum):
    """The usual classification of a handling result (I11)."""

    A = "A"
    B = "B"
    C = "C"


CATEGORY_LABELS = {
    Category.A: "A类（已解决或采纳）",
    Category.B: "B类（正在解决或列入计划解决）",
    Category.C: "C类（因条件限制或其他原因暂时不能解决）",
}

_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                   "九": 9}
_SESSION = re.compile(r"第([零〇一二两三四五六七八九十百\d]+)届(?:.*?第([零〇一二两三四五六七八九十百\d]+)次)?")


def chinese_number(text: str) -> int:
    """十三 → 13, 二十 → 20, 一百零二 → 102; Arabic digits as they are."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[char]
        else:
            total += (digit or 1) * (100 if char == "百" else 10)
            digit = 0
    return total + digit


def session_key(session: str) -> tuple[int, int, str]:
    """Sessions in time order: 第十届…第三次会议 after 第十届…第二次会议, whatever the characters' code order."""
    match = _SESSION.search(session)
    if match is None:
        return 0, 0, session
    return chinese_number(match[1]), chinese_number(match[2]) if match[2] else 0, session


_UNIT_SEPARATORS = re.compile(r"[、，,；;\s]+")


def split_units(text: str) -> list[str]:
    """Co-handling units as typed (separated by 、，; or new lines), without blanks or repeats."""
    return list(dict.fromkeys(part for part in _UNIT_SEPARATORS.split(text or "") if part))


UNIT_JOINER = "、"


def join_units(units: list[str]) -> str:
    return UNIT_JOINER.join(units)


def split_options(text: str) -> list[str]:
    """The options of a choice question, one a line, without blanks or repeats."""
    return list(dict.fromkeys(line.strip() for line in (text or "").splitlines() if line.strip()))
