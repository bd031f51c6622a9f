"""The information resource library (P10): one catalogue row per content page, and the systems that use its
data interface (G2). The page itself stays the one copy; a record holds its unified metadata."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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


def content_kind_choices() -> list[tuple[str, str]]:
    """The kinds of item a feed may be limited to: every content page type, as the library files it."""
    from wagtail.models import get_page_models

    from govsite.content.models import ContentPage

    return [(m._meta.model_name, m._meta.verbose_name) for m in get_page_models()
            if issubclass(m, ContentPage) and not m._meta.abstract]


class ColumnFeed(models.Model):
    """A column of one site showing library items of another site or column, without copying them (P10)."""

    audit_site_field = "record"

    target = models.ForeignKey("columns.ColumnPage", on_delete=models.CASCADE, related_name="library_feeds",
                               verbose_name=_("接收栏目"))
    record = models.ForeignKey("registry.SiteRecord", null=True, on_delete=models.CASCADE, editable=False,
                               related_name="column_feeds", verbose_name=_("接收网站"))
    source_record = models.ForeignKey("registry.SiteRecord", null=True, blank=True, on_delete=models.CASCADE,
                                      related_name="+", verbose_name=_("来源网站"),
                                      help_text=_("显示该网站的全部信息；与来源栏目二选一"))
    source_column = models.ForeignKey("columns.ColumnPage", null=True, blank=True, on_delete=models.CASCADE,
                                      related_name="+", verbose_name=_("来源栏目"),
                                      help_text=_("显示该栏目及其下级栏目的信息；与来源网站二选一"))
    kind = models.CharField(_("信息类型"), max_length=50, blank=True, choices=content_kind_choices,
                            help_text=_("留空表示全部类型"))
    limit = models.PositiveSmallIntegerField(_("显示条数"), default=20,
                                             validators=[MinValueValidator(1), MaxValueValidator(200)],
                                             help_text=_("只显示来源最新的若干条"))
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("栏目信息共享")
        verbose_name_plural = _("栏目信息共享")
        ordering = ["target", "pk"]

    def __str__(self) -> str:
        return f"{self.source_column or self.source_record} → {self.target}"

    def save(self, *args, **kwargs) -> None:
        """The receiving site is the column's, whoever saves the feed (the audit log files it there)."""
        from govsite.disclosure.catalogue import site_record

        self.record = site_record(self.target)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """One source, on another site than the receiving column: a site never shows its own items twice."""
        from django.core.exceptions import ValidationError

        from govsite.disclosure.catalogue import site_record

        if bool(self.source_record_id) == bool(self.source_column_id):
            raise ValidationError(_("请在来源网站和来源栏目中选择一项，且只选一项"))
        if not self.target_id:
            return
        if self.source_column_id == self.target_id:
            raise ValidationError({"source_column": _("栏目不能共享自己的信息")})
        receiver = site_record(self.target)
        source = self.source_record or site_record(self.source_column)
        if receiver is None or source is None:
            raise ValidationError(_("接收栏目和来源都须属于已登记的网站"))
        if source.pk == receiver.pk:
            raise ValidationError(_("来源与接收栏目属于同一网站：本网站的信息请直接发布到该栏目"))
