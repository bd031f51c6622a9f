"""The security records in the admin (X8, X9): listings with filters and audited exports, the edit pages
with the incident timeline and the go-live checklist, downloads of attached reports, the due panel."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from govsite.audit.events import record_export

from .due import late_incidents, yearly_reminders
from .forms import CheckedUploadForm, GoLiveReviewForm, note_field, result_field
from .golive_rules import CHECKS, Decision
from .incident_rules import Status
from .models import Drill, GoLiveReview, Incident, Training
from .reminder_rules import Duty

# The attached files that may be downloaded: (model, file field) by URL name.
DOCUMENTS = {
    "incident": (Incident, "summary_document"),
    "drill": (Drill, "report_document"),
    "training": (Training, "materials_document"),
}


def local_naive(value: dt.datetime) -> dt.datetime:
    """A stored time as the wall-clock time of Asia/Shanghai, which is how a spreadsheet shows it."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


class AuditedIndexView(generic.IndexView):
    """A listing whose spreadsheet exports, with the listing's filters, are written to the audit log (X1)."""

    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        dt.datetime: {"xlsx": local_naive, "csv": lambda value: f"{local_naive(value):%Y-%m-%d %H:%M}"},
    }

    def as_spreadsheet(self, queryset, spreadsheet_format):
        record_export(str(self.model._meta.verbose_name_plural), self.request.user, queryset.count(),
                      contains_personal_data=False)
        return super().as_spreadsheet(queryset, spreadsheet_format)


class RemindingIndexView(AuditedIndexView):
    """The drill or training listing, headed by the yearly reminder of its duty when one is due."""

    duty: Duty

    def get(self, request, *args, **kwargs):
        if not self.results_only and not self.is_export:
            for item in yearly_reminders():
                if item.duty is self.duty:
                    messages.warning(request, item.message)
        return super().get(request, *args, **kwargs)


class DrillIndexView(RemindingIndexView):
    duty = Duty.DRILL


class TrainingIndexView(RemindingIndexView):
    duty = Duty.TRAINING


def document_column(label: str, name: str, field: str) -> TitleColumn:
    """A listing cell "下载" linking to an attached file's audited download, empty without a file."""
    def url(item) -> str | None:
        return reverse("incidents_document", args=[name, item.pk]) if getattr(item, field) else None
    return TitleColumn(f"{field}_link", label=label, get_url=url,
                       accessor=lambda item: _("下载") if getattr(item, field) else "")


def deadline_text(incident: Incident) -> str:
    """报告时限 of the listing: the limit, 已超时 while it is open and late, 迟报 once reported late."""
    limits = incident.limits()
    late = incident.overdue()
    if late:
        return "；".join(late)
    if limits.report_due is None:
        return _("第一时间向负责人报告")
    reported = timezone.localtime(incident.reported_at) if incident.reported_at else None
    text = f"{limits.report_due:%Y-%m-%d %H:%M}"
    if reported and reported > limits.report_due:
        return text + _("（迟报）")
    return text + (_("（已按时报告）") if reported else "")


class IncidentViewSet(ModelViewSet):
    """安全事件登记 (X8): discovery to closing, with the timeline and the reporting limits."""

    model = Incident
    icon = "warning"
    menu_label = gettext_lazy("安全事件")
    add_to_admin_menu = False
    index_view_class = AuditedIndexView
    list_display = [
        "title", "level", "category", "record", "discovered_at",
        StatusTagColumn("status", label=gettext_lazy("状态"), accessor="get_status_display",
                        primary=lambda i: i.status != Status.CLOSED),
        Column("deadline", label=gettext_lazy("报告时限"), accessor=deadline_text),
        document_column(gettext_lazy("总结报告文件"), "incident", "summary_document"),
    ]
    list_filter = ["level", "category", "status", "record"]
    search_fields = ["title", "description"]
    list_export = ["title", "get_level_display", "get_category_display", "record", "occurred_at", "discovered_at",
                   "contained_at", "recovered_at", "get_status_display", "reported_at", "reported_by",
                   "reported_to", "description", "measures", "summary"]
    export_headings = {"get_level_display": gettext_lazy("事件级别"), "get_category_display": gettext_lazy("事件类别"),
                       "get_status_display": gettext_lazy("状态")}
    export_filename = "anquan-shijian"
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("title"), FieldRowPanel([FieldPanel("level"), FieldPanel("category")]),
                         FieldPanel("record")], heading=gettext_lazy("事件")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("occurred_at"), FieldPanel("discovered_at")]),
                         FieldRowPanel([FieldPanel("contained_at"), FieldPanel("recovered_at")])],
                        heading=gettext_lazy("时间")),
        FieldPanel("description"), FieldPanel("evidence"), FieldPanel("measures"),
        InlinePanel("events", heading=gettext_lazy("处置过程"), label=gettext_lazy("处置步骤")),
        MultiFieldPanel([FieldPanel("status"), FieldRowPanel([FieldPanel("reported_at"), FieldPanel("reported_by")]),
                         FieldPanel("reported_to")], heading=gettext_lazy("状态与报告")),
        MultiFieldPanel([FieldPanel("summary"), FieldPanel("summary_document")],
                        heading=gettext_lazy("事后总结报告")),
    ], base_form_class=CheckedUploadForm)


class DrillViewSet(ModelViewSet):
    """应急演练记录 (X8: at least one a year)."""

    model = Drill
    icon = "pick"
    menu_label = gettext_lazy("应急演练")
    add_to_admin_menu = False
    index_view_class = DrillIndexView
    list_display = ["title", "held_on", "kind", "people",
                    document_column(gettext_lazy("报告文件"), "drill", "report_document")]
    list_filter = ["kind"]
    search_fields = ["title", "units"]
    list_export = ["held_on", "title", "plan", "get_kind_display", "units", "people", "process", "problems",
                   "improvements", "report"]
    export_headings = {"get_kind_display": gettext_lazy("演练形式")}
    export_filename = "yingji-yanlian"
    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("held_on"), FieldPanel("kind")]), FieldPanel("title"), FieldPanel("plan"),
        FieldRowPanel([FieldPanel("units"), FieldPanel("people")]), FieldPanel("process"), FieldPanel("problems"),
        FieldPanel("improvements"), FieldPanel("report"), FieldPanel("report_document"),
    ], base_form_class=CheckedUploadForm)


class TrainingViewSet(ModelViewSet):
    """安全培训记录 (000 3.4: at least once a year)."""

    model = Training
    icon = "group"
    menu_label = gettext_lazy("安全培训")
    add_to_admin_menu = False
    index_view_class = TrainingIndexView
    list_display = ["topic", "held_on", "kind", "trainer", "attendee_count", "hours",
                    document_column(gettext_lazy("培训材料"), "training", "materials_document")]
    list_filter = ["kind"]
    search_fields = ["topic", "trainer", "attendees"]
    list_export = ["held_on", "topic", "get_kind_display", "trainer", "attendee_count", "attendees", "hours",
                   "materials"]
    export_headings = {"get_kind_display": gettext_lazy("培训类型")}
    export_filename = "anquan-peixun"
    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("held_on"), FieldPanel("kind")]), FieldPanel("topic"), FieldPanel("trainer"),
        FieldRowPanel([FieldPanel("attendee_count"), FieldPanel("hours")]), FieldPanel("attendees"),
        FieldPanel("materials"), FieldPanel("materials_document"),
    ], base_form_class=CheckedUploadForm)


class GoLiveReviewViewSet(ModelViewSet):
    """上线安全评估 (X9): a new column or function passes the checklist before it goes live."""

    model = GoLiveReview
    icon = "tasks"
    menu_label = gettext_lazy("上线安全评估")
    add_to_admin_menu = False
    index_view_class = AuditedIndexView
    list_display = [
        "subject", "record", "kind", "reviewed_on", "reviewer",
        StatusTagColumn("decision", label=gettext_lazy("评估结论"), accessor="get_decision_display",
                        primary=lambda r: r.decision == Decision.PASSED),
        Column("failed", label=gettext_lazy("不通过项"), accessor="failed_count"),
    ]
    list_filter = ["decision", "kind", "record"]
    search_fields = ["subject", "reviewer"]
    list_export = ["record", "get_kind_display", "subject", "reviewer", "reviewed_on", "get_decision_display",
                   "failed_count", "remarks"]
    export_headings = {"get_kind_display": gettext_lazy("类型"), "get_decision_display": gettext_lazy("评估结论"),
                       "failed_count": gettext_lazy("不通过项")}
    export_filename = "shangxian-pinggu"
    edit_handler = ObjectList([
        FieldPanel("record"), FieldRowPanel([FieldPanel("kind"), FieldPanel("subject")]),
        *(FieldRowPanel([FieldPanel(result_field(code)), FieldPanel(note_field(code))], heading=label)
          for code, label in CHECKS),
        FieldRowPanel([FieldPanel("reviewer"), FieldPanel("reviewed_on")]), FieldPanel("decision"),
        FieldPanel("remarks"),
    ], base_form_class=GoLiveReviewForm)


def document(request, name: str, pk: int):
    """An attached report or material, for those who may view its record; the download is logged."""
    if name not in DOCUMENTS:
        raise Http404
    model, field = DOCUMENTS[name]
    if not request.user.has_perm(f"incidents.view_{model._meta.model_name}"):
        raise PermissionDenied
    item = get_object_or_404(model, pk=pk)
    attached = getattr(item, field)
    if not attached:
        raise Http404
    record_export(f"{model._meta.verbose_name}文件：{item}", request.user, 1, contains_personal_data=False)
    return FileResponse(attached.open("rb"), as_attachment=True, filename=attached.name.rsplit("/", 1)[-1])


def due_rows(user) -> list[tuple[str, str]]:
    """The due panel's rows (message, link): yearly duties and late incidents, for those who see them."""
    rows = []
    if user.has_perm("incidents.view_drill") or user.has_perm("incidents.view_training"):
        index = {Duty.DRILL: "incidents_drill:index", Duty.TRAINING: "incidents_training:index"}
        rows += [(item.message, reverse(index[item.duty])) for item in yearly_reminders()]
    if user.has_perm("incidents.view_incident"):
        rows += [(_("安全事件“%(title)s”：%(late)s") % {"title": incident.title, "late": "；".join(late)},
                  reverse("incidents_incident:edit", args=[incident.pk])) for incident, late in late_incidents()]
    return rows


class DuePanel(Component):
    """安全管理待办 on the dashboard: what is due or late, each linking to its record."""

    order = 45
    template_name = "incidents/admin/due_panel.html"

    def __init__(self, rows: list[tuple[str, str]]):
        self.rows = rows

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows}
