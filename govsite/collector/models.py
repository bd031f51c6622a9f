"""Collection sources, the items they brought in, and each run's counts (G1, P8)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govsite.jobs.cron import FORMAT_HINT, next_run, validate_cron

from . import extraction

SELECTOR_HELP = _("以“/”或“(”开头为 XPath，否则为 CSS 选择器")
MAX_PAGES_LIMIT = 50


def validate_selector(value: str) -> None:
    try:
        extraction.validate_selector(value)
    except extraction.SelectorError as error:
        raise ValidationError(str(error), code="invalid_selector") from error


class CollectionSource(models.Model):
    """An upstream list page or feed, how to read it, and the column its items go to (G1)."""

    class Kind(models.TextChoices):
        LIST = "list", _("列表页")
        RSS = "rss", _("RSS订阅")

    class Mode(models.TextChoices):
        REVIEW = "review", _("采集后提交审核")
        PROPOSE = "propose", _("仅推荐给编辑，由编辑决定是否采用")

    name = models.CharField(_("采集源名称"), max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.LIST)
    list_url = models.URLField(_("列表页或订阅地址"), max_length=500)
    link_selector = models.CharField(_("信息链接选择器"), max_length=300, default="a", blank=True,
                                     validators=[validate_selector], help_text=SELECTOR_HELP)
    next_page_selector = models.CharField(_("下一页链接选择器"), max_length=300, blank=True,
                                          validators=[validate_selector], help_text=_("留空则只采集第一页"))
    max_pages = models.PositiveSmallIntegerField(
        _("最多翻页数"), default=5, help_text=_("每次采集最多读取的列表页数（1～50）"))
    title_selector = models.CharField(_("标题选择器"), max_length=300, blank=True, validators=[validate_selector],
                                      help_text=_("留空则取页面元数据 ArticleTitle 或一级标题"))
    date_selector = models.CharField(_("发布日期选择器"), max_length=300, blank=True,
                                     validators=[validate_selector], help_text=_("留空则取页面元数据 PubDate"))
    body_selector = models.CharField(_("正文选择器"), max_length=300, blank=True, validators=[validate_selector],
                                     help_text=_("留空则自动识别正文"))
    attachment_selector = models.CharField(_("附件链接选择器"), max_length=300, blank=True,
                                           validators=[validate_selector],
                                           help_text=_("留空则取正文中指向文档的链接"))
    expected_site_name = models.CharField(_("应有的网站名称（SiteName）"), max_length=100, blank=True,
                                          help_text=_("详情页元数据不符时告警，留空不检查"))
    expected_column_name = models.CharField(_("应有的栏目名称（ColumnName）"), max_length=100, blank=True,
                                            help_text=_("详情页元数据不符时告警，留空不检查"))
    target = models.ForeignKey("columns.ColumnPage", on_delete=models.PROTECT, related_name="collection_sources",
                               verbose_name=_("目标栏目"))
    schedule = models.CharField(_("采集时间（Cron）"), max_length=100, default="0 * * * *",
                                validators=[validate_cron], help_text=FORMAT_HINT)
    mode = models.CharField(_("采集后处理"), max_length=10, choices=Mode.choices, default=Mode.PROPOSE)
    submitter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("提交审核人"),
                                  help_text=_("以该编辑的名义提交审核；留空则由系统提交"))
    important = models.BooleanField(_("上级网站重要政策来源"), default=False,
                                    help_text=_("勾选后本源全部信息须在12小时内转载（P8）"))
    keywords = models.CharField(_("重要信息关键词"), max_length=300, blank=True,
                                help_text=_("标题含任一关键词即为重要信息，须在12小时内转载；用空格、逗号或顿号分隔"))
    active = models.BooleanField(_("启用"), default=True)
    last_run_at = models.DateTimeField(_("上次采集时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("采集源")
        verbose_name_plural = _("采集源")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if not 1 <= self.max_pages <= MAX_PAGES_LIMIT:
            raise ValidationError({"max_pages": _("最多翻页数应在 1 到 %(n)s 之间") % {"n": MAX_PAGES_LIMIT}})
        if self.kind == self.Kind.LIST and not self.link_selector.strip():
            raise ValidationError({"link_selector": _("列表页采集源须填写信息链接选择器")})

    def selectors(self) -> extraction.Selectors:
        return extraction.Selectors(
            links=self.link_selector or "a", next_page=self.next_page_selector, title=self.title_selector,
            date=self.date_selector, body=self.body_selector, attachments=self.attachment_selector,
        )

    def is_due(self, moment) -> bool:
        """Active and its schedule has come round since the last run (a new source runs at once)."""
        return self.active and (self.last_run_at is None or next_run(self.schedule, self.last_run_at) <= moment)


class CollectedItemQuerySet(models.QuerySet):
    def overdue(self, moment):
        """Important items past their 12-hour deadline and not reposted yet (P8)."""
        return self.filter(important=True, repost_due__lt=moment).filter(
            Q(page__isnull=True) | Q(page__first_published_at__isnull=True))

    def overdue_by_site(self, roots: dict[int, str], moment) -> dict[int, int]:
        """Overdue items per site, `roots` mapping each site record's id to its root page's tree path."""
        counts: dict[int, int] = {}
        for path in self.overdue(moment).values_list("source__target__path", flat=True):
            owner = next((pk for pk, root in roots.items() if path.startswith(root)), None)
            if owner is not None:
                counts[owner] = counts.get(owner, 0) + 1
        return counts

    def waiting(self):
        """Important items not reposted yet, for the editor's countdown."""
        return self.filter(important=True, repost_due__isnull=False).filter(
            Q(page__isnull=True) | Q(page__first_published_at__isnull=True))


class CollectedItem(models.Model):
    """One upstream item, collected once (its URL and its content each once per source)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提交审核")
        PROPOSED = "proposed", _("待编辑采用")

    source = models.ForeignKey(CollectionSource, on_delete=models.CASCADE, related_name="items",
                               verbose_name=_("采集源"))
    url = models.URLField(_("原文地址"), max_length=1000)
    content_hash = models.CharField(_("内容指纹"), max_length=64)
    title = models.CharField(_("标题"), max_length=255)
    upstream_published_at = models.DateTimeField(_("原文发布时间"), null=True, blank=True)
    collected_at = models.DateTimeField(_("采集时间"), default=timezone.now, db_index=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    page = models.ForeignKey("content.ContentPage", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("生成的信息"))
    important = models.BooleanField(_("重要信息"), default=False)
    repost_due = models.DateTimeField(_("转载期限"), null=True, blank=True, db_index=True)

    objects = CollectedItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("采集的信息")
        verbose_name_plural = _("采集的信息")
        ordering = ["-collected_at"]
        constraints = [
            models.UniqueConstraint(fields=["source", "url"], name="collector_item_url_once"),
            models.UniqueConstraint(fields=["source", "content_hash"], name="collector_item_content_once"),
        ]

    def __str__(self) -> str:
        return self.title


class CollectionRun(models.Model):
    """One collection of one source: what it found, stored, skipped and failed on, and why (G1)."""

    source = models.ForeignKey(CollectionSource, on_delete=models.CASCADE, related_name="runs",
                               verbose_name=_("采集源"))
    started_at = models.DateTimeField(_("开始时间"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    found = models.PositiveIntegerField(_("发现"), default=0)
    new = models.PositiveIntegerField(_("新增"), default=0)
    skipped = models.PositiveIntegerField(_("跳过"), default=0)
    failed = models.PositiveIntegerField(_("失败"), default=0)
    log = models.TextField(_("日志"), blank=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("采集记录")
        verbose_name_plural = _("采集记录")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.source} {timezone.localtime(self.started_at):%Y-%m-%d %H:%M}"
