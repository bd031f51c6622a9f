"""Guards for public forms (I1): a captcha, a honeypot and a minimum fill time; tidy public text.

A form mixes in GuardedFormMixin and its template includes "formguard/captcha.html". The captcha is
one field whose widget carries the signed token and the answer; a refused form is shown again with a
new challenge, since every checked token is spent.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .captcha import issue_challenge, verify
from .challenge import LENGTH
from .text import clean_public_text

CAPTCHA_FIELD = "captcha"
HONEYPOT_FIELD = "website"
QUIET_REFUSAL = _("提交失败，请重试")


def _new_token() -> str:
    return issue_challenge().token


class CaptchaWidget(forms.MultiWidget):
    """The hidden token and the answer box; the include draws the picture and the refresh link beside them."""

    def __init__(self, attrs=None):
        answer = forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "maxlength": "10",
            }
        )
        super().__init__({"token": forms.HiddenInput(), "answer": answer}, attrs)

    def decompress(self, value):
        return [value or "", ""]

    def get_context(self, name, value, attrs):
        """The answer box is described by the help text the include renders as `<id>_helptext`."""
        context = super().get_context(name, value, attrs)
        field_id = context["widget"]["attrs"].get("id")
        if field_id:
            context["widget"]["subwidgets"][1]["attrs"]["aria-describedby"] = f"{field_id}_helptext"
        return context

    def id_for_label(self, id_):
        return f"{id_}_1" if id_ else ""


class CaptchaField(forms.Field):
    """Checks the answer against its token once (captcha.verify), after the minimum fill time."""

    widget = CaptchaWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("验证码"))
        kwargs.setdefault(
            "help_text", format_lazy(_("请输入图中的{n}个字符，不区分大小写；看不清可点击“换一张”"), n=LENGTH)
        )
        super().__init__(initial=_new_token, **kwargs)

    def bound_data(self, data, initial):
        """A form shown again after a refusal gets a new challenge and an empty answer box."""
        return initial

    def to_python(self, value) -> tuple[str, str]:
        if not isinstance(value, list | tuple) or len(value) != 2:
            return "", ""
        return tuple(item if isinstance(item, str) else "" for item in value)

    def validate(self, value: tuple[str, str]) -> None:
        token, answer = value
        verify(token, answer, min_age_seconds=settings.GOVSITE_FORM_MIN_FILL_SECONDS)


class HoneypotField(forms.CharField):
    """A box people never see (the include hides it); a bot that fills it is refused without a reason."""

    def __init__(self):
        super().__init__(
            label=_("网址（请勿填写）"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )


class GuardedFormMixin:
    """Captcha, honeypot and minimum fill time for a public Django form (I1).

    Accepts `request=` so the refresh link of the captcha can point back at the page being shown.
    """

    guard_field_names = (HONEYPOT_FIELD, CAPTCHA_FIELD)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        taken = set(self.guard_field_names) & self.fields.keys()
        if taken:
            raise ImproperlyConfigured(f"{type(self).__name__} already has fields named {sorted(taken)}")
        self.request = request
        self.fields[HONEYPOT_FIELD] = HoneypotField()
        self.fields[CAPTCHA_FIELD] = CaptchaField()

    @property
    def guard_refresh_url(self) -> str:
        """The page itself: following it draws the form with a new challenge, without JavaScript."""
        return self.request.get_full_path() if self.request is not None else ""

    def clean(self):
        cleaned_data = super().clean()
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise ValidationError(QUIET_REFUSAL, code="honeypot")
        return cleaned_data


class PublicTextField(forms.CharField):
    """A text field of a public form, cleaned by clean_public_text (length counted after tidying)."""

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(max_length=max_length, strip=False, **kwargs)

    def to_python(self, value) -> str:
        text = super().to_python(value)
        return clean_public_text(
            text, max_length=self.max_length, label=str(self.label or ""), required=self.required
        )
