"""The auditor's read-only view of the audit log in the Wagtail admin, with Excel export (X1)."""

from __future__ import annotations

import json

import django_filters
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from govsite.registry.models import SiteRecord

from .actions import action_label
from .context import client_ip
from .events import record_export
from .models import AuditEntry

INDEX_URL = "audit_log:index"
INSPECT_URL = "audit_log:inspect"
EXPORT_KIND = "audit_log"
permission_policy = ModelPermissionPolicy(AuditEntry)


def local_time(entry: AuditEntry) -> str:
    """The entry's time in the platform's time zone, to the second."""
    return date_format(timezone.localtime(entry.at), "Y-m-d H:i:s")


def action_choices() -> list[tuple[str, str]]:
    """Every action code that occurs in the log, labelled in Chinese."""
    codes = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    return [(code, f"{action_label(code)}（{code}）") for code in codes]


class AuditEntryFilterSet(WagtailFilterSet):
    """The auditor's filters: who, which site, which action, between which dates."""

    actor_name = django_filters.CharFilter(label=_("操作人"), lookup_expr="icontains")
    site = django_filters.ModelChoiceFilter(label=_("网站"), queryset=SiteRecord.objects.all())
    action = django_filters.ChoiceFilter(label=_("操作"), choices=action_choices)
    at = django_filters.DateFromToRangeFilter(label=_("日期范围"), widget=DateRangePickerWidget)

    class Meta:
        model = AuditEntry
        fields = ["actor_name", "site", "action", "at"]


class AuditEntryIndexView(generic.IndexView):
    """Newest first, filtered by user, site, action and dates; export is itself recorded (X1)."""

    model = AuditEntry
    permission_policy = permission_policy
    permission_required = "view"
    any_permission_required = None
    filterset_class = AuditEntryFilterSet
    default_ordering = "-seq"
    paginate_by = 50
    index_url_name = INDEX_URL
    index_results_url_name = "audit_log:index_results"
    page_title = _("审计日志")
    header_icon = "history"
    FORMATS = ("xlsx",)
    show_export_buttons = False
    list_export = [
        "seq", "at", "actor_name", "action", "action_label", "object_type", "object_id",
        "object_repr", "site_name", "ip", "hash",
    ]
    export_headings = {
        "seq": _("序号"), "at": _("时间"), "actor_name": _("操作人"), "action": _("操作代码"),
        "action_label": _("操作"), "object_type": _("对象类型"), "object_id": _("对象编号"),
        "object_repr": _("对象"), "site_name": _("网站"), "ip": _("IP 地址"), "hash": _("哈希"),
    }
    custom_field_preprocess = {"at": {"xlsx": lambda at: timezone.localtime(at).replace(tzinfo=None)}}
    columns = [
        TitleColumn("seq", label=_("序号"), sort_key="seq", get_url=lambda e: reverse(INSPECT_URL, args=[e.pk])),
        Column("at", label=_("时间"), accessor=local_time),
        Column("actor_name", label=_("操作人")),
        Column("action_label", label=_("操作")),
        Column("object_repr", label=_("对象")),
        Column("site_name", label=_("网站")),
        Column("ip", label=_("IP 地址")),
    ]

    @cached_property
    def header_buttons(self) -> list[HeaderButton]:
        """A single "export Excel" button carrying the current filters."""
        return [HeaderButton(_("导出 Excel"), url=self.xlsx_export_url, icon_name="download")]

    def get_filename(self) -> str:
        """The download's name, dated so repeated exports do not collide."""
        return f"审计日志-{timezone.localdate():%Y%m%d}"

    def write_xlsx_response(self, queryset) -> HttpResponse:
        """Export the filtered rows, and record who exported how many (X1)."""
        response = super().write_xlsx_response(queryset)
        record_export(
            EXPORT_KIND, self.request.user, queryset.count(), True, ip=client_ip(self.request)
        )
        return response


class AuditEntryInspectView(generic.InspectView):
    """Every stored field of one entry, including its details and both hashes."""

    model = AuditEntry
    permission_policy = permission_policy
    permission_required = "view"
    any_permission_required = None
    index_url_name = INDEX_URL
    header_icon = "history"
    page_title = _("审计日志详情")
    fields = [
        "seq", "at", "actor_name", "action", "action_label", "object_type", "object_id",
        "object_repr", "site_name", "ip", "data", "prev_hash", "hash",
    ]

    def get_at_display_value(self) -> str:
        """Local time rather than Wagtail's relative "x ago"."""
        return local_time(self.object)

    def get_data_display_value(self) -> str:
        """The details as indented JSON, Chinese left readable."""
        text = json.dumps(self.object.data, ensure_ascii=False, indent=2, sort_keys=True)
        return format_html("<pre>{}</pre>", text)
