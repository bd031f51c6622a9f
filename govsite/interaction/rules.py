"""The rules of letters from the public (I1-I5), as the seeds state them; pure Python, no Django import.

Deadlines are counted in working days from the day after receipt (the calendar is passed in), by kind
of letter, under a named profile taken from one seed (I3). Where seeds disagree the site chooses.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol


class LetterKind(StrEnum):
    CONSULTATION = "consultation"
    SUGGESTION = "suggestion"
    HELP = "help"
    COMPLAINT = "complaint"
    REPORT = "report"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    LetterKind.CONSULTATION: "咨询",
    LetterKind.SUGGESTION: "建议",
    LetterKind.HELP: "求助",
    LetterKind.COMPLAINT: "投诉",
    LetterKind.REPORT: "举报",
}


class Channel(StrEnum):
    """Where a letter was written: the ordinary mailbox or the leader's mailbox (I1)."""

    MAILBOX = "mailbox"
    LEADER = "leader"


CHANNEL_LABELS = {Channel.MAILBOX: "咨询投诉", Channel.LEADER: "领导信箱"}


class WithholdReason(StrEnum):
    """Why a letter is never listed publicly (I5; 004 §21, 003 §27)."""

    PRIVACY = "privacy"
    SECRET = "secret"
    SECURITY = "security"
    ABUSE = "abuse"
    ADVERTISING = "advertising"
    HARMFUL = "harmful"
    WRITER_REFUSED = "writer_refused"


WITHHOLD_LABELS = {
    WithholdReason.PRIVACY: "涉及个人隐私或商业秘密",
    WithholdReason.SECRET: "涉及国家秘密、工作秘密或国家经济金融利益",
    WithholdReason.SECURITY: "涉及国防、外交、领土主权、国家安全或网站安全",
    WithholdReason.ABUSE: "存在攻击谩骂",
    WithholdReason.ADVERTISING: "广告推销",
    WithholdReason.HARMFUL: "公开可能造成恶劣影响",
    WithholdReason.WRITER_REFUSED: "来信人不同意公开",
}


@dataclass(frozen=True)
class DeadlineProfile:
    """Reply deadlines of one seed, in working days (I3)."""

    key: str
    name: str
    source: str
    days: dict[LetterKind, int]
    simple_days: int = 1
    not_extendable: frozenset[LetterKind] = frozenset()
    remind_days_before: int = 1

    def reply_days(self, kind: LetterKind, simple: bool) -> int:
        """Working days to reply: simple questions get the short limit (003 §28, 001 §12)."""
        return self.simple_days if simple else self.days[kind]

    def extension_refusal(self, kind: LetterKind, simple: bool, extended_before: bool, days: int) -> str | None:
        """Why an extension of `days` may not be granted, or None: once, at most the same length (I3)."""
        if extended_before:
            return "每件信件只能延期一次（I3）"
        if kind in self.not_extendable:
            return f"按“{self.name}”，{kind.label}类事项不得申请延期（I3）"
        limit = self.reply_days(kind, simple)
        if days < 1:
            return "延期天数至少为 1 个工作日"
        if days > limit:
            return f"延期最多 {limit} 个工作日，即不超过原办理时限（I3）"
        return None


# 004 §20: 咨询 2 日不得延期；求助、建议 5 日；投诉、举报 10 日；可延期最多 1 倍时间。
PROFILE_004 = DeadlineProfile(
    key="seed_004",
    name="咨询2日、求助建议5日、投诉举报10日",
    source="004 第二十条",
    days={
        LetterKind.CONSULTATION: 2,
        LetterKind.SUGGESTION: 5,
        LetterKind.HELP: 5,
        LetterKind.COMPLAINT: 10,
        LetterKind.REPORT: 10,
    },
    not_extendable=frozenset({LetterKind.CONSULTATION}),
)
# 003 §28: 网民咨询 5 个工作日内回复，简单常见问题 1 个工作日内回复。
PROFILE_003 = DeadlineProfile(
    key="seed_003",
    name="5个工作日、简单问题1日",
    source="003 第二十八条",
    days=dict.fromkeys(LetterKind, 5),
)
# 001 §12: 网友留言 5 个工作日内答复，最迟不超过 10 个工作日，简单咨询类 1 个工作日内答复。
PROFILE_001 = DeadlineProfile(
    key="seed_001",
    name="5个工作日、最迟10日、简单咨询1日",
    source="001 第十二条",
    days=dict.fromkeys(LetterKind, 5),
)
PROFILES: dict[str, DeadlineProfile] = {p.key: p for p in (PROFILE_004, PROFILE_003, PROFILE_001)}
DEFAULT_PROFILE = PROFILE_004


class Calendar(Protocol):
    """What the rules need of the working-day calendar (govsite.workdays)."""

    def add(self, start: date, days: int): ...

    def between(self, start: date, end: date): ...


@dataclass(frozen=True)
class Clock:
    """A letter's deadline as the calendar gives it, with the years it had to guess (never silently)."""

    due: date
    uncovered_years: tuple[int, ...] = ()


def reply_due(calendar: Calendar, received: date, days: int) -> Clock:
    """The N-th working day after the day of receipt (I3; the day of receipt does not count)."""
    result = calendar.add(received, days)
    return Clock(result.due, tuple(result.uncovered_years))


def extended_due(calendar: Calendar, due: date, days: int) -> Clock:
    """An approved extension adds working days after the current due date."""
    return reply_due(calendar, due, days)


def working_days_taken(calendar: Calendar, received: date, answered: date) -> int:
    """Working days from receipt to reply, for the public statistics (I5)."""
    return max(0, calendar.between(received, answered).days)


def needs_reminder(calendar: Calendar, today: date, due: date, remind_days_before: int) -> bool:
    """True once the due date is within `remind_days_before` working days (and not yet past)."""
    if today > due:
        return False
    return calendar.between(today, due).days <= remind_days_before


# Query codes and passwords let the writer follow a letter (I1). Both are random, from an alphabet
# without look-alike characters; the password is generated, never chosen, so it has 50 bits of
# entropy and a keyed SHA-256 is enough to store it (a slow hash would only slow down submissions).
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
QUERY_CODE_LENGTH = 12
PASSWORD_LENGTH = 10


def new_query_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def new_password() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(PASSWORD_LENGTH))


def normalise_code(text: str) -> str:
    """What a person typed, as stored: upper case, no spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def password_digest(key: bytes, query_code: str, password: str) -> str:
    """Keyed digest of a letter's password, bound to its query code."""
    message = f"{normalise_code(query_code)}:{normalise_code(password)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def password_matches(key: bytes, query_code: str, password: str, digest: str) -> bool:
    return hmac.compare_digest(password_digest(key, query_code, password), digest)
