"""What the 账号安全 page shows the system administrator: accounts that need attention now."""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from .lockout import cool_off
from .models import AccountState
from .validators import policy

# Passwords that expire within this many days are listed, so people are told before they are stopped.
EXPIRY_NOTICE_DAYS = 14


def account_overview() -> dict:
    """Frozen accounts, live lockouts, accounts without an authenticator, and passwords about to expire."""
    moment = timezone.now()
    users = get_user_model().objects.order_by("username")
    with_factor = TOTPDevice.objects.filter(confirmed=True).values("user_id")
    due_before = moment - timedelta(days=policy().max_age_days - EXPIRY_NOTICE_DAYS)
    return {
        "active": users.filter(is_active=True).exclude(account_state__frozen_at__isnull=False),
        "frozen": AccountState.objects.filter(frozen_at__isnull=False).select_related("user", "frozen_by"),
        "locked": AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
                                               attempt_time__gte=moment - cool_off()).order_by("-attempt_time"),
        "without_factor": users.filter(is_active=True).exclude(pk__in=with_factor),
        "password_due": AccountState.objects.filter(user__is_active=True, password_changed_at__lt=due_before)
        .select_related("user").order_by("password_changed_at"),
        "max_age_days": policy().max_age_days,
    }
