"""What the platform keeps about each back-office account beyond Django's user (X2, X5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccountState(models.Model):
    """When the password was last changed, whether someone else set it, and whether the account is frozen."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_state",
                                verbose_name=_("用户"))
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    password_set_by_other = models.BooleanField(
        _("密码由他人设置"), default=False, help_text=_("新建账号或管理员重置后为是：本人首次登录须先修改密码"))
    frozen_at = models.DateTimeField(_("冻结时间"), null=True, blank=True)
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("冻结人"))
    frozen_reason = models.CharField(_("冻结原因"), max_length=500, blank=True)
    compromised = models.BooleanField(_("疑似被盗"), default=False)

    class Meta:
        verbose_name = _("账号安全状态")
        verbose_name_plural = _("账号安全状态")
        default_permissions = ("view",)
        permissions = [("freeze_account", _("冻结、解冻账号，处置疑似被盗账号"))]

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def of(cls, user) -> AccountState:
        """The state row of a user, made on first need."""
        state, _created = cls.objects.get_or_create(user=user)
        return state


class PasswordRecord(models.Model):
    """A password the account has had, as its hash: the last five may not be used again (X2)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_records")
    encoded = models.CharField(_("密码摘要"), max_length=256)
    set_at = models.DateTimeField(_("设置时间"), default=timezone.now)

    class Meta:
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")
        ordering = ["-set_at", "-pk"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.user} {self.set_at:%Y-%m-%d}"


class LoginSession(models.Model):
    """A signed-in session of an account: freezing the account ends every one of them (X5)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions",
                             verbose_name=_("用户"))
    session_key = models.CharField(_("会话"), max_length=40, db_index=True)
    ip = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    user_agent = models.CharField(_("浏览器"), max_length=300, blank=True)
    started_at = models.DateTimeField(_("登录时间"), default=timezone.now)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("登录会话")
        verbose_name_plural = _("登录会话")
        ordering = ["-started_at"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.user} {self.started_at:%Y-%m-%d %H:%M}"
