"""The manifest of every published file (X6): what the tamper guard compares the disk against."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedFile(models.Model):
    """One file of a site's static tree and the SHA-256 it was written with."""

    host = models.CharField(_("主机名"), max_length=255)
    path = models.CharField(_("文件"), max_length=1000)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("大小"))
    page_id = models.BigIntegerField(_("页面"), null=True, blank=True, db_index=True)
    url_path = models.CharField(_("地址"), max_length=1000)
    updated_at = models.DateTimeField(_("发布时间"), auto_now=True)

    class Meta:
        verbose_name = _("已发布文件")
        verbose_name_plural = _("已发布文件清单")
        constraints = [models.UniqueConstraint(fields=["host", "path"], name="one_manifest_row_per_file")]

    def __str__(self) -> str:
        return f"{self.host}/{self.path}"


class SiteBuild(models.Model):
    """What the last full build of a site saw, to know when navigation changed and all pages must follow."""

    host = models.CharField(_("主机名"), max_length=255, unique=True)
    nav_signature = models.CharField(_("导航特征"), max_length=64, blank=True)
    built_at = models.DateTimeField(_("全量发布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("站点发布状态")
        verbose_name_plural = _("站点发布状态")

    def __str__(self) -> str:
        return self.host


class TamperIncident(models.Model):
    """What one tamper check found on a site and whether it was restored (X6, M5)."""

    host = models.CharField(_("主机名"), max_length=255)
    found_at = models.DateTimeField(_("发现时间"), auto_now_add=True, db_index=True)
    changed = models.JSONField(_("被篡改文件"), default=list)
    deleted = models.JSONField(_("被删除文件"), default=list)
    added = models.JSONField(_("异常新增文件"), default=list)
    restored = models.BooleanField(_("已恢复"), default=False)
    quarantine = models.CharField(_("隔离目录"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("篡改事件")
        verbose_name_plural = _("篡改事件")
        ordering = ["-found_at"]

    def __str__(self) -> str:
        return f"{self.host} {self.found_at:%Y-%m-%d %H:%M}"
