"""Sign-ins become `LoginSession` rows (freezing ends them, X5); password changes join the history (X2)."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from govsite.audit.context import client_ip

from .history import record_password_change, remember_stored_password
from .lockout import record_lockout
from .models import LoginSession


def remember_session(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    LoginSession.objects.create(user=user, session_key=request.session.session_key, ip=client_ip(request),
                                user_agent=request.META.get("HTTP_USER_AGENT", "")[:300])


def close_session(sender, request, user, **kwargs) -> None:
    if user is not None and request is not None and request.session.session_key:
        LoginSession.objects.filter(user=user, session_key=request.session.session_key,
                                    ended_at__isnull=True).update(ended_at=timezone.now())


def connect() -> None:
    user_logged_in.connect(remember_session, dispatch_uid="accounts.remember_session")
    user_logged_out.connect(close_session, dispatch_uid="accounts.close_session")
    user_locked_out.connect(record_lockout, dispatch_uid="accounts.record_lockout")
    user_model = get_user_model()
    pre_save.connect(remember_stored_password, sender=user_model, dispatch_uid="accounts.stored_password")
    post_save.connect(record_password_change, sender=user_model, dispatch_uid="accounts.password_history")
