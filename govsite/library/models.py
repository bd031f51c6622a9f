"""The information resource library (P10): one catalogue row per content page, and the systems that use its
data interface (G2). The page itself stays the one copy; a record holds its unified metadata."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LibraryRecord(models.Model):
    """A content page in the library with its unified metadata (P10, 003 §31-32), kept in step on publish."""

    audit_site_field = "record"

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="library_record",
                                verbose_name=_("页面"))
    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="library_records",
                               verbose_name=_("所属网站"))
    column = models.ForeignKey("columns.ColumnPage", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("栏目"))
    kind = models.CharField(_("信息分类"), max_length=50, db_index=True)
    title = models.CharField(_("标题"), max_length=255)
    url = models.URLField(_("地址"), max_length=500)
    published_at = models.DateTimeField(_("发布日期"), db_index=True)
    live = models.BooleanField(_("已发布"), default=True)
    updated_at = models.DateTimeField(_("入库或更新时间"), db_index=True)
    document = models.JSONField(_("统一元数据"), default=dict)

    class Meta:
        verbose_name = _("资源库条目")
        verbose_name_plural = _("信息资源库")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["record", "updated_at", "id"])]

    def __str__(self) -> str:
        return self.title


class ApiClient(models.Model):
    """A unit's system that calls the data interface (G2): it reads and writes only its own site's items."""

    audit_site_field = "record"

    name = models.CharField(_("系统名称"), max_length=100)
    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="api_clients",
                               verbose_name=_("所属网站"))
    token_digest = models.CharField(_("令牌摘要"), max_length=64, unique=True, editable=False)
    can_read = models.BooleanField(_("允许读取"), default=True)
    can_write = models.BooleanField(_("允许写入（报送审核）"), default=False)
    submitter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("报送人"),
                                  help_text=_("写入的信息以此账号提交审核；允许写入时必填"))
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近调用"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("接口调用系统")
        verbose_name_plural = _("接口调用系统")
        ordering = ["record", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.record}）"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.can_write and not self.submitter_id:
            raise ValidationError({"submitter": _("允许写入的系统须指定报送人")})
