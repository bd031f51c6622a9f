"""The backup records in the admin (设置 → 备份记录, read-only) and the backup actions' audit labels (X6)."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from .events import ACTION_LABELS
from .views import BackupRecordIndexView, permission_policy


class BackupMenuItem(MenuItem):
    """备份记录, shown only to those with `backup.view_backuprecord`."""

    def is_shown(self, request) -> bool:
        return permission_policy.user_has_permission(request.user, "view")


class BackupRecordViewSet(ViewSet):
    """A list only: backups are made by the daily job or `govsite backup`, never edited by hand."""

    name = "backup_records"
    icon = "download"
    menu_label = _("备份记录")
    add_to_settings_menu = True
    menu_item_class = BackupMenuItem

    def get_urlpatterns(self):
        return [
            path("", BackupRecordIndexView.as_view(), name="index"),
            path("results/", BackupRecordIndexView.as_view(results_only=True), name="index_results"),
        ]


@hooks.register("register_admin_viewset")
def register_backup_records() -> BackupRecordViewSet:
    return BackupRecordViewSet()


@hooks.register("register_log_actions")
def register_backup_actions(actions):
    for action, label in ACTION_LABELS.items():
        actions.register_action(action, label, label)
