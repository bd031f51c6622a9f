"""A site's annual website report (R1): the cells typed by the unit, its status, and the page it went out as."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WebsiteReport(models.Model):
    """政府网站年度工作报表 of one site and year. Counted cells are recomputed on every view until publication,
    when they are frozen in `published_values` with the typed ones, so the published report never changes."""

    audit_site_field = "record"

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.PROTECT, related_name="website_reports",
                               verbose_name=_("网站"))
    year = models.PositiveSmallIntegerField(_("年度"))
    hand_values = models.JSONField(_("手工填报项"), default=dict, blank=True)
    published_values = models.JSONField(_("发布时的报表数据"), default=dict, blank=True, editable=False)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("最后填报人"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("发布人"))
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("发布页面"))

    class Meta:
        verbose_name = _("政府网站年度工作报表")
        verbose_name_plural = _("政府网站年度工作报表")
        ordering = ["-year", "record__name"]
        constraints = [models.UniqueConstraint(fields=["record", "year"], name="one_website_report_per_site_year")]
        permissions = [("publish_websitereport", _("可以发布政府网站年度工作报表"))]

    def __str__(self) -> str:
        return f"{self.record}{self.year}年度政府网站工作报表"
