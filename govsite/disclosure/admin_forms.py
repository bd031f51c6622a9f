"""The office's forms for the steps of an application (I9); dates default to today."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import OUTCOME_CHOICES
from .rules import MAX_EXTENSION_DAYS

_DATE = {"widget": forms.DateInput(attrs={"type": "date"}), "initial": timezone.localdate}


class ReceiptForm(forms.Form):
    received_on = forms.DateField(label=_("收到申请日期（双方确认之日）"), **_DATE)


class CorrectionForm(forms.Form):
    items = forms.CharField(label=_("需要补正的事项"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label=_("补正期限"), widget=forms.DateInput(attrs={"type": "date"}),
                               help_text=_("给申请人的合理补正期限；逾期无正当理由不补正的，视为放弃申请"))


class CorrectedForm(forms.Form):
    corrected_on = forms.DateField(label=_("收到补正申请日期"), **_DATE)
    description = forms.CharField(label=_("补正后的申请内容（选填）"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))


class ConsultationForm(forms.Form):
    party = forms.CharField(label=_("征求意见对象"), max_length=100)
    sent_on = forms.DateField(label=_("发出征求意见日期"), **_DATE)


class ConsultationResultForm(forms.Form):
    consultation = forms.IntegerField(widget=forms.HiddenInput)
    answered_on = forms.DateField(label=_("收到意见日期（逾期未提出意见的，填期满日期）"), **_DATE)
    opinion = forms.CharField(label=_("意见"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label=_("延长的工作日"), min_value=1, max_value=MAX_EXTENSION_DAYS,
                              error_messages={"max_value": _("延长的期限最长不得超过 20 个工作日（第三十三条）")})
    reason = forms.CharField(label=_("延期理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionDecisionForm(forms.Form):
    extension = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.TypedChoiceField(label=_("决定"), coerce=lambda v: v == "yes",
                                     choices=[("yes", _("同意延期")), ("no", _("不同意"))])


class DraftForm(forms.Form):
    outcome = forms.ChoiceField(label=_("办理结果"), choices=OUTCOME_CHOICES)
    text = forms.CharField(label=_("答复正文"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("填入答复书模板的“{答复正文}”处：提供的信息、不予公开的理由或告知事项"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
