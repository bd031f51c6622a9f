"""Push between sites and co-built columns (P9; 001 §13, 004 §11(4))."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PushedItem(models.Model):
    """One published item pushed to one column of another site; the copy there passes that site's review."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待审核")
        PUBLISHED = "published", _("已发布")
        REJECTED = "rejected", _("已退回")

    origin = models.ForeignKey(
        "content.ContentPage", on_delete=models.CASCADE, related_name="pushes", verbose_name=_("原信息")
    )
    target = models.ForeignKey(
        "columns.ColumnPage", on_delete=models.CASCADE, related_name="received_pushes", verbose_name=_("推送栏目")
    )
    copy = models.OneToOneField(
        "content.ContentPage", on_delete=models.CASCADE, related_name="pushed_from", verbose_name=_("接收信息")
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    pushed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("推送人")
    )
    pushed_at = models.DateTimeField(_("推送时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("状态更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("信息推送")
        verbose_name_plural = _("信息推送")
        ordering = ["-pushed_at"]
        constraints = [models.UniqueConstraint(fields=["origin", "target"], name="sharing_push_once_per_column")]

    def __str__(self) -> str:
        return f"{self.origin.title} → {self.target.title}"


class CoBuiltColumn(models.Model):
    """A column other units may submit into; their items pass the column's own site's review (P9)."""

    column = models.OneToOneField(
        "columns.ColumnPage", on_delete=models.CASCADE, related_name="co_building", verbose_name=_("共建栏目")
    )
    units = models.ManyToManyField(
        "registry.SiteRecord", related_name="co_built_columns", verbose_name=_("共建单位"),
        help_text=_("这些单位的内容编辑可向本栏目报送信息，经栏目所在网站审核后发布"),
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("共建栏目")
        verbose_name_plural = _("共建栏目")

    def __str__(self) -> str:
        return self.column.title
