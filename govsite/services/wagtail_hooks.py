"""办事服务 in the admin: the guide element check, the monthly statistics and their import; log labels."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from govsite.participation.admin_forms import UnitSiteForm
from govsite.participation.wagtail_hooks import ScopedViewSet

from .admin_views import GuideCheckView, StatisticIndexView, StatisticsImportView
from .events import ACTION_LABELS
from .models import ServiceStatistic


@hooks.register("register_log_actions")
def register_services_actions(actions):
    for action, label in ACTION_LABELS.items():
        actions.register_action(action, label, label)


class GuideCheckViewSet(ViewSet):
    """办事指南要素检查 (V1): the missing elements reach the unit before the inspection reports them."""

    icon = "tasks"
    menu_label = _("办事指南要素检查")
    name = "services_guide_check"

    def get_urlpatterns(self):
        return [path("", GuideCheckView.as_view(), name="index")]


class StatisticViewSet(ScopedViewSet):
    """Monthly case counts (R1); units enter their own sites', the portal office sees all."""

    model = ServiceStatistic
    index_view_class = StatisticIndexView
    icon = "table"
    menu_label = _("办事服务统计")
    list_display = ["record", "year", "month", "cases_total", "cases_person", "cases_legal", "updated_at"]
    list_filter = ["record", "year"]
    edit_handler = ObjectList(
        [FieldPanel("record"), FieldRowPanel([FieldPanel("year"), FieldPanel("month")]),
         FieldRowPanel([FieldPanel("cases_total"), FieldPanel("cases_person"), FieldPanel("cases_legal")])],
        base_form_class=UnitSiteForm,
    )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("import/", StatisticsImportView.as_view(), name="import")]


class ServicesGroup(ViewSetGroup):
    menu_label = _("办事服务")
    menu_name = "services"
    menu_icon = "list-ul"
    menu_order = 135
    items = (GuideCheckViewSet("services_guide_check"), StatisticViewSet("services_statistics"))


@hooks.register("register_admin_viewset")
def register_services():
    return ServicesGroup()
