"""Puts the audit log in the admin menu for auditors and superusers only (X1)."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from .views import AuditEntryIndexView, AuditEntryInspectView


class AuditMenuItem(MenuItem):
    """The 审计日志 menu entry, hidden from those without `audit.view_auditentry`."""

    def is_shown(self, request) -> bool:
        """Only those who may read the log see it in the menu."""
        return request.user.has_perm("audit.view_auditentry")


class AuditViewSet(ViewSet):
    """List and detail views only: the log has no add, edit or delete view."""

    name = "audit_log"
    icon = "history"
    menu_label = _("审计日志")
    menu_order = 8900
    add_to_admin_menu = True
    menu_item_class = AuditMenuItem

    def get_urlpatterns(self):
        """Index, its AJAX results, and the detail of one entry."""
        return [
            path("", AuditEntryIndexView.as_view(), name="index"),
            path("results/", AuditEntryIndexView.as_view(results_only=True), name="index_results"),
            path("inspect/<int:pk>/", AuditEntryInspectView.as_view(), name="inspect"),
        ]


@hooks.register("register_admin_viewset")
def register_audit_log() -> AuditViewSet:
    """Register the auditor's view in the admin (X1)."""
    return AuditViewSet()
