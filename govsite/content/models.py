"""Content pages. Every type shares `ContentPage`, so one query lists a column across types."""

from __future__ import annotations

from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from govsite.columns.models import ColumnPage, refuse_placeholder
from govsite.core.slugs import AsciiSlugMixin
from govsite.review.panels import ContentCheckPanel
from govsite.sitesearch.fields import segmented

CONTENT_PARENTS = ["columns.ColumnPage", "content.TopicPage"]
# Sent when a page is archived or unarchived: its published files must show (or lose) the banner.
page_archived = Signal()


class ContentPage(AsciiSlugMixin, Page):
    """What every item has: publish date, source, author, summary, body and attachments."""

    published_at = models.DateTimeField(_("发布日期"), default=timezone.now, db_index=True)
    source = models.CharField(_("信息来源"), max_length=100, blank=True)
    author = models.CharField(_("作者"), max_length=50, blank=True)
    summary = models.TextField(_("摘要"), max_length=500, blank=True)
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    is_major = models.BooleanField(
        _("重大或敏感信息"), default=False, help_text=_("须经主要负责人审批后发布（P3，004 §28）")
    )
    emergency_event = models.ForeignKey(
        "review.EmergencyEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
        verbose_name=_("所属突发事件或舆情"),
        help_text=_("选择后走应急快速发布流程，由值班领导一级审核（P11）"),
    )
    body = RichTextField(_("正文"), blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("封面图片"),
    )
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True, editable=False, db_index=True)

    # U1: title, summary and body indexed segmented, so any Chinese word of them is found (govsite.sitesearch).
    search_fields = segmented([
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("published_at"),
    ])
    search_date_field = "published_at"
    content_panels = [
        *Page.content_panels,
        ContentCheckPanel(heading=_("内容检查")),
        MultiFieldPanel(
            [
                FieldPanel("published_at"),
                FieldPanel("source"),
                FieldPanel("author"),
                FieldPanel("is_major"),
                FieldPanel("emergency_event"),
            ],
            heading=_("发布信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("keywords"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
    ]
    is_creatable = False
    parent_page_types = CONTENT_PARENTS
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("信息")
        verbose_name_plural = _("信息")

    def set_archived(self, archived: bool, user=None) -> None:
        """Archive (S7, DA/T 80-2019): the page stays at its address with a banner and leaves timeliness
        scoring; the field is set on the live page without a new revision, as no content changes."""
        from wagtail.log_actions import log

        self.archived_at = timezone.now() if archived else None
        type(self).objects.filter(pk=self.pk).update(archived_at=self.archived_at)
        log(self, "govsite.archive" if archived else "govsite.unarchive", user=user)
        page_archived.send(sender=type(self), instance=self)

    def get_workflow(self):
        """An emergency item takes its site's short workflow: one approval by the leader on duty (P11)."""
        if self.emergency_event_id:
            from govsite.review.workflow import ensure_emergency_workflow

            return ensure_emergency_workflow(self.emergency_event.record)
        return super().get_workflow()

    def slug_base(self) -> str:
        """Items are addressed by date, as government sites do: t20260301, t20260301-2."""
        return f"t{timezone.localtime(self.published_at):%Y%m%d}"

    def clean(self) -> None:
        super().clean()
        refuse_placeholder(title=self.title, summary=self.summary, body=strip_tags(self.body))

    @property
    def column(self) -> ColumnPage | None:
        """The column this item sits in: the nearest column above it."""
        return ColumnPage.objects.ancestor_of(self).order_by("-depth").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["column"] = self.column
        context["attachment_list"] = [a for a in self.attachments.all() if a.document_id]
        return context


class Attachment(Orderable):
    """A document shown under a page, with an optional display name; subclasses add the parental key."""

    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("文件")
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class ContentAttachment(Attachment):
    """A document attached to an item, stored in the site's collection."""

    page = ParentalKey(ContentPage, on_delete=models.CASCADE, related_name="attachments")


class ArticlePage(ContentPage):
    """A news item or a notice."""

    class Kind(models.TextChoices):
        NEWS = "news", _("新闻动态")
        NOTICE = "notice", _("通知公告")

    kind = models.CharField(_("信息类别"), max_length=10, choices=Kind.choices, default=Kind.NEWS)

    content_panels = [*ContentPage.content_panels[:1], FieldPanel("kind"), *ContentPage.content_panels[1:]]
    template = "content/article_page.html"

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")


class PolicyPage(ContentPage):
    """A policy document with its filing metadata; its interpretations link back to it (P2)."""

    class Validity(models.TextChoices):
        VALID = "valid", _("有效")
        INVALID = "invalid", _("失效")
        REPEALED = "repealed", _("废止")

    issuing_authority = models.CharField(_("发文机关"), max_length=100)
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    written_date = models.DateField(_("成文日期"))
    index_number = models.CharField(_("索引号"), max_length=60, blank=True)
    topic_category = models.CharField(_("主题分类"), max_length=50, blank=True)
    validity = models.CharField(
        _("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID
    )

    search_fields = segmented([*ContentPage.search_fields, index.SearchField("document_number")])
    content_panels = [
        *ContentPage.content_panels[:1],
        MultiFieldPanel(
            [
                FieldPanel("issuing_authority"),
                FieldPanel("document_number"),
                FieldPanel("written_date"),
                FieldPanel("index_number"),
                FieldPanel("topic_category"),
                FieldPanel("validity"),
            ],
            heading=_("公文信息"),
        ),
        *ContentPage.content_panels[1:],
    ]
    template = "content/policy_page.html"

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def live_interpretations(self):
        """Published interpretations of this policy (P2: linked both ways)."""
        return self.interpretations.live().order_by("published_at")


class InterpretationPage(ContentPage):
    """An interpretation of a policy, in text, chart, audio, video or animation form (P2)."""

    class Form(models.TextChoices):
        TEXT = "text", _("文字解读")
        CHART = "chart", _("图表解读")
        AUDIO = "audio", _("音频解读")
        VIDEO = "video", _("视频解读")
        ANIMATION = "animation", _("动漫解读")

    policy = models.ForeignKey(
        PolicyPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
        verbose_name=_("解读的政策文件"),
    )
    form = models.CharField(_("解读形式"), max_length=10, choices=Form.choices, default=Form.TEXT)
    chart_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("图表"),
    )
    media_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("音频、视频或动漫文件"),
    )

    content_panels = [
        *ContentPage.content_panels[:1],
        FieldPanel("policy"),
        FieldPanel("form"),
        FieldPanel("chart_image"),
        FieldPanel("media_file"),
        *ContentPage.content_panels[1:],
    ]
    template = "content/interpretation_page.html"

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")


class TopicPage(ContentPage):
    """A special topic (专题): a page of its own with sub-columns and articles."""

    parent_page_types = ["columns.HomePage", "columns.ColumnPage"]
    subpage_types = ["columns.ColumnPage", "content.ArticlePage"]
    template = "content/topic_page.html"

    class Meta:
        verbose_name = _("专题")
        verbose_name_plural = _("专题")

    def get_context(self, request, *args, **kwargs):
        from govsite.columns.navigation import ColumnTree

        context = super().get_context(request, *args, **kwargs)
        context["sub_columns"] = ColumnTree.for_request(request, self.get_site().root_page).children(self)
        context["items"] = ArticlePage.objects.live().descendant_of(self).order_by("-published_at")[:20]
        return context
