"""The public forms: answering a survey, giving an opinion on a draft (I7), asking an interview guest (I8).

Each is guarded (captcha, honeypot, minimum fill time); a submission is stored whole or not at all.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from govsite.formguard.forms import GuardedFormMixin, PublicTextField

from .models import Answer, Submission, Survey
from .rules import QuestionType

_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")
OPINION_MAX = 3000
ANSWER_MAX = 1000
QUESTION_MAX = 500


class ContactMixin(forms.Form):
    """An optional contact, for staff to ask back; kept encrypted and never published (X7)."""

    contact_name = PublicTextField(label=_("联系人（选填）"), max_length=30, required=False)
    contact_phone = forms.CharField(
        label=_("联系电话（选填）"), max_length=20, required=False,
        help_text=_("仅供工作人员必要时联系您，加密保存，不会公开；不填写即为匿名提交"),
    )

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data["contact_phone"].replace(" ", "")
        if phone and not _PHONE.match(phone):
            raise ValidationError(_("请填写正确的手机号码或固定电话（如 0873-6122000）"))
        return phone


class SurveyAnswerForm(GuardedFormMixin, ContactMixin):
    """网上调查: one field per question, choice questions as groups of radio buttons or check boxes."""

    def __init__(self, survey: Survey, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(survey.questions.prefetch_related("options"))
        fields = {}
        for question in self.questions:
            fields[f"q{question.pk}"] = self._field_for(question)
        self.fields = {**fields, **self.fields}

    @staticmethod
    def _field_for(question) -> forms.Field:
        common = {"label": question.text, "required": question.required}
        invalid = {"invalid_choice": _("请从列出的选项中选择"), "invalid_list": _("请从列出的选项中选择")}
        options = [(option.pk, option.label) for option in question.options.all()]
        if question.type == QuestionType.SINGLE:
            return forms.TypedChoiceField(choices=options, coerce=int, widget=forms.RadioSelect,
                                          error_messages=invalid, **common)
        if question.type == QuestionType.MULTIPLE:
            return forms.TypedMultipleChoiceField(choices=options, coerce=int, widget=forms.CheckboxSelectMultiple,
                                                  error_messages=invalid, **common)
        return PublicTextField(max_length=ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 4}), **common)

    def save(self) -> Submission:
        data = self.cleaned_data
        with transaction.atomic():
            submission = Submission.objects.create(
                survey=self.survey, contact_name=data["contact_name"], contact_phone=data["contact_phone"]
            )
            answers = []
            for question in self.questions:
                value = data.get(f"q{question.pk}")
                if question.type == QuestionType.TEXT:
                    if value:
                        answers.append(Answer(submission=submission, question=question, text=value))
                else:
                    for option_id in value if isinstance(value, list) else [value] if value else []:
                        answers.append(Answer(submission=submission, question=question, option_id=option_id))
            Answer.objects.bulk_create(answers)
        return submission


class OpinionForm(GuardedFormMixin, ContactMixin):
    """意见征集: one opinion on the draft."""

    opinion = PublicTextField(
        label=_("意见建议"), max_length=OPINION_MAX, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=format_lazy(_("请围绕征求意见稿提出具体意见和理由，不超过{n}字"), n=OPINION_MAX),
    )
    field_order = ["opinion", "contact_name", "contact_phone"]

    def __init__(self, survey: Survey, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey

    def save(self) -> Submission:
        data = self.cleaned_data
        return Submission.objects.create(survey=self.survey, opinion=data["opinion"],
                                         contact_name=data["contact_name"], contact_phone=data["contact_phone"])


def form_for_survey(survey: Survey, *, data=None, request=None) -> SurveyAnswerForm | OpinionForm:
    form_class = OpinionForm if survey.is_solicitation else SurveyAnswerForm
    return form_class(survey, data, request=request)


class InterviewQuestionForm(GuardedFormMixin, forms.Form):
    """在线访谈提问: published only after staff approve it (I8)."""

    nickname = PublicTextField(label=_("网名（选填）"), max_length=30, required=False,
                               help_text=_("显示在您的提问前；不填写显示为“网友”"))
    text = PublicTextField(label=_("提问内容"), max_length=QUESTION_MAX, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=format_lazy(_("提问经工作人员审核后显示，由访谈嘉宾答复，不超过{n}字"), n=QUESTION_MAX))

    def cleaned_question(self) -> dict:
        return {"nickname": self.cleaned_data["nickname"], "text": self.cleaned_data["text"]}
