"""The back office of applications (I9): a list scoped to each unit's office, and one page per application
with exactly the steps open to this person now (confirm, correct, consult, extend, draft, sign)."""

from __future__ import annotations

import io
from datetime import date

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.permission_policies import ModelPermissionPolicy

from govsite.audit.events import record_export
from govsite.core.errors import Refused
from govsite.interaction.admin_views import Step, StepPageView, shown_details
from govsite.security.masking import mask_address, mask_email, mask_id_number, mask_name, mask_phone
from govsite.workdays.service import CALENDAR

from . import access, admin_forms, requests, rules
from .models import Consultation, InformationRequest, RequestExtension
from .replies import reply_docx, reply_text

Status = InformationRequest.Status
request_policy = ModelPermissionPolicy(InformationRequest)


def near_due(queryset: QuerySet[InformationRequest], today: date | None = None) -> QuerySet[InformationRequest]:
    """Running applications due within `NEAR_DUE_DAYS` working days (not yet past)."""
    today = today or timezone.localdate()
    last = CALENDAR.add(today, rules.NEAR_DUE_DAYS).due
    return queryset.running().filter(due_on__gte=today, due_on__lte=last)


def due_text(req: InformationRequest) -> str:
    """The due date, marked when past, paused for a correction, or counted over a year not entered."""
    if req.status == Status.CORRECTION:
        return str(_("待补正，暂停计算"))
    if req.due_on is None:
        return "—"
    text = req.due_on.isoformat()
    if req.is_overdue:
        text += str(_("（已超期）"))
    if req.due_uncertain_years:
        text += str(_("（节假日未录入，待重算）"))
    return text


class RequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Status.choices)
    overdue = django_filters.BooleanFilter(label=_("已超期"), method="filter_due")
    near_due = django_filters.BooleanFilter(label=_("即将到期"), method="filter_due")

    class Meta:
        model = InformationRequest
        fields = ["status", "applicant_type", "channel", "record"]

    def filter_due(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        matching = queryset.open().filter(due_on__lt=today) if name == "overdue" else near_due(queryset, today)
        return matching if value else queryset.exclude(pk__in=matching.values("pk"))


class RequestIndexView(generic.IndexView):
    """Applications the user may open, the most urgent first."""

    model = InformationRequest
    permission_policy = request_policy
    permission_required = "view"
    any_permission_required = None
    filterset_class = RequestFilterSet
    default_ordering = "due_on"
    paginate_by = 50
    index_url_name = "information_requests:index"
    index_results_url_name = "information_requests:index_results"
    page_title = _("依申请公开")
    header_icon = "doc-full"
    search_fields = ["description"]
    columns = [
        TitleColumn("number", label=_("编号"),
                    get_url=lambda req: reverse("information_requests:handle", args=[req.pk])),
        Column("description", label=_("申请内容"), accessor=lambda req: req.description[:40]),
        Column("applicant_type", label=_("申请人类型"), accessor="get_applicant_type_display"),
        StatusTagColumn("status", label=_("状态"), accessor="get_status_display", primary=lambda req: req.is_open),
        Column("record", label=_("受理机关")),
        Column("received_on", label=_("收到日期"),
               accessor=lambda req: req.received_on.isoformat() if req.received_on else "—"),
        Column("due_on", label=_("答复期限"), accessor=due_text),
    ]

    def get_base_queryset(self):
        return access.requests_for(self.request.user).select_related("record")


def _handles(*statuses):
    return lambda user, req: access.handles(user, req) and req.status in statuses


def _heads(*statuses):
    return lambda user, req: access.approves(user, req) and req.status in statuses


def _pending_extension(req: InformationRequest) -> RequestExtension | None:
    return req.extensions.filter(status=RequestExtension.Status.PENDING).first()


def _open_consultation(req: InformationRequest) -> Consultation | None:
    return req.consultations.filter(answered_on__isnull=True).first()


RUNNING = (Status.PROCESSING, Status.CONSULTING)
STEPS: dict[str, Step] = {
    "confirm": Step(
        _("确认收到申请"), admin_forms.ReceiptForm, _handles(Status.SUBMITTED),
        lambda req, user, data: requests.confirm_receipt(req, user, data["received_on"]),
        _("已确认收到，答复期限已计算"),
    ),
    "correction": Step(
        _("告知补正"), admin_forms.CorrectionForm,
        lambda user, req: _handles(Status.PROCESSING)(user, req) and req.correction_requested_on is None,
        lambda req, user, data: requests.request_correction(req, user, data["items"], data["deadline"]),
        _("已发出补正通知，答复期限暂停计算"),
    ),
    "corrected": Step(
        _("登记补正后的申请"), admin_forms.CorrectedForm, _handles(Status.CORRECTION),
        lambda req, user, data: requests.record_correction(req, user, data["corrected_on"], data["description"]),
        _("已登记补正，答复期限重新计算"),
    ),
    "consult": Step(
        _("征求第三方意见"), admin_forms.ConsultationForm, _handles(*RUNNING),
        lambda req, user, data: requests.start_consultation(req, user, data["party"], data["sent_on"]),
        _("已登记征求意见，所需时间不计入答复期限"),
    ),
    "consulted": Step(
        _("登记第三方意见"), admin_forms.ConsultationResultForm,
        lambda user, req: _handles(Status.CONSULTING)(user, req) and _open_consultation(req) is not None,
        lambda req, user, data: requests.end_consultation(
            get_object_or_404(Consultation, pk=data["consultation"], request=req), user, data["answered_on"],
            data["opinion"]),
        _("已登记第三方意见"),
    ),
    "extension": Step(
        _("申请延期"), admin_forms.ExtensionForm,
        lambda user, req: _handles(*RUNNING)(user, req) and req.extension_days == 0,
        lambda req, user, data: requests.request_extension(req, user, data["days"], data["reason"]),
        _("延期申请已提交信息公开工作机构负责人"),
    ),
    "decide_extension": Step(
        _("审批延期"), admin_forms.ExtensionDecisionForm,
        lambda user, req: _heads(*RUNNING)(user, req) and _pending_extension(req) is not None,
        lambda req, user, data: requests.decide_extension(
            get_object_or_404(RequestExtension, pk=data["extension"], request=req), user, data["approve"]),
        _("已处理延期申请"),
    ),
    "draft": Step(
        _("起草答复"), admin_forms.DraftForm, _handles(*RUNNING, Status.SIGNING, Status.CORRECTION),
        lambda req, user, data: requests.draft_reply(req, user, rules.Outcome(data["outcome"]), data["text"]),
        _("答复已提交负责人签发"),
    ),
    "sign": Step(
        _("签发答复书"), None, _heads(Status.SIGNING),
        lambda req, user, data: requests.sign_reply(req, user),
        _("答复书已签发并告知申请人"),
    ),
    "return": Step(
        _("退回修改"), admin_forms.ReasonForm, _heads(Status.SIGNING),
        lambda req, user, data: requests.return_draft(req, user, data["reason"]),
        _("答复已退回承办人修改"),
    ),
}


def applicant_details(user, req: InformationRequest) -> list[tuple[str, str]]:
    """The applicant's details in full for the unit's office, masked for the supervising office (X7)."""
    return shown_details(access.sees_applicant(user, req), [
        (_("姓名或名称"), req.name, mask_name),
        (_("证件号码"), req.id_number, mask_id_number),
        (_("法定代表人或负责人"), req.legal_representative, mask_name),
        (_("联系人"), req.contact_person, mask_name),
        (_("联系电话"), req.phone, mask_phone),
        (_("电子邮箱"), req.email, mask_email),
        (_("通信地址"), req.address, mask_address),
    ])


class RequestHandleView(StepPageView):
    """One application: what is asked, its clock, its history, and the steps open to this user."""

    template_name = "disclosure/admin/request.html"
    header_icon = "doc-full"
    step_table = STEPS
    handle_url_name = "information_requests:handle"
    refused = Refused

    def dispatch(self, request, pk):
        if not request_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        self.object = get_object_or_404(access.requests_for(request.user), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("依申请公开 %(number)s") % {"number": self.object.number}

    def initial_for(self, name: str) -> dict:
        pending, consultation = _pending_extension(self.object), _open_consultation(self.object)
        return {
            "decide_extension": {"extension": pending.pk if pending else None},
            "consulted": {"consultation": consultation.pk if consultation else None},
            "draft": {"outcome": self.object.outcome, "text": self.object.reply_text},
        }.get(name, {})

    def get_context_data(self, bound: dict | None = None, **kwargs):
        context = super().get_context_data(bound=bound, **kwargs)
        req = self.object
        context.update(
            req=req, due=due_text(req), applicant=applicant_details(self.request.user, req),
            consultations=req.consultations.all(), extensions=req.extensions.select_related("requested_by"),
            reply=reply_text(req) if req.outcome else "",
            letter_url=reverse("information_requests:letter", args=[req.pk]) if req.outcome else "",
        )
        return context


def reply_letter(request, pk: int):
    """The 答复书 as DOCX: the signed one once answered, else a preview of the draft."""
    if not request_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    req = get_object_or_404(access.requests_for(request.user), pk=pk, outcome__gt="")
    # The reply names the applicant and their address: a personal-data export (X7).
    record_export(_("依申请公开答复书 %(number)s") % {"number": req.number}, request.user, 1,
                  contains_personal_data=True)
    if req.reply_document:
        return FileResponse(req.reply_document.open("rb"), as_attachment=True,
                            filename=f"{req.number}-答复书.docx")
    return FileResponse(io.BytesIO(reply_docx(req)), as_attachment=True,
                        filename=f"{req.number}-答复书（草稿）.docx")
