"""访问统计 in the admin menu, the per-site C6 thresholds, and the dashboard count of low-traffic columns."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from govsite.interaction.wagtail_hooks import QueuePanel

from . import admin_views
from .access import sites_for
from .models import LowTrafficPolicy


class StatisticsMenuItem(MenuItem):
    """Shown to whoever may see the statistics of at least one site."""

    def is_shown(self, request) -> bool:
        return sites_for(request.user).exists()


class PolicyViewSet(ModelViewSet):
    """The portal office sets a site's own C6 threshold instead of the platform default."""

    model = LowTrafficPolicy
    icon = "cogs"
    menu_label = _("低访问量栏目标准")
    add_to_admin_menu = False
    form_fields = ["record", "monthly_views", "months"]
    list_display = ["record", "monthly_views", "months"]


policies = PolicyViewSet("analytics_policies")


@hooks.register("register_admin_viewset")
def register_policies():
    return policies


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [
        path("tongji/", admin_views.statistics, name="analytics_statistics"),
        path("tongji/low/", admin_views.low_traffic, name="analytics_low_traffic"),
    ]


@hooks.register("register_admin_menu_item")
def register_statistics_menu():
    items = [
        StatisticsMenuItem(_("访问统计"), reverse("analytics_statistics"), name="analytics_statistics",
                           icon_name="view", order=10),
        StatisticsMenuItem(_("低访问量栏目"), reverse("analytics_low_traffic"), name="analytics_low_traffic",
                           icon_name="warning", order=20),
        policies.get_menu_item(order=30),
    ]
    return SubmenuMenuItem(_("访问统计"), Menu(items=items), name="analytics", icon_name="view", order=125)


@hooks.register("construct_homepage_panels")
def add_low_traffic_panel(request, panels):
    records = sites_for(request.user)
    if not records.exists():
        return
    count = admin_views.low_count(records, timezone.localdate())
    if count:
        panels.append(QueuePanel([(_("持续低访问量、建议合并或关闭的栏目"), count, reverse("analytics_low_traffic"))],
                                 name="analytics-low", heading=_("访问统计")))
