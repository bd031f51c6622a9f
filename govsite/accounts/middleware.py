"""Until both factors are given and the password is the person's own and current, the back office is closed.

A signed-in account without its second factor is anonymous everywhere but the pages that complete the
sign-in (X3); one whose password was set by someone else or is older than 90 days may only change it (X2).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from . import passwords
from .models import AccountState
from .twofactor import has_second_factor
from .validators import policy

# Pages a half signed-in person may still reach: completing the sign-in, leaving, and the admin's assets.
OPEN_URL_NAMES = ("accounts_2fa_enrol", "accounts_2fa_verify", "accounts_password_required", "wagtailadmin_logout",
                  "wagtailadmin_login")
ASSET_PREFIXES = ("/admin/jsi18n/", "/static/", "/favicon.ico")


def change_reason(user) -> str | None:
    """Why this account must change its password before anything else (X2), or None."""
    state = AccountState.objects.filter(user=user).first()
    changed_at = state.password_changed_at if state else None
    set_by_other = bool(state and state.password_set_by_other)
    return passwords.change_reason(changed_at, set_by_other, timezone.now(), policy())


def _is_open(request: HttpRequest) -> bool:
    path = request.path_info
    return path.startswith(ASSET_PREFIXES) or any(path == reverse(name) for name in OPEN_URL_NAMES)


def _to(name: str, request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


class AccountPolicyMiddleware:
    """Sends a half signed-in person to the second factor, then to the password change, and nowhere else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or _is_open(request):
            return self.get_response(request)
        if settings.GOVSITE_TWO_FACTOR_REQUIRED and not user.is_verified():
            if not request.path_info.startswith("/admin/"):
                request.user = AnonymousUser()
                return self.get_response(request)
            return _to("accounts_2fa_verify" if has_second_factor(user) else "accounts_2fa_enrol", request)
        if request.path_info.startswith("/admin/") and change_reason(user):
            return _to("accounts_password_required", request)
        return self.get_response(request)
