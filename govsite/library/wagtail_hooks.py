"""信息资源库 menu (P10, G2): library records, column feeds and the systems calling the data interface."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .events import ACTION_LABELS
from .views import ApiClientViewSet, ColumnFeedViewSet, LibraryRecordViewSet


class LibraryGroup(ViewSetGroup):
    menu_label = _("信息资源库")
    menu_name = "library"
    menu_icon = "folder-open-inverse"
    menu_order = 160
    items = (
        LibraryRecordViewSet("library_records", url_prefix="library/records"),
        ApiClientViewSet("library_clients", url_prefix="library/clients"),
        ColumnFeedViewSet("library_feeds", url_prefix="library/feeds"),
    )


@hooks.register("register_admin_viewset")
def register_library():
    return LibraryGroup()


@hooks.register("register_log_actions")
def register_library_actions(actions):
    for action, label in ACTION_LABELS.items():
        actions.register_action(action, label, label)
