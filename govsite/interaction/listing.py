"""What the public sees of letters (I5): listed letters with personal data masked, the writer's timeline,
and each unit's statistics (received, answered, answered on time, average working days)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from govsite.textcheck.engine import CheckConfig, check_text
from govsite.textcheck.findings import KIND_LABELS

from .models import Letter

PERSONAL_KINDS = frozenset({"id_number", "mobile", "bank_card"})
# Pattern checks only (numbers, links, secrecy marks): no lexicon is needed to find personal data.
_PATTERNS = CheckConfig()


def masked(text: str) -> str:
    """The text with ID, mobile and bank card numbers starred, as published letters must be (I5)."""
    findings = sorted((f for f in check_text(text, _PATTERNS) if f.kind in PERSONAL_KINDS),
                      key=lambda f: f.offset, reverse=True)
    for finding in findings:
        text = text[: finding.offset] + finding.suggestion + text[finding.offset + finding.length:]
    return text


def check_summary(text: str, config: CheckConfig) -> str:
    """A one-line note for the hotline centre of what the content check found in a letter."""
    counts = Counter(f.kind for f in check_text(text, config))
    if not counts:
        return ""
    parts = "、".join(f"{KIND_LABELS.get(kind, kind)}{n}处" for kind, n in counts.most_common())
    return _("内容检查：%(parts)s") % {"parts": parts}


def listed_letters(site=None):
    """Letters shown publicly, newest reply first; all sites' letters on the portal of the platform."""
    letters = Letter.objects.listed().select_related("unit").order_by("-answered_at", "-pk")
    return letters.filter(site=site) if site is not None else letters


def for_public(letters: Iterable[Letter]) -> list[Letter]:
    """The letters with `public_title`, their title masked: writers put phone numbers in titles too (I5)."""
    letters = list(letters)
    for letter in letters:
        letter.public_title = masked(letter.title)
    return letters


@dataclass(frozen=True)
class TimelineStep:
    at: object
    text: str


def writer_timeline(instance) -> list[TimelineStep]:
    """The steps the writer of a letter (or an applicant) may see, read from the record's own log."""
    entries = ModelLogEntry.objects.for_instance(instance).order_by("timestamp", "pk")
    return [TimelineStep(e.timestamp, e.data["public_text"]) for e in entries if e.data.get("public_text")]


@dataclass(frozen=True)
class UnitStatistics:
    """One unit's line of the public statistics (I5, 003 §27)."""

    unit: str
    received: int
    answered: int
    on_time: int
    average_working_days: float | None

    @property
    def on_time_rate(self) -> float | None:
        return round(self.on_time * 100 / self.answered, 1) if self.answered else None


def unit_statistics(year: int | None = None) -> list[UnitStatistics]:
    """Per unit: letters dispatched to it, answered, answered on time, average working days to answer."""
    letters = Letter.objects.exclude(unit__isnull=True)
    if year:
        letters = letters.filter(received_on__year=year)
    rows = (
        letters.values("unit__sponsor")
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=Q(status=Letter.Status.ANSWERED)),
            on_time=Count("pk", filter=Q(status=Letter.Status.ANSWERED, on_time=True)),
            average=Avg("working_days", filter=Q(status=Letter.Status.ANSWERED)),
        )
        .order_by("-received", "unit__sponsor")
    )
    return [
        UnitStatistics(r["unit__sponsor"], r["received"], r["answered"], r["on_time"],
                       round(r["average"], 1) if r["average"] is not None else None)
        for r in rows
    ]
