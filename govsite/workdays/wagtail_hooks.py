"""The 工作日历 menu (special days, years), its log labels, and the dashboard warning of missing years."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from govsite.jobs.views import local_time

from .models import ACTION_LABELS, CalendarYear, SpecialDay
from .rules import missing_years_warning
from .service import years_to_confirm
from .views import (
    CHANGE_YEAR,
    ConfirmColumn,
    ConfirmYearView,
    SpecialDayCreateView,
    SpecialDayEditView,
    SpecialDayFilterSet,
)


@hooks.register("register_log_actions")
def register_workdays_actions(actions):
    for action, label in ACTION_LABELS.items():
        actions.register_action(action, label, label)


class SpecialDayViewSet(ModelViewSet):
    """Holidays and adjusted working days: the package's and those administrators entered."""

    model = SpecialDay
    icon = "date"
    menu_label = _("节假日与调休")
    add_view_class = SpecialDayCreateView
    edit_view_class = SpecialDayEditView
    copy_view_enabled = False
    form_fields = ["date", "kind", "name"]
    filterset_class = SpecialDayFilterSet
    list_display = [
        "date_text", Column("weekday", label=_("星期"), accessor="weekday_name"), "kind", "name", "source",
        "entered_by",
    ]
    search_fields = ["name"]


class CalendarYearViewSet(ModelViewSet):
    """The years of the calendar and whether each is complete; confirmed through its own page."""

    model = CalendarYear
    icon = "calendar-check"
    menu_label = _("年度安排")
    copy_view_enabled = False
    form_fields = ["year", "note"]
    list_filter = ["complete", "source"]
    list_display = [
        "year",
        Column("complete", label=_("状态"), accessor=lambda row: _("已确认完整") if row.complete else _("未确认")),
        Column("holidays", label=_("节假日天数"), accessor=lambda row: row.count(SpecialDay.Kind.HOLIDAY)),
        Column("working_days", label=_("调休上班天数"), accessor=lambda row: row.count(SpecialDay.Kind.WORKING_DAY)),
        "source",
        "confirmed_by",
        Column("confirmed_at", label=_("确认时间"), accessor=lambda row: local_time(row.confirmed_at)),
        "note",
        ConfirmColumn("confirm", label=""),
    ]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("confirm/<int:pk>/", ConfirmYearView.as_view(), name="confirm")]


class WorkdaysViewSetGroup(ViewSetGroup):
    """The 工作日历 menu."""

    menu_label = _("工作日历")
    menu_name = "workdays"
    menu_icon = "calendar"
    menu_order = 8700
    items = (SpecialDayViewSet("workdays_days"), CalendarYearViewSet("workdays_years"))


@hooks.register("register_admin_viewset")
def register_workdays() -> WorkdaysViewSetGroup:
    return WorkdaysViewSetGroup()


class MissingYearsPanel(Component):
    """Which years' holidays are still missing, for those who enter them or count deadlines with them."""

    name = "workdays_missing_years"
    order = 40
    template_name = "workdays/missing_years_panel.html"

    def __init__(self, user, years: tuple[int, ...]):
        self.user = user
        self.years = years

    def get_context_data(self, parent_context=None):
        return {"years": self.years, "warning": missing_years_warning(self.years),
                "can_confirm": self.user.has_perm(CHANGE_YEAR)}


@hooks.register("construct_homepage_panels")
def add_missing_years_panel(request, panels):
    if request.user.has_perm("workdays.view_calendaryear"):
        years = years_to_confirm()
        if years:
            panels.append(MissingYearsPanel(request.user, years))
