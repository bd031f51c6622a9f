"""The sign-in's second step (X3), the forced password change (X2), and the administrator's account actions (X5)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govsite.audit.context import client_ip

from . import events, freezing, lockout, overview, twofactor
from .forms import CodeForm, FreezeForm, UnfreezeForm
from .middleware import change_reason
from .models import AccountState

FREEZE_PERMISSION = "accounts.freeze_account"


def _next(request: HttpRequest) -> str:
    """Where the sign-in was going; only a path on this host."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _signin_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    return render(request, f"accounts/{template}", {"next": _next(request), **context})


@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in: scan the QR code, type the first code, keep the recovery codes."""
    if twofactor.has_second_factor(request.user):
        return redirect(f"{reverse('accounts_2fa_verify')}?next={_next(request)}")
    device = twofactor.pending_authenticator(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.confirm_authenticator(request, form.cleaned_data["code"]):
            codes = twofactor.new_recovery_codes(request.user)
            events.record_account_event(events.TWO_FACTOR_ENROL, actor=request.user, account=request.user,
                                        ip=client_ip(request), device=device.name)
            return _signin_page(request, "recovery_codes.html", {"codes": codes, "first_time": True})
        form.add_error("code", _("验证码不正确：请核对手机时间，并输入身份验证器当前显示的 6 位数字"))
    return _signin_page(request, "enrol.html", {
        "form": form, "qr_svg": twofactor.qr_svg(device), "secret": twofactor.secret_text(device)})


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Every sign-in after the first: the authenticator's code, or one recovery code."""
    if not twofactor.has_second_factor(request.user):
        return redirect(f"{reverse('accounts_2fa_enrol')}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify(request, form.cleaned_data["code"])
        if device is not None:
            events.record_account_event(events.TWO_FACTOR_PASSED, actor=request.user, account=request.user,
                                        ip=client_ip(request), device=device.name)
            left = twofactor.recovery_codes_left(request.user)
            if device.name == twofactor.RECOVERY_NAME:
                messages.warning(request, _("已使用一个恢复码，还剩 %(n)s 个。请尽快检查身份验证器，"
                                            "必要时在“账号安全”中重新生成恢复码。") % {"n": left})
            return redirect(_next(request))
        events.record_account_event(events.TWO_FACTOR_FAILED, actor=request.user, account=request.user,
                                    ip=client_ip(request))
        form.add_error("code", _("验证码不正确或已过期；多次输错后需等待更长时间才能再试"))
    return _signin_page(request, "verify.html", {"form": form})


@require_http_methods(["GET", "POST"])
def password_required(request: HttpRequest) -> HttpResponse:
    """The change X2 forces: first sign-in with a password someone else set, or one older than 90 days."""
    reason = change_reason(request.user)
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        events.record_account_event(events.PASSWORD_CHANGE, actor=request.user, account=request.user,
                                    ip=client_ip(request), forced=bool(reason))
        messages.success(request, _("密码已修改。"))
        return redirect(_next(request))
    return _signin_page(request, "password_required.html", {"form": form, "reason": reason})


@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """How many recovery codes are left; a new set replaces the old one and is shown once."""
    if request.method == "POST":
        codes = twofactor.new_recovery_codes(request.user)
        events.record_account_event(events.RECOVERY_CODES, actor=request.user, account=request.user,
                                    ip=client_ip(request))
        return _signin_page(request, "recovery_codes.html", {"codes": codes, "first_time": False})
    return render(request, "accounts/recovery_status.html", {"left": twofactor.recovery_codes_left(request.user)})


def _account(request: HttpRequest, user_id: int):
    if not request.user.has_perm(FREEZE_PERMISSION):
        raise PermissionDenied
    account = get_object_or_404(get_user_model(), pk=user_id)
    if account.pk == request.user.pk:
        raise PermissionDenied(_("不能对自己的账号执行此操作"))
    return account


@require_http_methods(["GET", "POST"])
def freeze(request: HttpRequest, user_id: int) -> HttpResponse:
    """冻结账号: one action; the account's open sessions end with it."""
    account = _account(request, user_id)
    form = FreezeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        freezing.freeze(account, by=request.user, reason=form.cleaned_data["reason"], ip=client_ip(request))
        messages.success(request, _("账号 %(name)s 已冻结，其登录会话已全部结束。") % {"name": account})
        return redirect("accounts_security")
    return render(request, "accounts/freeze.html", {"account": account, "form": form, "compromised": False})


@require_http_methods(["GET", "POST"])
def compromised(request: HttpRequest, user_id: int) -> HttpResponse:
    """疑似被盗: freeze, void the password and factors, then show the last 30 days' changes to check."""
    account = _account(request, user_id)
    form = FreezeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        freezing.handle_compromised(account, by=request.user, reason=form.cleaned_data["reason"],
                                    ip=client_ip(request))
        return redirect("accounts_changes", user_id=account.pk)
    return render(request, "accounts/freeze.html", {"account": account, "form": form, "compromised": True})


def changes(request: HttpRequest, user_id: int) -> HttpResponse:
    """Everything the account changed in the last 30 days, for checking content, messages and interfaces."""
    account = _account(request, user_id)
    entries = freezing.changes_since(account).select_related("site")
    return render(request, "accounts/changes.html", {
        "account": account, "entries": entries, "days": freezing.REVIEW_DAYS,
        "state": AccountState.objects.filter(user=account).first()})


@require_http_methods(["GET", "POST"])
def unfreeze(request: HttpRequest, user_id: int) -> HttpResponse:
    account = _account(request, user_id)
    form = UnfreezeForm(request.POST or None, user=account)
    if request.method == "POST" and form.is_valid():
        freezing.unfreeze(account, by=request.user, new_password=form.cleaned_data["new_password"] or None,
                          ip=client_ip(request))
        messages.success(request, _("账号 %(name)s 已解冻。") % {"name": account})
        return redirect("accounts_security")
    return render(request, "accounts/unfreeze.html", {"account": account, "form": form})


def security_overview(request: HttpRequest) -> HttpResponse:
    """账号安全: frozen accounts, locked sign-ins, accounts without a second factor, passwords due."""
    if not request.user.has_perm(FREEZE_PERMISSION):
        raise PermissionDenied
    return render(request, "accounts/security.html", overview.account_overview())


@require_http_methods(["POST"])
def unlock(request: HttpRequest) -> HttpResponse:
    """Lifts a lockout of an account name or an address before its 30 minutes are up."""
    if not request.user.has_perm(FREEZE_PERMISSION):
        raise PermissionDenied
    username, ip = request.POST.get("username") or None, request.POST.get("ip_address") or None
    cleared = lockout.unlock(username=username, ip_address=ip, by=request.user, request_ip=client_ip(request))
    messages.success(request, _("已解除 %(n)s 条登录锁定。") % {"n": cleared})
    return redirect("accounts_security")
