"""The 整改清单 in the admin (M4): every site's items for the supervising office, a unit's own for its
editors, the step of marking one fixed, and the list as XLSX."""

from __future__ import annotations

import io

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from govsite.audit.events import record_export
from govsite.core.errors import Refused
from govsite.interaction.access import supervises, units_where
from govsite.review.roles import Role

from . import alerts, rectification
from .models import Alert, Rectification
from .rectification_rules import Status

rectification_policy = ModelPermissionPolicy(Rectification)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = (
    ("网站", lambda i: i.record.name), ("问题类型", lambda i: i.kind), ("问题描述", lambda i: i.description),
    ("问题位置", lambda i: i.subject), ("严重程度", lambda i: i.get_severity_display()),
    ("责任单位", lambda i: i.responsible_unit), ("责任人", lambda i: i.responsible_person),
    ("发现日期", lambda i: i.found_on.isoformat()), ("整改期限", lambda i: i.due_on.isoformat()),
    ("状态", lambda i: i.get_status_display() + (_("（已超期）") if i.is_overdue else "")),
    ("整改说明", lambda i: i.fix_note), ("复查通过", lambda i: f"{timezone.localtime(i.verified_at):%Y-%m-%d %H:%M}"
                                       if i.verified_at else ""),
    ("复发次数", lambda i: i.reopened),
)


def items_for(user):
    """Every item for the supervising office; the items of the sites a user edits otherwise."""
    if supervises(user):
        return Rectification.objects.all()
    return Rectification.objects.filter(record__in=units_where(user, Role.EDITOR))


class RectificationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("状态"),
                                         choices=Rectification._meta.get_field("status").choices)

    class Meta:
        model = Rectification
        fields = ["status", "severity", "record", "kind"]


class RectificationIndexView(generic.IndexView):
    """整改清单: open items first, the most urgent on top; each row opens the step to mark it fixed."""

    model = Rectification
    permission_policy = rectification_policy
    permission_required = "view"
    any_permission_required = None
    filterset_class = RectificationFilterSet
    paginate_by = 50
    index_url_name = "rectifications:index"
    index_results_url_name = "rectifications:index_results"
    page_title = gettext_lazy("整改清单")
    header_icon = "warning"
    columns = [
        TitleColumn("description", label=gettext_lazy("问题"),
                    get_url=lambda i: reverse("rectifications:fix", args=[i.pk])),
        Column("record", label=gettext_lazy("网站")),
        Column("severity", label=gettext_lazy("严重程度"), accessor="get_severity_display"),
        Column("responsible_unit", label=gettext_lazy("责任单位")),
        StatusTagColumn("status", label=gettext_lazy("状态"), accessor="get_status_display",
                        primary=lambda i: i.status == Status.OPEN),
        Column("due_on", label=gettext_lazy("整改期限"),
               accessor=lambda i: i.due_on.isoformat() + (_("（已超期）") if i.is_overdue else "")),
    ]

    def get_base_queryset(self):
        return items_for(self.request.user).select_related("record")


def fix(request, pk: int):
    """Mark one item fixed with a note (POST), or show it (GET)."""
    if not rectification_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    item = get_object_or_404(items_for(request.user), pk=pk)
    if request.method == "POST":
        try:
            rectification.mark_fixed(item, request.user, request.POST.get("note", ""))
        except Refused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("已标记整改，下次检查时复查"))
            return redirect("rectifications:index")
    return render(request, "monitoring/admin/rectification.html", {"item": item, "note": request.POST.get("note", "")})


def export_xlsx(request):
    """The 整改清单 as XLSX, with the filters of the list (the export is logged)."""
    from openpyxl import Workbook

    if not rectification_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    items = RectificationFilterSet(request.GET, queryset=items_for(request.user).select_related("record")).qs
    book = Workbook()
    sheet = book.active
    sheet.title = _("整改清单")
    sheet.append([label for label, _value in COLUMNS])
    for item in items.order_by("record__name", "status", "due_on"):
        sheet.append([value(item) for _label, value in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    record_export(_("整改清单"), request.user, items.count(), contains_personal_data=False)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''zhenggai.xlsx"
    return response


alert_policy = ModelPermissionPolicy(Alert)


class AlertIndexView(generic.IndexView):
    """告警: every alert, unacknowledged first; each opens its page with the acknowledge button."""

    model = Alert
    permission_policy = alert_policy
    permission_required = "view"
    any_permission_required = None
    paginate_by = 50
    index_url_name = "alerts:index"
    index_results_url_name = "alerts:index_results"
    page_title = gettext_lazy("告警")
    header_icon = "warning"
    default_ordering = "-raised_at"
    columns = [
        TitleColumn("message", label=gettext_lazy("内容"), get_url=lambda a: reverse("alerts:detail", args=[a.pk])),
        Column("record", label=gettext_lazy("网站")),
        Column("level", label=gettext_lazy("级别"), accessor="get_level_display"),
        Column("raised_at", label=gettext_lazy("产生时间"),
               accessor=lambda a: f"{timezone.localtime(a.raised_at):%Y-%m-%d %H:%M}"),
        StatusTagColumn("acknowledged_at", label=gettext_lazy("状态"), primary=lambda a: a.acknowledged_at is None,
                        accessor=lambda a: _("已确认") if a.acknowledged_at else _("未确认")),
    ]

    def get_base_queryset(self):
        return Alert.objects.select_related("record").order_by(F("acknowledged_at").asc(nulls_first=True))


def alert_detail(request, pk: int):
    """One alert: when it was raised, when and to whom it went; acknowledging it (POST) stops it repeating."""
    if not alert_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    alert = get_object_or_404(Alert, pk=pk)
    if request.method == "POST":
        if not alert_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        if alert.acknowledged_at is None:
            alerts.acknowledge(alert, request.user)
            log(alert, "govsite.monitoring.alert_ack", user=request.user, data={"message": alert.message})
            messages.success(request, _("已确认告警"))
        return redirect("alerts:index")
    return render(request, "monitoring/admin/alert.html", {"alert": alert})
