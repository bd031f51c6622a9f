"""Rectification (M4; 001 §19): every problem monitoring finds is fixed within 1 to 5 working days by
severity, verified by the next check, and reopened when it comes back. Pure Python, no Django import."""

from __future__ import annotations

import hashlib
from datetime import date
from enum import StrEnum
from typing import Protocol


class Severity(StrEnum):
    """How bad a finding is; it sets the working days the unit has to fix it."""

    VETO = "veto"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def label(self) -> str:
        return SEVERITY_LABELS[self]

    @property
    def working_days(self) -> int:
        return FIX_DAYS[self]


SEVERITY_LABELS = {Severity.VETO: "单项否决风险", Severity.HIGH: "严重", Severity.MEDIUM: "一般", Severity.LOW: "轻微"}
# 001 §19: problems are fixed within 1 to 5 working days; the worse the problem, the shorter the time.
FIX_DAYS = {Severity.VETO: 1, Severity.HIGH: 2, Severity.MEDIUM: 3, Severity.LOW: 5}


class Status(StrEnum):
    OPEN = "open"
    FIXED = "fixed"
    VERIFIED = "verified"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {Status.OPEN: "待整改", Status.FIXED: "已整改待复查", Status.VERIFIED: "复查通过"}


class Calendar(Protocol):
    def add(self, start: date, days: int): ...


def fix_due(calendar: Calendar, found_on: date, severity: Severity) -> date:
    """The last day to fix a finding: the severity's working days after the day it was found."""
    return calendar.add(found_on, severity.working_days).due


def fingerprint(kind: str, subject: str) -> str:
    """The identity of a finding across checks: the same kind of problem on the same page or column."""
    return hashlib.sha256(f"{kind}\x00{subject}".encode()).hexdigest()[:40]


def after_check(status: Status, still_found: bool) -> tuple[Status, bool]:
    """A rectification item's status after a check, and whether the check reopened it.

    Found again: an item the unit marked fixed (or one verified before) reopens. Gone: a fixed item is
    verified, and an open one is verified too — the problem went away, whoever removed it.
    """
    if still_found:
        return Status.OPEN, status is not Status.OPEN
    return Status.VERIFIED, False
