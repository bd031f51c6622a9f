"""Lockout after repeated failed sign-ins (X2, 等保 "登录失败处理"): django-axes counts, this answers and records."""

from __future__ import annotations

from datetime import timedelta

from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.audit.models import AuditEntry
from govsite.monitoring.alert_rules import Level
from govsite.monitoring.alerts import raise_alert

from . import events


def cool_off() -> timedelta:
    """AXES_COOLOFF_TIME is in hours."""
    return timedelta(hours=float(settings.AXES_COOLOFF_TIME))


def cool_off_minutes() -> int:
    """The lockout's length as the person is told it."""
    return int(cool_off().total_seconds() // 60)


def locked_out(request, credentials, *args, **kwargs):
    """The page a locked-out person sees (AXES_LOCKOUT_CALLABLE): why, for how long, whom to ask."""
    return render(request, "accounts/locked_out.html",
                  {"limit": settings.AXES_FAILURE_LIMIT, "minutes": cool_off_minutes()}, status=403)


def record_lockout(sender, request, username: str | None, ip_address: str | None, **kwargs) -> None:
    """`user_locked_out`: an audit entry and an alert once per lockout, not at every further attempt."""
    since = timezone.now() - cool_off()
    name = (username or "")[:150]
    if AuditEntry.objects.filter(action=events.LOCKED_OUT, at__gte=since, data__username=name,
                                 ip=ip_address).exists():
        return
    account = get_user_model()._default_manager.filter(username=name).first() if name else None
    events.record_account_event(events.LOCKED_OUT, actor=None, account=account, ip=ip_address, username=name,
                                failures=settings.AXES_FAILURE_LIMIT)
    raise_alert(None, Level.WARNING, f"account_locked:{name}:{ip_address}"[:40],
                _("账号“%(name)s”在 %(ip)s 连续 %(n)s 次登录失败，已锁定 %(m)s 分钟；如非本人操作，请核查是否遭受口令猜测攻击。")
                % {"name": name or _("（未填写）"), "ip": ip_address or "-", "n": settings.AXES_FAILURE_LIMIT,
                   "m": cool_off_minutes()})


def unlock(*, username: str | None, ip_address: str | None, by, request_ip: str | None) -> int:
    """An administrator lifts a lockout early; recorded."""
    if not username and not ip_address:
        return 0
    cleared = reset(ip=ip_address, username=username)
    events.record_account_event(events.UNLOCK, actor=by, ip=request_ip, username=username or "",
                                ip_address=ip_address or "", cleared=cleared)
    return cleared
