"""The forms of the sign-in's second step and of the forced password change."""

from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A six-digit code from the authenticator, or a recovery code."""

    code = forms.CharField(
        label=_("验证码"), max_length=32, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={"required": _("请输入验证码")},
    )


class FreezeForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("请填写冻结原因，便于事后核查")})


class UnfreezeForm(forms.Form):
    """A new password is needed when the old one was made useless (a leaked account)."""

    new_password = forms.CharField(label=_("新密码"), required=False, strip=False,
                                   widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["new_password"].required = not user.has_usable_password()
        self.fields["new_password"].help_text = _("账号本人首次登录时须再修改一次。")

    def clean_new_password(self) -> str:
        password = self.cleaned_data["new_password"]
        if password:
            validate_password(password, self.user)
        return password
