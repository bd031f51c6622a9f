"""The record of every backup (X6): what it holds, whether a restore of it was verified, and any error."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BackupRecord(models.Model):
    """One backup file as made by `govsite backup` or the daily job; kept after rotation deletes the file."""

    class Verification(models.TextChoices):
        PENDING = "pending", _("未校验")
        PASSED = "passed", _("通过")
        FAILED = "failed", _("未通过")

    file_name = models.CharField(_("文件名"), max_length=200)
    directory = models.CharField(_("目录"), max_length=500)
    size = models.BigIntegerField(_("大小（字节）"), default=0)
    started_at = models.DateTimeField(_("开始时间"), db_index=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    engine = models.CharField(_("数据库"), max_length=20)
    master_fingerprint = models.CharField(_("主密钥指纹"), max_length=64, blank=True)
    tables = models.PositiveIntegerField(_("数据表数"), default=0)
    rows = models.BigIntegerField(_("数据行数"), default=0)
    files = models.PositiveIntegerField(_("文件数"), default=0)
    error = models.TextField(_("错误"), blank=True)
    verification = models.CharField(_("恢复校验"), max_length=10, choices=Verification.choices,
                                    default=Verification.PENDING)
    verified_at = models.DateTimeField(_("校验时间"), null=True, blank=True)
    verification_details = models.TextField(_("校验说明"), blank=True)
    removed_at = models.DateTimeField(_("轮换删除时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("备份记录")
        verbose_name_plural = _("备份记录")
        ordering = ["-started_at", "-pk"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return self.file_name

    @property
    def succeeded(self) -> bool:
        return self.finished_at is not None and not self.error
