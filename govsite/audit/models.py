"""The audit log (X1): an append-only, hash-chained table kept at least 180 days (M5)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NoReturn

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

RETENTION_DAYS = 180
GENESIS_HASH = "0" * 64


def retention_cutoff() -> datetime:
    """Entries recorded after this moment are still within the 180-day retention period (M5)."""
    return timezone.now() - timedelta(days=RETENTION_DAYS)


def refusal(queryset: models.QuerySet) -> PermissionDenied:
    """Why rows may not be deleted here: too young (M5), or only the archive may remove them."""
    if queryset.filter(at__gt=retention_cutoff()).exists():
        return PermissionDenied(_("审计日志保存期未满180天，不能删除"))
    return PermissionDenied(_("审计日志只能通过归档（govsite audit archive）删除"))


class AuditEntryQuerySet(models.QuerySet):
    """The default queryset refuses bulk changes and deletions, so the chain stays intact (X1, M5)."""

    def update(self, **kwargs) -> int:
        """Entries are never changed after they are written."""
        raise PermissionDenied(_("审计日志不能修改"))

    def delete(self) -> tuple[int, dict[str, int]]:
        """Refused: young rows are kept 180 days (M5), older ones leave only through the archive."""
        if self.exists():
            raise refusal(self)
        return super().delete()

    def delete_archived(self) -> tuple[int, dict[str, int]]:
        """The one way rows leave the table: `archive.archive_before`, after writing them to a file."""
        return super().delete()


class AuditEntry(models.Model):
    """One recorded action; `hash` covers the entry and the previous entry's hash (X1)."""

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("操作人"),
    )
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True, db_index=True)
    action = models.CharField(_("操作代码"), max_length=100, db_index=True)
    action_label = models.CharField(_("操作"), max_length=255)
    object_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    object_id = models.CharField(_("对象编号"), max_length=255, blank=True)
    object_repr = models.CharField(_("对象"), max_length=255, blank=True)
    site = models.ForeignKey(
        "registry.SiteRecord",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("网站"),
    )
    site_name = models.CharField(_("网站"), max_length=100, blank=True)
    ip = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    data = models.JSONField(_("详情"), default=dict, blank=True)
    prev_hash = models.CharField(_("前一条哈希"), max_length=64, unique=True)
    hash = models.CharField(_("哈希"), max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()
    # Its links to users and sites are history, not usage: keep it out of Wagtail's reference index.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-seq"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.seq} {self.action_label}"

    def save(self, *args, **kwargs) -> None:
        """Insert only: a written entry is never changed (X1)."""
        if not self._state.adding:
            raise PermissionDenied(_("审计日志不能修改"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs) -> NoReturn:
        """Refused; see `AuditEntryQuerySet.delete` (M5)."""
        raise refusal(AuditEntry.objects.filter(pk=self.pk))


class AuditChainHead(models.Model):
    """The single row holding the chain's last seq and hash; locked while appending (X1)."""

    last_seq = models.PositiveBigIntegerField(_("最后序号"), default=0)
    last_hash = models.CharField(_("最后哈希"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")
        default_permissions = ()

    def __str__(self) -> str:
        return f"#{self.last_seq} {self.last_hash[:12]}"


class AuditArchive(models.Model):
    """A file of archived entries; its last hash anchors verification of what remains (M5)."""

    file_name = models.CharField(_("文件名"), max_length=255, unique=True)
    first_seq = models.PositiveBigIntegerField(_("起始序号"))
    last_seq = models.PositiveBigIntegerField(_("结束序号"), unique=True)
    last_hash = models.CharField(_("最后哈希"), max_length=64)
    sha256 = models.CharField(_("文件 SHA-256"), max_length=64)
    count = models.PositiveIntegerField(_("条数"))
    created_at = models.DateTimeField(_("归档时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("审计日志归档")
        verbose_name_plural = _("审计日志归档")
        ordering = ["-last_seq"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return self.file_name
