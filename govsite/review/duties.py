"""Separation of duties on every group assignment (P4, X1), and offboarding a person who leaves (X5)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import ReviewPolicy, RoleGroup
from .roles import Role, duty_conflicts


def check_groups(group_ids) -> None:
    """Refuse a set of groups that would break separation of duties, with a Chinese message."""
    bindings = RoleGroup.objects.filter(group_id__in=list(group_ids)).select_related("record")
    held = [(Role(b.role), b.record.name if b.record_id else None) for b in bindings]
    allowed = frozenset(
        ReviewPolicy.objects.filter(
            allow_editor_reviewer=True, record__in=[b.record_id for b in bindings if b.record_id]
        ).values_list("record__name", flat=True)
    )
    problems = duty_conflicts(held, allowed)
    if problems:
        raise ValidationError(problems)


def guard_group_assignment(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """m2m_changed on User.groups: the last line of defence for assignments made outside the forms."""
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # groups.user_set.add(users…)
        for user in get_user_model().objects.filter(pk__in=pk_set):
            check_groups({*user.groups.values_list("pk", flat=True), instance.pk})
    else:
        check_groups({*instance.groups.values_list("pk", flat=True), *pk_set})


@transaction.atomic
def offboard(user) -> int:
    """A person leaves: disable the account, remove every group and permission, end their sessions (X5)."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    user.groups.clear()
    user.user_permissions.clear()
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()):
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended
