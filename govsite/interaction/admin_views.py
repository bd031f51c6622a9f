"""The back office of letters and error reports: lists scoped to each role, and one page per letter where
each person finds exactly the steps open to them (sort, dispatch, return, reply, approve, extend)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from govsite.core.admin_pages import AdminPage
from govsite.core.errors import Refused
from govsite.security.masking import mask_address, mask_email, mask_id_number, mask_name, mask_phone
from govsite.workdays.service import CALENDAR

from . import access, errors, handling, knowledge
from .forms import (
    DispatchForm,
    ErrorHandlingForm,
    ExtensionDecisionForm,
    ExtensionForm,
    PublicityForm,
    ReasonForm,
    ReplyForm,
    SortForm,
)
from .models import ErrorReport, Extension, Letter
from .rules import LetterKind, WithholdReason

letter_policy = ModelPermissionPolicy(Letter)
report_policy = ModelPermissionPolicy(ErrorReport)


def due_text(letter: Letter) -> str:
    """The due date, marked when it has passed or was counted over a year the calendar lacks."""
    text = letter.due_on.isoformat()
    if letter.is_overdue:
        text += _("（已超期）")
    if letter.due_uncertain_years:
        text += _("（节假日未录入，待重算）")
    return text


def due_soon(letters: QuerySet[Letter], today: date | None = None) -> QuerySet[Letter]:
    """Open letters due today or on the next working day: the ones to finish first (I3)."""
    today = today or timezone.localdate()
    return letters.open().filter(due_on__gte=today, due_on__lte=CALENDAR.add(today, 1).due)


class LetterFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Letter.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=Letter._meta.get_field("kind").choices)
    overdue = django_filters.BooleanFilter(label=_("已超期"), method="filter_due")
    due_soon = django_filters.BooleanFilter(label=_("即将到期"), method="filter_due")

    class Meta:
        model = Letter
        fields = ["status", "kind", "channel", "site"]

    def filter_due(self, queryset, name, value):
        """Letters overdue or due within a working day (the dashboard's links), or all the others."""
        if value is None:
            return queryset
        matching = queryset.overdue() if name == "overdue" else due_soon(queryset)
        return matching if value else queryset.exclude(pk__in=matching.values("pk"))


class LetterIndexView(generic.IndexView):
    """Letters the user may open, the most urgent first."""

    model = Letter
    permission_policy = letter_policy
    permission_required = "view"
    any_permission_required = None
    filterset_class = LetterFilterSet
    default_ordering = "due_on"
    paginate_by = 50
    index_url_name = "letters:index"
    index_results_url_name = "letters:index_results"
    page_title = _("来信办理")
    header_icon = "mail"
    search_fields = ["title"]
    columns = [
        TitleColumn("title", label=_("标题"), get_url=lambda letter: reverse("letters:handle", args=[letter.pk])),
        Column("number", label=_("编号")),
        Column("kind", label=_("类别"), accessor="get_kind_display"),
        StatusTagColumn("status", label=_("状态"), accessor="get_status_display", primary=lambda letter: letter.is_open),
        Column("unit", label=_("承办单位"), accessor=lambda letter: letter.unit.name if letter.unit else "—"),
        Column("received_on", label=_("受理日期"), accessor=lambda letter: f"{letter.received_on:%Y-%m-%d}"),
        Column("due_on", label=_("答复期限"), accessor=due_text),
    ]

    def get_base_queryset(self):
        return access.letters_for(self.request.user).select_related("unit")


@dataclass(frozen=True)
class Step:
    """One step a person can take on a record (a letter, an application): its form and what it does."""

    label: str
    form_class: type[forms.Form] | None
    allowed: Callable[[object, object], bool]
    run: Callable[[object, object, dict], object]
    done: str


def _open_extension(letter: Letter) -> Extension | None:
    return letter.extensions.filter(status=Extension.Status.PENDING).first()


STEPS: dict[str, Step] = {
    "sort": Step(
        _("分拣"), SortForm,
        lambda user, letter: access.is_hotline(user) and letter.is_open,
        lambda letter, user, data: handling.sort(letter, user, kind=LetterKind(data["kind"]), simple=data["simple"]),
        _("已保存分拣结果"),
    ),
    "dispatch": Step(
        _("转办"), DispatchForm,
        lambda user, letter: access.is_hotline(user) and letter.status in (
            Letter.Status.RECEIVED, Letter.Status.RETURNED, Letter.Status.DISPATCHED),
        lambda letter, user, data: handling.dispatch(letter, user, data["unit"], data["instruction"]),
        _("已转办"),
    ),
    "decline": Step(
        _("不予受理"), ReasonForm,
        lambda user, letter: access.is_hotline(user) and letter.status in (
            Letter.Status.RECEIVED, Letter.Status.RETURNED),
        lambda letter, user, data: handling.decline(letter, user, data["reason"]),
        _("已决定不予受理"),
    ),
    "publicity": Step(
        _("公开决定"), PublicityForm,
        lambda user, letter: access.is_hotline(user),
        lambda letter, user, data: handling.decide_publicity(
            letter, user, data["public"], WithholdReason(data["reason"]) if data["reason"] else None),
        _("已保存公开决定"),
    ),
    "decide_extension": Step(
        _("审批延期"), ExtensionDecisionForm,
        lambda user, letter: access.is_hotline(user) and letter.is_open and _open_extension(letter) is not None,
        lambda letter, user, data: handling.decide_extension(
            get_object_or_404(Extension, pk=data["extension"], letter=letter), user, data["approve"], data["note"]),
        _("已审批延期申请"),
    ),
    "reply": Step(
        _("提交答复"), ReplyForm,
        lambda user, letter: access.handles(user, letter) and letter.status == Letter.Status.DISPATCHED,
        lambda letter, user, data: handling.submit_reply(letter, user, data["body"]),
        _("答复已提交单位领导审核"),
    ),
    "request_extension": Step(
        _("申请延期"), ExtensionForm,
        lambda user, letter: access.handles(user, letter) and letter.status == Letter.Status.DISPATCHED,
        lambda letter, user, data: handling.request_extension(letter, user, data["days"], data["reason"]),
        _("延期申请已提交热线中心"),
    ),
    "return": Step(
        _("退回热线中心"), ReasonForm,
        lambda user, letter: access.handles(user, letter) and letter.status == Letter.Status.DISPATCHED,
        lambda letter, user, data: handling.return_order(letter, user, data["reason"]),
        _("已退回热线中心重新转办"),
    ),
    "approve": Step(
        _("审核通过并答复"), None,
        lambda user, letter: access.approves(user, letter) and letter.status == Letter.Status.REVIEWING,
        lambda letter, user, data: handling.approve_reply(letter, user),
        _("答复已审核通过并发送来信人"),
    ),
    "reject": Step(
        _("退回修改"), ReasonForm,
        lambda user, letter: access.approves(user, letter) and letter.status == Letter.Status.REVIEWING,
        lambda letter, user, data: handling.reject_reply(letter, user, data["reason"]),
        _("答复已退回办理人修改"),
    ),
}


def writer_details(user, letter: Letter) -> list[tuple[str, str]]:
    """The writer's details in full for those handling the letter, masked for everyone else (X7)."""
    return shown_details(access.sees_writer(user, letter), [
        (_("姓名"), letter.writer_name, mask_name),
        (_("联系电话"), letter.writer_phone, mask_phone),
        (_("身份证号码"), letter.writer_id_number, mask_id_number),
        (_("联系地址"), letter.writer_address, mask_address),
        (_("电子邮箱"), letter.writer_email, mask_email),
    ])


def shown_details(full: bool, fields: list[tuple[str, str, Callable[[str], str]]]) -> list[tuple[str, str]]:
    """(label, value) of each filled-in personal field: in full, or masked (X7)."""
    return [(label, value if full else mask(value)) for label, value, mask in fields if value]


class StepPageView(AdminPage, TemplateView):
    """One record and the forms of the steps open to this user now; a refused step keeps what was typed.

    Subclasses set `step_table`, `handle_url_name` and `refused` (the exception their service raises),
    and load `self.object` in `dispatch`.
    """

    step_table: dict[str, Step]
    handle_url_name: str
    refused: type[Exception] = Refused

    def initial_for(self, name: str) -> dict:
        return {}

    def steps(self, bound: dict | None = None) -> list[tuple[str, Step, forms.Form | None]]:
        user, obj = self.request.user, self.object
        shown = []
        for name, step in self.step_table.items():
            if not step.allowed(user, obj):
                continue
            form = None
            if step.form_class and bound and bound["action"] == name:
                form = step.form_class(bound["data"], prefix=name)  # what was typed is never lost
            elif step.form_class:
                form = step.form_class(prefix=name, initial=self.initial_for(name))
            shown.append((name, step, form))
        return shown

    def post(self, request, pk):
        name = request.POST.get("action", "")
        step = self.step_table.get(name)
        if step is None or not step.allowed(request.user, self.object):
            raise PermissionDenied
        form = step.form_class(request.POST, prefix=name) if step.form_class else None
        try:
            if form is not None and not form.is_valid():
                raise self.refused(_("请检查填写的内容"))
            step.run(self.object, request.user, form.cleaned_data if form else {})
        except self.refused as error:
            messages.error(request, str(error))
            self.object.refresh_from_db()
            return self.render_to_response(self.get_context_data(bound={"action": name, "data": request.POST}))
        messages.success(request, step.done)
        return redirect(self.handle_url_name, self.object.pk)

    def get_context_data(self, bound: dict | None = None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(steps=self.steps(bound), today=timezone.localdate(),
                       history=ModelLogEntry.objects.for_instance(self.object).select_related("user")
                       .order_by("timestamp", "pk"))
        return context


class LetterHandleView(StepPageView):
    """One letter: what it says, its history, and the forms of the steps open to this user now."""

    template_name = "interaction/admin/letter.html"
    header_icon = "mail"
    step_table = STEPS
    handle_url_name = "letters:handle"

    def dispatch(self, request, pk):
        if not letter_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        self.object = self.letter = get_object_or_404(access.letters_for(request.user), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("来信 %(number)s") % {"number": self.letter.number}

    def get_page_subtitle(self):
        return self.letter.title

    def initial_for(self, name: str) -> dict:
        letter = self.letter
        pending = _open_extension(letter)
        return {
            "sort": {"kind": letter.kind, "simple": letter.simple},
            "dispatch": {"unit": letter.unit_id},
            "publicity": {"public": "yes" if letter.publicity == Letter.Publicity.PUBLIC else "no",
                          "reason": letter.withhold_reason},
            "decide_extension": {"extension": pending.pk if pending else None},
        }.get(name, {})

    def get_context_data(self, bound: dict | None = None, **kwargs):
        context = super().get_context_data(bound=bound, **kwargs)
        letter = self.letter
        context.update(
            letter=letter,
            writer=writer_details(self.request.user, letter),
            orders=letter.orders.select_related("unit", "dispatched_by", "closed_by"),
            replies=letter.replies.select_related("drafted_by", "decided_by"),
            extensions=letter.extensions.select_related("requested_by", "decided_by"),
            suggestions=knowledge.similar(f"{letter.title} {letter.content[:200]}") if access.handles(
                self.request.user, letter) else [],
        )
        return context


class ErrorReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ErrorReport.Status.choices)

    class Meta:
        model = ErrorReport
        fields = ["status", "problem", "site"]


class ErrorReportIndexView(generic.IndexView):
    """Reports on the sites the user edits; every report for the office."""

    model = ErrorReport
    permission_policy = report_policy
    permission_required = "view"
    any_permission_required = None
    filterset_class = ErrorReportFilterSet
    default_ordering = "-reported_at"
    paginate_by = 50
    index_url_name = "error_reports:index"
    index_results_url_name = "error_reports:index_results"
    page_title = _("网站纠错")
    header_icon = "warning"
    columns = [
        TitleColumn("reference", label=_("受理编号"),
                    get_url=lambda report: reverse("error_reports:handle", args=[report.pk])),
        Column("problem", label=_("问题类型"), accessor="get_problem_display"),
        Column("site", label=_("网站")),
        Column("responsible_unit", label=_("责任单位")),
        StatusTagColumn("status", label=_("状态"), accessor="get_status_display",
                        primary=lambda r: r.status == ErrorReport.Status.NEW),
        Column("due_on", label=_("处理期限"),
               accessor=lambda r: f"{r.due_on:%Y-%m-%d}{_('（已超期）') if r.is_overdue else ''}"),
    ]

    def get_base_queryset(self):
        return access.error_reports_for(self.request.user).select_related("site")


class ErrorReportHandleView(AdminPage, TemplateView):
    """One report with the page it is about, and the editor's form to record what was done (I10)."""

    template_name = "interaction/admin/error_report.html"
    header_icon = "warning"

    def dispatch(self, request, pk):
        if not report_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        self.report = get_object_or_404(access.error_reports_for(request.user), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("纠错 %(ref)s") % {"ref": self.report.reference}

    def post(self, request, pk):
        if not access.fixes(request.user, self.report):
            raise PermissionDenied
        form = ErrorHandlingForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            errors.handle_error_report(self.report, request.user, form.cleaned_data["status"],
                                       form.cleaned_data["note"])
        except Refused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("已记录处理结果"))
        return redirect("error_reports:handle", self.report.pk)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        fixes = access.fixes(self.request.user, self.report)
        can_fix = fixes and self.report.status == ErrorReport.Status.NEW
        context.update(report=self.report, form=form or (ErrorHandlingForm() if can_fix else None),
                       contact=self.report.contact if fixes else "",  # to check the problem with the reporter
                       history=ModelLogEntry.objects.for_instance(self.report).select_related("user"))
        return context
