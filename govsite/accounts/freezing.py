"""Freezing an account and handling a leaked one (X5, 000 6.1.6): freeze, reset, then check what it changed."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from govsite.audit.context import acting_as
from govsite.audit.models import AuditEntry

from . import events
from .models import AccountState, LoginSession
from .twofactor import remove_factors

REVIEW_DAYS = 30


def end_sessions(user) -> int:
    """Every signed-in session of the account ends now, whichever browser holds it."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    open_sessions = LoginSession.objects.filter(user=user, ended_at__isnull=True)
    keys = list(open_sessions.values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    open_sessions.update(ended_at=timezone.now())
    return len(keys)


def freeze(user, *, by, reason: str, ip: str | None = None) -> AccountState:
    """One action: the account can no longer sign in and its open sessions end."""
    with transaction.atomic():
        state = AccountState.of(user)
        state.frozen_at, state.frozen_by, state.frozen_reason = timezone.now(), by, reason
        state.save(update_fields=["frozen_at", "frozen_by", "frozen_reason"])
        with acting_as(by, ip):
            user.is_active = False
            user.save(update_fields=["is_active"])
        ended = end_sessions(user)
        events.record_account_event(events.FREEZE, actor=by, account=user, ip=ip, reason=reason,
                                    sessions_ended=ended)
    return state


def changes_since(user, days: int = REVIEW_DAYS) -> QuerySet[AuditEntry]:
    """Everything the account did in the last `days` days, newest first: what to check for tampering."""
    since = timezone.now() - timedelta(days=days)
    return AuditEntry.objects.filter(actor=user, at__gte=since).order_by("-at", "-seq")


def handle_compromised(user, *, by, reason: str, ip: str | None = None) -> QuerySet[AuditEntry]:
    """Freeze, make the leaked password and factors useless, and list the last 30 days' changes to check."""
    with transaction.atomic():
        freeze(user, by=by, reason=reason, ip=ip)
        with acting_as(by, ip):
            user.set_unusable_password()
            user.save(update_fields=["password"])
        removed = remove_factors(user)
        AccountState.objects.filter(user=user).update(compromised=True)
        changes = changes_since(user)
        events.record_account_event(events.COMPROMISED, actor=by, account=user, ip=ip, reason=reason,
                                    factors_removed=removed, changes_to_check=changes.count())
    return changes


def unfreeze(user, *, by, new_password: str | None, ip: str | None = None) -> AccountState:
    """The account may sign in again; a new password set here must be changed by its owner at once."""
    with transaction.atomic():
        with acting_as(by, ip):
            if new_password:
                user.set_password(new_password)
            user.is_active = True
            user.save()
        state = AccountState.of(user)
        state.frozen_at, state.frozen_by, state.frozen_reason, state.compromised = None, None, "", False
        state.save(update_fields=["frozen_at", "frozen_by", "frozen_reason", "compromised"])
        events.record_account_event(events.UNFREEZE, actor=by, account=user, ip=ip,
                                    password_reset=bool(new_password))
    return state
