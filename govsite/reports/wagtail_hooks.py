"""The annual website report in the admin (R1): a menu entry for the overview, its views and its audit actions."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet

from govsite.interaction.wagtail_hooks import PolicyMenuItem

from .views import OverviewView, ReportView, report_file, report_policy
from .website import LOG_ACTIONS


@hooks.register("register_log_actions")
def register_report_actions(actions):
    for code, label in LOG_ACTIONS.items():
        actions.register_action(code, _(label), _(label))


class WebsiteReportViewSet(ViewSet):
    """政府网站年度工作报表: every site's report for a year, each filled, exported and published by its unit."""

    name = "website_reports"
    icon = "table"
    menu_label = _("网站年度报表")
    add_to_admin_menu = True

    def get_menu_item(self, order=None):
        return PolicyMenuItem(self.menu_label, reverse("website_reports:index"), name=self.name,
                              icon_name=self.icon, order=order or 125, policy=report_policy)

    def get_urlpatterns(self):
        return [
            path("", OverviewView.as_view(), name="index"),
            path("<int:site_id>/<int:year>/", ReportView.as_view(), name="report"),
            path("<int:site_id>/<int:year>/<str:file_format>/", report_file, name="file"),
        ]


@hooks.register("register_admin_viewset")
def register_website_reports():
    return WebsiteReportViewSet()
