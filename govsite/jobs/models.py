"""Job runs with their progress, the schedules that start jobs, and the scheduler's leader lease."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import registry
from .cron import FORMAT_HINT, next_run, validate_cron


def percent(done: int, total: int) -> int:
    """Whole percent done, 0 when the total is not known yet."""
    return min(100, done * 100 // total) if total > 0 else 0


def validate_args(value) -> None:
    """Arguments are a JSON list (positional) or object (keyword)."""
    if not isinstance(value, list | dict):
        raise ValidationError(_("参数应为 JSON 数组（按位置）或 JSON 对象（按名称）"), code="invalid_args")


def split_args(args: list | dict | None) -> tuple[list, dict]:
    """(positional, keyword) arguments for the task function."""
    if isinstance(args, dict):
        return [], dict(args)
    return list(args or []), {}


class Schedule(models.Model):
    """A registered job to start whenever its cron expression comes due (Asia/Shanghai time)."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    task_name = models.CharField(_("任务"), max_length=100, choices=registry.choices)
    cron_expression = models.CharField(
        _("Cron 表达式"), max_length=100, validators=[validate_cron], help_text=FORMAT_HINT
    )
    args = models.JSONField(
        _("参数"), default=list, blank=True, validators=[validate_args],
        help_text=_("JSON 数组或对象，例如 [] 或 {\"site_id\": 3}；任务须可重复运行"),
    )
    enabled = models.BooleanField(_("启用"), default=True)
    last_enqueued_at = models.DateTimeField(_("上次加入队列"), null=True, blank=True, editable=False)
    next_run_at = models.DateTimeField(_("下次运行"), null=True, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("定时任务")
        verbose_name_plural = _("定时任务")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """A new schedule, or one whose timing changed (next_run_at cleared), gets its next due time."""
        if self.next_run_at is None:
            self.next_run_at = next_run(self.cron_expression, timezone.now())
        super().save(*args, **kwargs)


class JobRun(models.Model):
    """One run of a registered job: who started it, its progress, and how it ended."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("运行中")
        SUCCEEDED = "succeeded", _("成功")
        FAILED = "failed", _("失败")

    task_name = models.CharField(_("任务代码"), max_length=100, db_index=True)
    label = models.CharField(_("任务"), max_length=200)
    task_result_id = models.CharField(_("队列结果编号"), max_length=64, unique=True, null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    progress_done = models.PositiveIntegerField(_("已完成"), default=0)
    progress_total = models.PositiveIntegerField(_("总数"), default=0)
    message = models.CharField(_("进度说明"), max_length=255, blank=True)
    error = models.TextField(_("错误"), blank=True)
    args = models.JSONField(_("参数"), default=list, blank=True)
    enqueued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("发起人"),
    )
    schedule = models.ForeignKey(
        Schedule, null=True, blank=True, on_delete=models.SET_NULL, related_name="runs", verbose_name=_("定时任务"),
    )
    rerun_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reruns", verbose_name=_("重新运行自"),
    )
    enqueued_at = models.DateTimeField(_("加入队列时间"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("任务记录")
        verbose_name_plural = _("任务记录")
        ordering = ["-enqueued_at", "-pk"]
        default_permissions = ("view",)
        permissions = [("rerun_jobrun", _("可以重新运行失败的后台任务"))]

    def __str__(self) -> str:
        return f"#{self.pk} {self.label}"

    @property
    def percent(self) -> int:
        """Progress in percent; a successful run is complete whatever it reported."""
        return 100 if self.status == self.Status.SUCCEEDED else percent(self.progress_done, self.progress_total)


class SchedulerLease(models.Model):
    """The single row naming the scheduler process allowed to enqueue, until `expires_at`."""

    holder = models.CharField(_("持有者"), max_length=255)
    expires_at = models.DateTimeField(_("到期时间"))

    class Meta:
        verbose_name = _("调度器租约")
        verbose_name_plural = _("调度器租约")
        default_permissions = ()

    def __str__(self) -> str:
        return self.holder
