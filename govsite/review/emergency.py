"""Emergency events: marking the first release and escalating a missed deadline (P11)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from govsite.audit.chain import record

from .models import EmergencyEvent, RoleGroup
from .roles import Role


def mark_first_release(sender, instance, **kwargs) -> None:
    """page_published: the first live item of an event stops its clock."""
    page = getattr(instance, "specific", instance)
    event_id = getattr(page, "emergency_event_id", None)
    if event_id:
        EmergencyEvent.objects.filter(pk=event_id, released_at__isnull=True).update(released_at=timezone.now())


def open_events_for(user):
    """Events whose clock runs, for the sites this person works on (all sites for the office)."""
    events = EmergencyEvent.objects.filter(released_at__isnull=True).select_related("record")
    if user.is_superuser or user.has_perm("columns.change_column_structure"):
        return events
    sites = RoleGroup.objects.filter(group__user=user, record__isnull=False).values_list("record", flat=True)
    return events.filter(record__in=sites)


@transaction.atomic
def escalate_overdue(now=None) -> list[EmergencyEvent]:
    """Escalate every event past its first-release deadline, once, to the supervising office."""
    now = now or timezone.now()
    overdue = list(
        EmergencyEvent.objects.select_for_update()
        .filter(released_at__isnull=True, escalated_at__isnull=True, first_release_due__lt=now)
        .select_related("record")
    )
    office = get_user_model().objects.filter(
        is_active=True, groups__role__role=Role.PORTAL_OFFICE
    ).exclude(email="")
    for event in overdue:
        event.escalated_at = now
        event.save(update_fields=["escalated_at"])
        message = f"{event.record.name}：“{event.title}”（{event.get_level_display()}）首发已超时，时限为 " \
                  f"{timezone.localtime(event.first_release_due):%Y-%m-%d %H:%M}。"
        record("govsite.emergency.escalate", obj=event, site=event.record, data={"message": message},
               label="突发事件首发超时督办")
        send_mail("【超时督办】突发事件首发超时", message, None, [u.email for u in office], fail_silently=True)
    return overdue
