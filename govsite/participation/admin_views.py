"""Back-office views: unit-scoped lists and forms, publishing results and transcripts, moderation, export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView, View
from wagtail.admin.views import generic
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.widgets import HeaderButton

from govsite.audit.events import record_export
from govsite.core.admin_pages import AdminPage

from . import access, results
from .admin_forms import AnswerForm
from .models import Interview, InterviewQuestion, Survey


class ScopedIndexView(generic.IndexView):
    """Editors list their own sites' items; the portal office lists all."""

    def get_base_queryset(self):
        return access.scoped(super().get_base_queryset().select_related("record"), self.request.user)


class ScopedObjectMixin:
    """Opening another unit's item is refused, whatever the view (edit, delete, history, usage)."""

    def get_object(self, *args, **kwargs):
        item = super().get_object(*args, **kwargs)
        if not access.may_work_on(self.request.user, item):
            raise PermissionDenied
        return item


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedHistoryView(ScopedObjectMixin, generic.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, generic.UsageView):
    pass


class SurveyEditView(ScopedEditView):
    @property
    def header_buttons(self):
        survey = self.object
        buttons = [] if survey.results_published else [
            HeaderButton(_("公布结果"), url=reverse("participation_surveys:publish_results", args=[survey.pk]),
                         icon_name="upload")
        ]
        if self.request.user.has_perm("participation.view_submission"):
            buttons += [
                HeaderButton(label, url=reverse("participation_surveys:export", args=[survey.pk, fmt]),
                             icon_name="download")
                for fmt, label in (("xlsx", _("导出提交（Excel）")), ("csv", _("导出提交（CSV）")))
            ]
        return buttons


class InterviewEditView(ScopedEditView):
    @property
    def header_buttons(self):
        interview = self.object
        buttons = [HeaderButton(_("网民提问审核与答复"),
                                url=reverse("participation_interviews:moderate", args=[interview.pk]),
                                icon_name="comment")]
        if not interview.transcript_published:
            buttons.append(HeaderButton(
                _("公布访谈实录"), url=reverse("participation_interviews:publish_transcript", args=[interview.pk]),
                icon_name="upload"))
        return buttons


def _scoped_item(request, model, pk: int, permission: str):
    """The item if the user holds `permission` and works on its site; refused otherwise."""
    if not request.user.has_perm(permission):
        raise PermissionDenied
    item = get_object_or_404(model.objects.select_related("record"), pk=pk)
    if not access.may_work_on(request.user, item):
        raise PermissionDenied
    return item


class PublishView(AdminPage, TemplateView):
    """Confirm, then publish: the explicit action the audit log records (I7, I8)."""

    template_name = "participation/admin/publish.html"
    header_icon = "upload"
    model: type
    permission = ""
    edit_url_name = ""

    def dispatch(self, request, pk: int):
        self.item = _scoped_item(request, self.model, pk, self.permission)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return f"{self.item}：{self.title}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(item=self.item, refusal=self.refusal(), description=self.description,
                       submit_label=self.title, edit_url=reverse(self.edit_url_name, args=[self.item.pk]))
        return context

    def post(self, request, pk: int):
        try:
            self.publish()
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect(request.path)
        messages.success(request, self.success_message)
        return redirect(self.edit_url_name, self.item.pk)

    def refusal(self) -> str | None:
        """Why the item cannot be published now, or None."""
        raise NotImplementedError

    def publish(self) -> None:
        raise NotImplementedError


class PublishResultsView(PublishView):
    model = Survey
    permission = "participation.change_survey"
    edit_url_name = "participation_surveys:edit"
    title = gettext_lazy("公布结果")
    description = gettext_lazy("公布后，调查结果（网上调查的各题统计）、意见汇总和采纳情况在网站上公开，并显示公布日期。"
                               "网上调查、民意征集结束后1个月内必须公布调查结果（004 第二十二条）。")
    success_message = gettext_lazy("结果已公布")

    def refusal(self):
        return self.item.results_refusal() or (_("结果已公布") if self.item.results_published else None)

    def publish(self):
        results.publish_results(self.item, self.request.user)


class PublishTranscriptView(PublishView):
    model = Interview
    permission = "participation.change_interview"
    edit_url_name = "participation_interviews:edit"
    title = gettext_lazy("公布访谈实录")
    description = gettext_lazy("公布后，文字实录和访谈图片在访谈页面上公开（I8）。")
    success_message = gettext_lazy("访谈实录已公布")

    def refusal(self):
        return self.item.transcript_refusal() or (_("实录已公布") if self.item.transcript_published else None)

    def publish(self):
        results.publish_transcript(self.item, self.request.user)


class ModerationView(AdminPage, TemplateView):
    """Every question of an interview with one button to approve, one to reject, and its answer (I8)."""

    template_name = "participation/admin/moderation.html"
    header_icon = "comment"

    def dispatch(self, request, pk: int):
        self.interview = _scoped_item(request, Interview, pk, "participation.change_interviewquestion")
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("%(title)s：网民提问审核与答复") % {"title": self.interview.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questions = list(self.interview.questions.all())
        for question in questions:
            question.form = AnswerForm(initial={"answer": question.answer, "answered_by": question.answered_by},
                                       prefix=f"q{question.pk}")
        context.update(interview=self.interview, questions=questions,
                       guests=[guest.name for guest in self.interview.guests.all()],
                       pending=sum(q.status == InterviewQuestion.Status.PENDING for q in questions))
        return context


def _question(request, pk: int) -> InterviewQuestion:
    question = get_object_or_404(InterviewQuestion.objects.select_related("interview"), pk=pk)
    _scoped_item(request, Interview, question.interview_id, "participation.change_interviewquestion")
    return question


@require_POST
def moderate_question(request, pk: int, decision: str):
    question = _question(request, pk)
    results.moderate(question, approve=decision == "approve", user=request.user)
    messages.success(request, _("已采用该提问") if decision == "approve" else _("已不予采用该提问，不会在网站上显示"))
    return redirect(reverse("participation_interviews:moderate", args=[question.interview_id]) + f"#q{pk}")


@require_POST
def answer_question(request, pk: int):
    question = _question(request, pk)
    form = AnswerForm(request.POST, prefix=f"q{pk}")
    if form.is_valid():
        results.answer(question, form.cleaned_data["answer"], form.cleaned_data["answered_by"], request.user)
        messages.success(request, _("答复已保存"))
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("participation_interviews:moderate", args=[question.interview_id]) + f"#q{pk}")


def _neutralise_formula(value: str) -> str:
    """A cell starting like a formula is kept as text, so an opened CSV runs nothing a citizen typed."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class SubmissionExportView(SpreadsheetExportMixin, View):
    """A survey's submissions, one row each, one column per question; the export is in the audit log (X1)."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        str: {SpreadsheetExportMixin.FORMAT_CSV: _neutralise_formula},
    }

    def get(self, request, pk: int, fmt: str):
        survey = _scoped_item(request, Survey, pk, "participation.view_submission")
        questions = list(survey.questions.all())
        self.columns = {"submitted_at": _("提交时间")}
        if survey.is_solicitation:
            self.columns["opinion"] = _("意见建议")
        self.columns.update({f"q{q.pk}": q.text for q in questions})
        self.columns.update(contact_name=_("联系人"), contact_phone=_("联系电话"))
        self.list_export = list(self.columns)
        self.export_headings = self.columns
        self.export_filename = f"survey-{survey.pk}-submissions"
        submissions = list(survey.submissions.prefetch_related("answers__option"))
        record_export(_("征集调查提交：%(title)s") % {"title": survey.title}, request.user, len(submissions),
                      contains_personal_data=any(s.has_contact for s in submissions))
        return self.as_spreadsheet(submissions, fmt)

    def get_heading(self, queryset, field):
        return str(self.export_headings[field])

    def to_row_dict(self, item):
        answers: dict[str, list[str]] = {}
        for answer in item.answers.all():
            answers.setdefault(f"q{answer.question_id}", []).append(answer.option.label if answer.option else answer.text)
        row = {"submitted_at": item.submitted_at, "opinion": item.opinion, "contact_name": item.contact_name,
               "contact_phone": item.contact_phone}
        return {field: row.get(field, "；".join(answers.get(field, []))) for field in self.list_export}
