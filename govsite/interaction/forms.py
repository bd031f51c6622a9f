"""The public forms of letters and error reports, and the back office's forms for handling letters."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric

from govsite.formguard.forms import GuardedFormMixin, PublicTextField

from .models import ErrorReport, Extension
from .rules import CHANNEL_LABELS, KIND_LABELS, WITHHOLD_LABELS, Channel, LetterKind

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def _phone(value: str) -> str:
    digits = value.replace(" ", "")
    if not (_MOBILE.match(digits) or _LANDLINE.match(digits)):
        raise ValidationError(_("请填写正确的手机号码或固定电话（如 0873-6122000）"))
    return digits


def _id_number(value: str) -> str:
    number = value.strip().upper()
    if number and not ric.is_valid(number):
        raise ValidationError(_("身份证号码不正确，请核对校验位"))
    return number


class PersonalDataForm(forms.Form):
    """What every public form that takes personal data asks and checks: consent, phone, ID number (X7)."""

    consent = forms.BooleanField(label=_("我已阅读并同意《个人信息处理说明》"),
                                 error_messages={"required": _("请阅读并同意个人信息处理说明")})

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data["phone"])

    def clean_id_number(self) -> str:
        return _id_number(self.cleaned_data["id_number"])


class LetterForm(GuardedFormMixin, PersonalDataForm):
    """写信: what the letter is about and who wrote it (I1); personal data is encrypted when stored (X7)."""

    kind = forms.ChoiceField(label=_("信件类别"), choices=[(k.value, _(v)) for k, v in KIND_LABELS.items()],
                             widget=forms.RadioSelect)
    channel = forms.ChoiceField(label=_("写信给"), choices=[(k.value, _(v)) for k, v in CHANNEL_LABELS.items()],
                                initial=Channel.MAILBOX, widget=forms.RadioSelect)
    title = PublicTextField(label=_("标题"), min_length=4, max_length=100)
    content = PublicTextField(label=_("内容"), min_length=10, max_length=3000, widget=forms.Textarea,
                              help_text=_("请写清事情的时间、地点、经过和诉求，不超过3000字"))
    name = PublicTextField(label=_("姓名"), max_length=30)
    phone = forms.CharField(label=_("联系电话"), max_length=20, help_text=_("用于办理单位联系您，不会公开"))
    id_number = forms.CharField(label=_("身份证号码"), max_length=18, required=False,
                                help_text=_("投诉、举报类信件建议填写，不会公开"))
    address = PublicTextField(label=_("联系地址"), max_length=100, required=False)
    email = forms.EmailField(label=_("电子邮箱"), max_length=100, required=False,
                             help_text=_("填写后，答复时会发送邮件通知您"))
    wants_public = forms.BooleanField(label=_("同意在网站上公开信件内容和答复（不公开您的个人信息）"),
                                      required=False, initial=True)
    field_order = ["kind", "channel", "title", "content", "name", "phone", "id_number", "address", "email",
                   "wants_public", "consent"]

    @property
    def letter_kind(self) -> LetterKind:
        return LetterKind(self.cleaned_data["kind"])


class FollowForm(GuardedFormMixin, forms.Form):
    """查询: the writer follows the letter with the query code and the password (I1)."""

    query_code = forms.CharField(label=_("查询码"), max_length=20)
    password = forms.CharField(label=_("查询密码"), max_length=20, widget=forms.PasswordInput)


class ErrorReportForm(GuardedFormMixin, forms.Form):
    """我为政府网站找错 (I10)."""

    url = PublicTextField(label=_("问题页面地址"), max_length=500,
                          help_text=_("从页面底部“我为政府网站找错”进入时已自动填写"))
    problem = forms.ChoiceField(label=_("问题类型"), choices=ErrorReport.Problem.choices, widget=forms.RadioSelect)
    description = PublicTextField(label=_("问题描述"), min_length=5, max_length=1000, widget=forms.Textarea)
    contact = PublicTextField(label=_("联系方式（选填）"), max_length=100, required=False,
                              help_text=_("便于核实问题，不会公开"))

    def clean_url(self) -> str:
        """An address the report can be routed by: a web address or a path on this site."""
        url = self.cleaned_data["url"].strip()
        try:
            scheme = urlsplit(url).scheme
        except ValueError:
            scheme = None
        if scheme not in ("", "http", "https"):
            raise ValidationError(_("页面地址不正确，请复制浏览器地址栏中出错页面的地址"))
        return url


class SortForm(forms.Form):
    kind = forms.ChoiceField(label=_("信件类别"), choices=[(k.value, _(v)) for k, v in KIND_LABELS.items()])
    simple = forms.BooleanField(label=_("简单咨询（1个工作日内答复）"), required=False)


class DispatchForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("承办单位"), queryset=None)
    instruction = forms.CharField(label=_("转办意见"), max_length=500, required=False, widget=forms.Textarea(
        attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        from govsite.registry.models import SiteRecord

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = SiteRecord.objects.order_by("site_type", "name")


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("答复内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 10}))


class ExtensionForm(forms.ModelForm):
    class Meta:
        model = Extension
        fields = ["days", "reason"]


class ExtensionDecisionForm(forms.Form):
    extension = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.TypedChoiceField(label=_("审批"), coerce=lambda v: v == "yes",
                                     choices=[("yes", _("批准延期")), ("no", _("不批准"))])
    note = forms.CharField(label=_("审批意见"), max_length=500, required=False)


class PublicityForm(forms.Form):
    public = forms.TypedChoiceField(label=_("是否公开"), coerce=lambda v: v == "yes",
                                    choices=[("yes", _("公开")), ("no", _("不公开"))])
    reason = forms.ChoiceField(label=_("不公开理由"), required=False,
                               choices=[("", "—")] + [(k.value, _(v)) for k, v in WITHHOLD_LABELS.items()])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("public") is False and not cleaned.get("reason"):
            self.add_error("reason", _("不公开须选择理由"))
        return cleaned


class ErrorHandlingForm(forms.Form):
    status = forms.ChoiceField(label=_("处理结果"), choices=[
        (ErrorReport.Status.FIXED.value, ErrorReport.Status.FIXED.label),
        (ErrorReport.Status.NOT_A_PROBLEM.value, ErrorReport.Status.NOT_A_PROBLEM.label),
    ])
    note = forms.CharField(label=_("处理说明"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

