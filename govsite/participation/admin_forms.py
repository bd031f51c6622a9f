"""Back-office forms: each unit works on its own sites only; a survey's questions freeze once answered."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import access
from .rules import SurveyKind


class UnitSiteForm(WagtailAdminModelForm):
    """The site choice lists the sites of the user's unit groups; the portal office sees every site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "record" in self.fields and user is not None and not access.supervises(user):
            sites = access.unit_sites(user)
            field = self.fields["record"]
            field.queryset = field.queryset.filter(pk__in=sites)
            if len(sites) == 1 and not self.instance.pk:
                field.initial = next(iter(sites))


class SurveyForm(UnitSiteForm):
    def is_valid(self) -> bool:
        """The questions are checked once the form and its formsets are clean (deletions are known then)."""
        if not super().is_valid():
            return False
        problem = self.questions_problem()
        if problem:
            self.add_error(None, problem)
            return False
        return True

    def questions_problem(self) -> str | None:
        questions = self.formsets.get("questions")
        if questions is None:
            return None
        deleted = set(questions.deleted_forms)
        kept = [f for f in questions.forms if f not in deleted and (f.instance.pk or f.has_changed())]
        edited = [f for f in kept if f.has_changed() and set(f.changed_data) - {"ORDER"}]
        if self.instance.has_submissions() and (edited or any(f.instance.pk for f in deleted)):
            return _("已收到 %(n)d 份提交，调查问题和选项不能再修改（说明、结果和采纳情况仍可修改）") % {
                "n": self.instance.submissions.count()}
        if self.cleaned_data.get("kind") == SurveyKind.SURVEY and self.cleaned_data.get("live") and not kept:
            return _("网上调查至少需要一个调查问题才能发布")
        return None


class AnswerForm(forms.Form):
    """A guest's answer to a public question, typed by staff during or after the interview (I8)."""

    answer = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             max_length=5000)
    answered_by = forms.CharField(label=_("答复嘉宾"), max_length=50, required=False)
