"""The admin's job pages: runs with their progress and errors, re-running a failure, and the schedule form."""

from __future__ import annotations

import json

import django_filters
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from .models import JobRun, Schedule
from .registry import UnknownTask
from .runs import JobError, rerun

INDEX_URL = "job_runs:index"
INSPECT_URL = "job_runs:inspect"
RERUN_URL = "job_runs:rerun"
ERROR_EXCERPT = 80
permission_policy = ModelPermissionPolicy(JobRun)


def local_time(moment) -> str:
    """A time in the admin's time zone, to the second; empty when not yet reached."""
    return date_format(timezone.localtime(moment), "Y-m-d H:i:s") if moment else ""


def error_excerpt(run: JobRun) -> str:
    """The last traceback line (the exception and its message), shortened for the list."""
    last = run.error.strip().splitlines()[-1] if run.error.strip() else ""
    return last if len(last) <= ERROR_EXCERPT else f"{last[:ERROR_EXCERPT]}…"


def can_rerun(user, run: JobRun) -> bool:
    """Only failed runs, and only for those holding `jobs.rerun_jobrun`."""
    return run.status == JobRun.Status.FAILED and permission_policy.user_has_permission(user, "rerun")


def task_choices() -> list[tuple[str, str]]:
    """Every task that has runs, labelled as it was last run."""
    rows = JobRun.objects.order_by("task_name", "pk").values_list("task_name", "label")
    return sorted({name: f"{label}（{name}）" for name, label in rows}.items())


class JobRunFilterSet(WagtailFilterSet):
    """Filter the runs by status and by task."""

    status = django_filters.ChoiceFilter(label=_("状态"), choices=JobRun.Status.choices)
    task_name = django_filters.ChoiceFilter(label=_("任务"), choices=task_choices)

    class Meta:
        model = JobRun
        fields = ["status", "task_name"]


class ProgressColumn(Column):
    """A progress bar with the percentage and the counts."""

    cell_template_name = "jobs/progress_cell.html"


class RerunColumn(Column):
    """The 重新运行 button (a POST form) on failed runs the user may re-run."""

    cell_template_name = "jobs/rerun_cell.html"

    def get_cell_context_data(self, instance, parent_context) -> dict:
        """Whether to show the button, and the CSRF token its form needs."""
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["can_rerun"] = request is not None and can_rerun(request.user, instance)
        context["csrf_token"] = get_token(request) if context["can_rerun"] else ""
        return context


class JobRunIndexView(generic.IndexView):
    """Newest runs first, with status, progress, message, error and times."""

    model = JobRun
    permission_policy = permission_policy
    permission_required = "view"
    any_permission_required = None
    filterset_class = JobRunFilterSet
    default_ordering = "-pk"
    paginate_by = 50
    index_url_name = INDEX_URL
    index_results_url_name = "job_runs:index_results"
    page_title = _("任务记录")
    header_icon = "tasks"
    columns = [
        TitleColumn("label", label=_("任务"), get_url=lambda run: reverse(INSPECT_URL, args=[run.pk])),
        Column("status", label=_("状态"), accessor="get_status_display"),
        ProgressColumn("percent", label=_("进度")),
        Column("message", label=_("进度说明")),
        Column("error", label=_("错误"), accessor=error_excerpt),
        Column("enqueued_at", label=_("加入队列时间"), accessor=lambda run: local_time(run.enqueued_at)),
        Column("started_at", label=_("开始时间"), accessor=lambda run: local_time(run.started_at)),
        Column("finished_at", label=_("结束时间"), accessor=lambda run: local_time(run.finished_at)),
        RerunColumn("rerun", label=""),
    ]

    def get_base_queryset(self):
        """Only what the columns show needs no further queries."""
        return super().get_base_queryset().select_related("enqueued_by")


class JobRunInspectView(generic.InspectView):
    """Everything about one run, its full error, and the 重新运行 button when allowed."""

    model = JobRun
    permission_policy = permission_policy
    permission_required = "view"
    any_permission_required = None
    index_url_name = INDEX_URL
    header_icon = "tasks"
    page_title = _("任务记录详情")
    template_name = "jobs/jobrun_inspect.html"
    fields = [
        "label", "task_name", "status", "percent", "message", "error", "args", "enqueued_by", "schedule",
        "rerun_of", "reruns", "enqueued_at", "started_at", "finished_at", "task_result_id",
    ]
    extra_labels = {"percent": _("进度"), "reruns": _("重新运行记录")}

    def get_field_label(self, field_name: str, field) -> str:
        """Chinese labels for the progress and the reverse link, which are not plain fields."""
        return self.extra_labels.get(field_name) or super().get_field_label(field_name, field)

    def get_percent_display_value(self) -> str:
        """The same bar as the list."""
        return render_to_string("jobs/progress.html", {"run": self.object})

    def get_error_display_value(self) -> str:
        """The stored traceback lines, preformatted."""
        return format_html("<pre>{}</pre>", self.object.error) if self.object.error else ""

    def get_args_display_value(self) -> str:
        """The arguments as JSON, Chinese left readable."""
        return format_html("<pre>{}</pre>", json.dumps(self.object.args, ensure_ascii=False, indent=2))

    def get_field_display_value(self, field_name: str, field):
        """Empty rather than "None" for what a run does not have (no user, schedule or queue entry)."""
        value = super().get_field_display_value(field_name, field)
        return "" if value is None else value

    def get_rerun_of_display_value(self) -> str:
        """A link to the failed run this one repeats."""
        original = self.object.rerun_of
        return format_html('<a href="{}">{}</a>', reverse(INSPECT_URL, args=[original.pk]), original) if original else ""

    def get_reruns_display_value(self) -> str:
        """Links to the runs that repeated this one."""
        runs = self.object.reruns.order_by("pk")
        return format_html_join("、", '<a href="{}">{}</a>', ((reverse(INSPECT_URL, args=[r.pk]), r) for r in runs))

    def get_enqueued_at_display_value(self) -> str:
        return local_time(self.object.enqueued_at)

    def get_started_at_display_value(self) -> str:
        return local_time(self.object.started_at)

    def get_finished_at_display_value(self) -> str:
        return local_time(self.object.finished_at)

    def get_context_data(self, **kwargs) -> dict:
        """Whether this user may re-run this run."""
        context = super().get_context_data(**kwargs)
        context["can_rerun"] = can_rerun(self.request.user, self.object)
        return context


class JobRunRerunView(PermissionCheckedMixin, View):
    """POST only: queue a failed run again; needs `jobs.rerun_jobrun`. Recorded in the audit log by `enqueue`."""

    permission_policy = permission_policy
    permission_required = "rerun"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Show the new run, or say in Chinese why it was refused."""
        run = get_object_or_404(JobRun, pk=pk)
        try:
            new_run = rerun(run, user=request.user)
        except (JobError, UnknownTask) as error:
            messages.error(request, str(error))
            return redirect(INSPECT_URL, pk=run.pk)
        messages.success(request, _("已重新运行，新的运行记录为 #%(id)s") % {"id": new_run.pk})
        return redirect(INSPECT_URL, pk=new_run.pk)


class ScheduleForm(WagtailAdminModelForm):
    """The schedule form; changing the timing or re-enabling recomputes the next run from now."""

    class Meta:
        model = Schedule
        fields = ["name", "task_name", "cron_expression", "args", "enabled"]

    def clean_args(self) -> list | dict:
        """An emptied field means no arguments."""
        args = self.cleaned_data.get("args")
        return [] if args is None else args

    def save(self, commit: bool = True) -> Schedule:
        """Let the model compute `next_run_at` afresh when the expression or `enabled` changed."""
        if {"cron_expression", "enabled"} & set(self.changed_data):
            self.instance.next_run_at = None
        return super().save(commit)
