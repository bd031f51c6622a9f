"""Visit statistics: daily aggregates per site and page, and the short-lived marks that count visitors.

No model holds an IP address. `VisitorMark` rows and the day's `DailySalt` exist only until the day is
rolled up; the aggregates keep counts only (see docs/analytics.md for the log-retention position).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import rules


class DailySalt(models.Model):
    """The secret of one day's visitor keys; deleted after that day's rollup, so keys cannot be reversed."""

    day = models.DateField(_("日期"), unique=True)
    salt = models.BinaryField(_("密钥"), max_length=32)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return self.day.isoformat()


class VisitorMark(models.Model):
    """One anonymous visitor on one page on one day and how often they opened it; removed by the rollup."""

    day = models.DateField(_("日期"))
    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("访客标识"), max_length=32)
    hits = models.PositiveIntegerField(_("浏览次数"), default=1)

    class Meta:
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["day", "page", "key"], name="analytics_mark_unique")]

    def __str__(self) -> str:
        return f"{self.day} {self.page_id}"


class SiteVisitDay(models.Model):
    """A site's page views and unique visitors on one day."""

    record = models.ForeignKey(
        "registry.SiteRecord", on_delete=models.CASCADE, related_name="visit_days", verbose_name=_("网站")
    )
    day = models.DateField(_("日期"))
    views = models.PositiveIntegerField(_("浏览量"), default=0)
    visitors = models.PositiveIntegerField(_("访客数"), default=0)

    class Meta:
        verbose_name = _("网站每日访问量")
        verbose_name_plural = _("网站每日访问量")
        default_permissions = ()
        permissions = [("view_statistics", _("查看访问统计"))]
        constraints = [models.UniqueConstraint(fields=["record", "day"], name="analytics_siteday_unique")]

    def __str__(self) -> str:
        return f"{self.record_id} {self.day}"


class PageVisitDay(models.Model):
    """One page's views and visitors on one day; `path` is the page's tree path then, for column totals
    that survive the page's deletion."""

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("日期"))
    page = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+")
    path = models.CharField(_("树路径"), max_length=255, db_index=True)
    views = models.PositiveIntegerField(_("浏览量"), default=0)
    visitors = models.PositiveIntegerField(_("访客数"), default=0)

    class Meta:
        default_permissions = ()
        indexes = [models.Index(fields=["record", "day"], name="analytics_pageday_site")]
        constraints = [models.UniqueConstraint(fields=["day", "page"], name="analytics_pageday_unique")]

    def __str__(self) -> str:
        return f"{self.path} {self.day}"


class ColumnVisitDay(models.Model):
    """A column's distinct visitors on one day, over all its pages at any depth (counted at the rollup,
    while the day's marks still exist; views are the pages' views rolled up by tree path)."""

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("日期"))
    column = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    visitors = models.PositiveIntegerField(_("访客数"), default=0)

    class Meta:
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["day", "column"], name="analytics_columnday_unique")]

    def __str__(self) -> str:
        return f"{self.column_id} {self.day}"


class LowTrafficPolicy(models.Model):
    """A site's own C6 threshold, replacing the platform default (000 4.1.3)."""

    record = models.OneToOneField(
        "registry.SiteRecord", on_delete=models.CASCADE, related_name="low_traffic_policy", verbose_name=_("网站")
    )
    monthly_views = models.PositiveIntegerField(
        _("月浏览量阈值"), default=rules.DEFAULT_MONTHLY_VIEWS, validators=[MinValueValidator(1)], help_text=_("栏目每月浏览量低于此数视为低访问量")
    )
    months = models.PositiveSmallIntegerField(
        _("连续月数"), default=rules.DEFAULT_MONTHS, validators=[MinValueValidator(1), MaxValueValidator(24)], help_text=_("连续这么多个完整月份都低于阈值才提示合并或关闭")
    )

    class Meta:
        verbose_name = _("低访问量栏目标准")
        verbose_name_plural = _("低访问量栏目标准")

    def __str__(self) -> str:
        return str(self.record)

    def rule(self) -> rules.LowTrafficRule:
        return rules.LowTrafficRule(self.monthly_views, self.months, is_default=False)
