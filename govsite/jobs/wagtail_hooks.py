"""The 后台任务 menu: 任务记录 (runs, progress, re-run) and 定时任务 (schedules, edited like any model)."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Schedule
from .views import (
    JobRunIndexView,
    JobRunInspectView,
    JobRunRerunView,
    ScheduleForm,
    local_time,
    permission_policy,
)


class JobRunMenuItem(MenuItem):
    """任务记录, shown only to those with `jobs.view_jobrun`."""

    def is_shown(self, request) -> bool:
        """Hidden from those who may not open the page."""
        return permission_policy.user_has_permission(request.user, "view")


class JobRunViewSet(ViewSet):
    """List, detail and re-run; runs are never added, edited or deleted by hand."""

    name = "job_runs"
    icon = "tasks"
    menu_label = _("任务记录")
    menu_item_class = JobRunMenuItem

    def get_urlpatterns(self):
        """Index, its AJAX results, one run, and the POST that re-runs it."""
        return [
            path("", JobRunIndexView.as_view(), name="index"),
            path("results/", JobRunIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", JobRunInspectView.as_view(), name="inspect"),
            path("<int:pk>/rerun/", JobRunRerunView.as_view(), name="rerun"),
        ]


class ScheduleViewSet(ModelViewSet):
    """定时任务: name, job, cron expression (Beijing time), arguments, enabled; next run shown."""

    model = Schedule
    name = "job_schedules"
    icon = "time"
    menu_label = _("定时任务")
    list_filter = ["enabled"]
    search_fields = ["name", "task_name"]
    list_display = [
        "name",
        Column("task_name", label=_("任务"), accessor="get_task_name_display"),
        "cron_expression",
        "enabled",
        Column("next_run_at", label=_("下次运行"), accessor=lambda s: local_time(s.next_run_at)),
        Column("last_enqueued_at", label=_("上次加入队列"), accessor=lambda s: local_time(s.last_enqueued_at)),
    ]


    def get_form_class(self, for_update: bool = False) -> type[ScheduleForm]:
        """Our form, which recomputes the next run when the timing changes."""
        return ScheduleForm


class JobsViewSetGroup(ViewSetGroup):
    """The 后台任务 menu."""

    menu_label = _("后台任务")
    menu_name = "jobs"
    menu_icon = "cogs"
    menu_order = 8800
    items = (JobRunViewSet, ScheduleViewSet)


@hooks.register("register_admin_viewset")
def register_jobs() -> JobsViewSetGroup:
    """Register 后台任务 → 任务记录 / 定时任务 in the admin."""
    return JobsViewSetGroup()
