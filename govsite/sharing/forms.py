"""The push and co-building forms (P9)."""

from __future__ import annotations

from django import forms
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _

from govsite.columns.models import ColumnPage


class ColumnChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ColumnPage) -> str:
        return f"{obj.get_site().site_name}·{obj.title}"


class PushForm(forms.Form):
    targets = ColumnChoice(queryset=ColumnPage.objects.none(), label=_("推送到栏目"),
                           widget=forms.CheckboxSelectMultiple,
                           error_messages={"required": _("请至少选择一个接收栏目")})

    def __init__(self, *args, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["targets"].queryset = columns


class ContributionForm(forms.Form):
    co_built = forms.ModelChoiceField(queryset=None, label=_("共建栏目"),
                                      error_messages={"required": _("请选择共建栏目")})
    title = forms.CharField(label=_("标题"), max_length=255, error_messages={"required": _("请填写标题")})
    body = forms.CharField(label=_("正文"), widget=forms.Textarea, help_text=_("空行分段"),
                           error_messages={"required": _("请填写正文")})

    def __init__(self, *args, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_built"].queryset = columns

    def clean_body(self) -> str:
        """Plain text as paragraphs of the page body, escaped: what is typed is shown, never run."""
        return linebreaks(self.cleaned_data["body"], autoescape=True)
