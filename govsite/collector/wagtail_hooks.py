"""信息采集 menu (G1, P8): sources, run history, collected items; the dashboard's reposting panel."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from govsite.interaction.wagtail_hooks import QueuePanel

from .views import CollectedItemViewSet, CollectionRunViewSet, CollectionSourceViewSet, dashboard_rows


class CollectorGroup(ViewSetGroup):
    menu_label = _("信息采集")
    menu_name = "collector"
    menu_icon = "download"
    menu_order = 150
    items = (
        CollectionSourceViewSet("collector_sources", url_prefix="collector/sources"),
        CollectionRunViewSet("collector_runs", url_prefix="collector/runs"),
        CollectedItemViewSet(),
    )


@hooks.register("register_admin_viewset")
def register_collector():
    return CollectorGroup()


@hooks.register("construct_homepage_panels")
def add_reposting_panel(request, panels):
    rows = dashboard_rows(request.user)
    if rows:
        panels.append(QueuePanel(rows, name="collector-reposting", heading=_("上级重要信息转载（12小时）")))
