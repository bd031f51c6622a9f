"""Turning a check's findings into rectification items (M4): new ones assigned with a deadline, fixed ones
verified, returning ones reopened; and the unit's step of marking an item fixed."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from govsite.core.clock import now
from govsite.core.errors import Refused
from govsite.workdays.service import CALENDAR

from . import rectification_rules as rules
from .models import Rectification
from .rectification_rules import Severity, Status


@dataclass(frozen=True)
class Finding:
    """One problem a check found on a site: what, where, how bad, in which column, and the proof."""

    kind: str
    subject: str
    description: str
    severity: Severity
    column: object = None
    evidence: list[str] = field(default_factory=list)


def _owner(record, column) -> tuple[str, str]:
    unit = (column.responsible_unit if column is not None else "") or record.sponsor
    person = column.responsible_person if column is not None else ""
    return unit, person


def _new_item(record, finding: Finding, moment) -> Rectification:
    unit, person = _owner(record, finding.column)
    found_on = timezone.localdate(moment)
    return Rectification(
        record=record, kind=finding.kind, fingerprint=rules.fingerprint(finding.kind, finding.subject),
        subject=finding.subject[:500], description=finding.description[:500], evidence=finding.evidence,
        severity=finding.severity, column=finding.column, responsible_unit=unit, responsible_person=person,
        found_on=found_on, due_on=rules.fix_due(CALENDAR, found_on, finding.severity), last_seen_at=moment,
    )


@transaction.atomic
def sync(record, kinds: set[str], findings: list[Finding]) -> dict[str, int]:
    """Apply one check of `kinds` on `record`: items of those kinds not found again are verified."""
    moment = now()
    current = {rules.fingerprint(f.kind, f.subject): f for f in findings if f.kind in kinds}
    latest = {}
    for item in Rectification.objects.select_for_update().filter(record=record, kind__in=kinds).order_by("pk"):
        latest[item.fingerprint] = item  # the newest item of a fingerprint carries its state
    counts = {"new": 0, "reopened": 0, "verified": 0}
    for key, item in latest.items():
        status, reopened = rules.after_check(Status(item.status), key in current)
        if reopened:
            _reopen(item, moment)
            counts["reopened"] += 1
        elif status is Status.VERIFIED and item.status != Status.VERIFIED:
            item.status, item.verified_at = Status.VERIFIED, moment
            item.save(update_fields=["status", "verified_at"])
            log(item, "govsite.monitoring.verified", data={"subject": item.subject})
            counts["verified"] += 1
        elif key in current:
            item.last_seen_at = moment
            item.save(update_fields=["last_seen_at"])
    for key, finding in current.items():
        if key not in latest:
            item = _new_item(record, finding, moment)
            item.save()
            log(item, "govsite.monitoring.found", data={"subject": item.subject, "due_on": item.due_on.isoformat()})
            counts["new"] += 1
    return counts


def _reopen(item: Rectification, moment) -> None:
    """A problem that came back: open again, with a fresh deadline counted from today."""
    found_on = timezone.localdate(moment)
    item.status, item.reopened, item.last_seen_at = Status.OPEN, item.reopened + 1, moment
    item.due_on = rules.fix_due(CALENDAR, found_on, Severity(item.severity))
    item.verified_at = None
    item.save()
    log(item, "govsite.monitoring.reopened", data={"subject": item.subject, "due_on": item.due_on.isoformat()})


@transaction.atomic
def mark_fixed(item: Rectification, user, note: str) -> Rectification:
    """The unit says it fixed the problem; the next check verifies it."""
    from govsite.interaction.access import supervises, units_where
    from govsite.review.roles import Role

    item = Rectification.objects.select_for_update().get(pk=item.pk)
    if not (supervises(user) or item.record_id in units_where(user, Role.EDITOR)):
        raise Refused(_("只有本网站的内容编辑可以标记整改"))
    if item.status != Status.OPEN:
        raise Refused(_("该问题不在待整改状态"))
    if not note.strip():
        raise Refused(_("请填写整改说明"))
    item.status, item.fixed_at, item.fixed_by, item.fix_note = Status.FIXED, now(), user, note[:500]
    item.save()
    log(item, "govsite.monitoring.fixed", user=user, data={"note": item.fix_note})
    return item
