"""Disclosure in the admin: applications, the catalogue, each unit's office, reply templates, reports."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from govsite.interaction.wagtail_hooks import PolicyMenuItem, QueuePanel
from govsite.review.roles import Role

from . import access
from .admin_views import RequestHandleView, RequestIndexView, near_due, reply_letter, request_policy
from .models import CatalogueEntry, DisclosureOffice, ReplyTemplate, RequestExtension
from .report_views import PrepareView, ReportEditView, ReportIndexView, report_file, report_policy
from .reports import LOG_ACTIONS as REPORT_LOG_ACTIONS

LOG_ACTIONS = {
    "govsite.disclosure.submit": _("提交政府信息公开申请"),
    "govsite.disclosure.receive": _("确认收到申请"),
    "govsite.disclosure.correction": _("告知补正"),
    "govsite.disclosure.corrected": _("收到补正后的申请"),
    "govsite.disclosure.consult": _("征求第三方意见"),
    "govsite.disclosure.consulted": _("收到第三方意见"),
    "govsite.disclosure.extension_request": _("申请延长答复期限"),
    "govsite.disclosure.extension_approved": _("批准延长答复期限"),
    "govsite.disclosure.extension_refused": _("不同意延长答复期限"),
    "govsite.disclosure.draft": _("起草答复"),
    "govsite.disclosure.return": _("退回答复修改"),
    "govsite.disclosure.answer": _("签发答复书"),
    "govsite.disclosure.clock": _("答复期限变更"),
    "govsite.disclosure.remind": _("到期提醒"),
    "govsite.disclosure.escalate": _("超期督办"),
    "govsite.disclosure.catalogue": _("编入信息公开目录"),
    "govsite.disclosure.catalogue_overdue": _("主动公开超过20个工作日"),
    "govsite.disclosure.report_due": _("年度报告发布期限提醒"),
    **{code: _(label) for code, label in REPORT_LOG_ACTIONS.items()},
}


@hooks.register("register_log_actions")
def register_disclosure_actions(actions):
    for code, label in LOG_ACTIONS.items():
        actions.register_action(code, label, label)


class RequestViewSet(ViewSet):
    """依申请公开: applications come from the public or are registered from paper, never edited here."""

    name = "information_requests"
    icon = "doc-full"
    menu_label = _("依申请公开")

    def get_menu_item(self, order=None):
        return PolicyMenuItem(self.menu_label, reverse("information_requests:index"), name=self.name,
                              icon_name=self.icon, order=order or 100, policy=request_policy)

    def get_urlpatterns(self):
        return [
            path("", RequestIndexView.as_view(), name="index"),
            path("results/", RequestIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", RequestHandleView.as_view(), name="handle"),
            path("<int:pk>/dafushu/", reply_letter, name="letter"),
        ]


class CatalogueEntryViewSet(ModelViewSet):
    """信息公开目录: index numbers are given on publication and never edited (P1)."""

    model = CatalogueEntry
    icon = "list-ul"
    menu_label = _("信息公开目录")
    add_to_admin_menu = False
    form_fields = ["publisher", "formed_on", "method", "category", "topic", "validity", "document_kind",
                   "repealed_on"]
    list_display = ["index_number", "page", "record", "formed_on", "due_on", "published_on", "published_late",
                    "validity"]
    list_filter = ["record", "validity", "document_kind"]
    search_fields = ["index_number", "publisher"]


class DisclosureOfficeViewSet(ModelViewSet):
    """Each unit's disclosure office: its code for index numbers, level and contact details."""

    model = DisclosureOffice
    icon = "group"
    menu_label = _("信息公开工作机构")
    form_fields = ["record", "agency_name", "unit_code", "level", "office_name", "address", "office_hours",
                   "phone", "fax", "postcode", "email"]
    list_display = ["agency_name", "record", "unit_code", "level"]


class ReplyTemplateViewSet(ModelViewSet):
    """答复书模板: the wording of each kind of reply, per site or for the whole platform."""

    model = ReplyTemplate
    icon = "doc-empty"
    menu_label = _("答复书模板")
    form_fields = ["record", "outcome_group", "body"]
    list_display = ["outcome_group", "record"]


class AnnualReportViewSet(ViewSet):
    """年度报告: generated from the platform's records, edited by the unit's office, published by its head."""

    name = "disclosure_reports"
    icon = "doc-full-inverse"
    menu_label = _("年度报告")

    def get_menu_item(self, order=None):
        return PolicyMenuItem(self.menu_label, reverse("disclosure_reports:index"), name=self.name,
                              icon_name=self.icon, order=order or 150, policy=report_policy)

    def get_urlpatterns(self):
        return [
            path("", ReportIndexView.as_view(), name="index"),
            path("prepare/", PrepareView.as_view(), name="prepare"),
            path("<int:pk>/", ReportEditView.as_view(), name="edit"),
            path("<int:pk>/<str:file_format>/", report_file, name="file"),
        ]


class DisclosureGroup(ViewSetGroup):
    menu_label = _("政府信息公开")
    menu_name = "disclosure"
    menu_icon = "doc-full"
    menu_order = 115
    items = (RequestViewSet, AnnualReportViewSet, CatalogueEntryViewSet, DisclosureOfficeViewSet, ReplyTemplateViewSet)


@hooks.register("register_admin_viewset")
def register_disclosure():
    return DisclosureGroup()


def _index(**query) -> str:
    return reverse("information_requests:index") + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def dashboard_rows(user) -> list[tuple[str, int, str]]:
    """(label, count, link) of each non-empty queue of applications for this person."""
    requests = access.requests_for(user).open()
    today = timezone.localdate()
    rows = [
        (_("待确认收到的政府信息公开申请"), requests.filter(status="submitted").count(), _index(status="submitted")),
        (_("即将到期的政府信息公开申请"), near_due(requests, today).count(), _index(near_due="true")),
        (_("已超期未答复的政府信息公开申请"), requests.filter(due_on__lt=today).count(), _index(overdue="true")),
    ]
    if access.units_where(user, Role.DISCLOSURE_HEAD):
        rows += [
            (_("待签发的答复书"), requests.filter(status="signing").count(), _index(status="signing")),
            (_("待批准的延期"), RequestExtension.objects.filter(status="pending", request__in=requests).count(),
             _index(status="processing")),
        ]
    return [row for row in rows if row[1]]


@hooks.register("construct_homepage_panels")
def add_requests_panel(request, panels):
    rows = dashboard_rows(request.user)
    if rows:
        panels.append(QueuePanel(rows, name="disclosure-due", heading=_("政府信息公开待办")))
