"""Monitoring in the admin: the overview of every site, the 整改清单, alerts, the duty roster and
heightened periods, and the log actions."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from govsite.interaction.access import supervises
from govsite.interaction.wagtail_hooks import PolicyMenuItem, QueuePanel

from . import dashboard, report_views
from .admin_views import (
    AlertIndexView,
    RectificationIndexView,
    alert_detail,
    alert_policy,
    export_xlsx,
    fix,
    rectification_policy,
)
from .models import Alert, BonusAward, DutyShift, HeightenedPeriod, Inspection, Rectification, SeriousProblem
from .rectification_rules import Status

LOG_ACTIONS = {
    "govsite.monitoring.found": _("发现问题并下发整改"),
    "govsite.monitoring.fixed": _("标记已整改"),
    "govsite.monitoring.verified": _("复查通过"),
    "govsite.monitoring.reopened": _("问题复发，重新整改"),
    "govsite.monitoring.report": _("生成监测报告"),
    "govsite.monitoring.alert_ack": _("确认告警"),
    "govsite.monitoring.report_publish": _("发布监测报告"),
}


@hooks.register("register_log_actions")
def register_monitoring_actions(actions):
    for code, label in LOG_ACTIONS.items():
        actions.register_action(code, label, label)


class RectificationViewSet(ViewSet):
    name = "rectifications"
    icon = "warning"
    menu_label = _("整改清单")

    def get_menu_item(self, order=None):
        return PolicyMenuItem(self.menu_label, reverse("rectifications:index"), name=self.name,
                              icon_name=self.icon, order=order or 120, policy=rectification_policy)

    def get_urlpatterns(self):
        return [
            path("", RectificationIndexView.as_view(), name="index"),
            path("results/", RectificationIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", fix, name="fix"),
            path("xlsx/", export_xlsx, name="xlsx"),
        ]


class OfficeMenuItem(MenuItem):
    """Shown to the supervising office only."""

    def is_shown(self, request) -> bool:
        return supervises(request.user)


class DutyShiftViewSet(ModelViewSet):
    """值班表 (M7): who keeps the 24-hour watch when; alerts go to the officer on duty."""

    model = DutyShift
    icon = "user"
    menu_label = _("值班表")
    form_fields = ["user", "start", "end", "phone"]
    list_display = ["user", "start", "end", "phone"]


class HeightenedPeriodViewSet(ModelViewSet):
    """重要时期 (M7): probes every few minutes and every alert delivered at once."""

    model = HeightenedPeriod
    icon = "warning"
    menu_label = _("重要时期")
    form_fields = ["name", "start", "end", "probe_minutes"]
    list_display = ["name", "start", "end", "probe_minutes"]


class AlertViewSet(ViewSet):
    """告警: every alert with when and to whom it went; acknowledging one stops it repeating."""

    name = "alerts"
    icon = "warning"
    menu_label = _("告警")

    def get_menu_item(self, order=None):
        return PolicyMenuItem(self.menu_label, reverse("alerts:index"), name=self.name, icon_name=self.icon,
                              order=order or 130, policy=alert_policy)

    def get_urlpatterns(self):
        return [
            path("", AlertIndexView.as_view(), name="index"),
            path("results/", AlertIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", alert_detail, name="detail"),
        ]


class SeriousProblemViewSet(ModelViewSet):
    """严重问题记录: what the office found that fails a site outright (19号 安全、泄密事故等严重问题)."""

    model = SeriousProblem
    icon = "warning"
    menu_label = _("严重问题记录")
    form_fields = ["record", "category", "found_on", "description", "handling"]
    list_display = ["record", "category", "found_on"]
    list_filter = ["category", "record"]


class BonusAwardViewSet(ModelViewSet):
    """加分: the office's bonus points for portals (counted only above 80 points, at most 30)."""

    model = BonusAward
    icon = "pick"
    menu_label = _("门户网站加分")
    form_fields = ["record", "year", "points", "reason"]
    list_display = ["record", "year", "points", "reason"]


class MonitoringGroup(ViewSetGroup):
    menu_label = _("网站监测")
    menu_name = "monitoring"
    menu_icon = "view"
    menu_order = 120
    items = (RectificationViewSet, AlertViewSet, DutyShiftViewSet, HeightenedPeriodViewSet, SeriousProblemViewSet,
             BonusAwardViewSet)


@hooks.register("register_admin_viewset")
def register_monitoring():
    return MonitoringGroup()


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [
        path("monitoring/", dashboard.overview, name="monitoring_overview"),
        path("monitoring/site/<int:pk>/", dashboard.site_detail, name="monitoring_site"),
        path("monitoring/settings/", dashboard.indicator_settings, name="monitoring_settings"),
        path("monitoring/reports/", report_views.index, name="monitoring_reports"),
        path("monitoring/reports/<int:pk>/", report_views.detail, name="monitoring_report"),
        path("monitoring/reports/<int:pk>/<str:file_format>/", report_views.download, name="monitoring_report_file"),
    ]


@hooks.register("register_admin_menu_item")
def register_overview_item():
    return OfficeMenuItem(_("监测总览"), reverse("monitoring_overview"), icon_name="view", order=119)


@hooks.register("register_admin_menu_item")
def register_reports_item():
    return OfficeMenuItem(_("监测报告"), reverse("monitoring_reports"), icon_name="doc-full", order=119)


def dashboard_rows(user) -> list[tuple[str, int, str]]:
    """The office's monitoring queue: unacknowledged alerts, sites failing today, overdue rectifications."""
    if not supervises(user):
        return []
    today = timezone.localdate()
    rows = [
        (_("未确认的告警"), Alert.objects.filter(acknowledged_at__isnull=True).count(),
         reverse("alerts:index")),
        (_("今日检查不合格的网站"), Inspection.objects.filter(day=today, passed=False).count(),
         reverse("monitoring_overview")),
        (_("超期未整改的问题"), Rectification.objects.filter(status=Status.OPEN, due_on__lt=today).count(),
         reverse("rectifications:index") + "?status=open"),
    ]
    return [row for row in rows if row[1]]


@hooks.register("construct_homepage_panels")
def add_monitoring_panel(request, panels):
    rows = dashboard_rows(request.user)
    if rows:
        panels.append(QueuePanel(rows, name="monitoring-due", heading=_("网站监测待办")))
