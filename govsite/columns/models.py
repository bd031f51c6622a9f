"""Site home pages, columns (栏目) and requests to change the column structure (C1-C7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.move_page import MovePageAction
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, route
from wagtail.fields import RichTextField
from wagtail.models import Page

from govsite.core.slugs import AsciiSlugMixin

from .features import feature_choices, get_feature
from .listing import ListingWindow
from .navigation import ColumnTree
from .rules import COLUMN_TYPES, UpdateCategory, find_placeholder, update_category_for

if TYPE_CHECKING:
    from govsite.library.feeds import ColumnListing

STRUCTURE_PERMISSION = "columns.change_column_structure"


def can_change_structure(user) -> bool:
    """Only the portal office (网站主管) changes the column structure directly (C2)."""
    return bool(user and user.is_active and user.has_perm(STRUCTURE_PERMISSION))


def refuse_placeholder(**texts: str) -> None:
    """Refuse text that keeps a blank column "under construction" (C5)."""
    errors = {}
    for field, text in texts.items():
        phrase = find_placeholder(text or "")
        if phrase:
            errors[field] = _("不得出现“%(phrase)s”等占位内容：暂不能保障的栏目不得在页面显示（C5）") % {
                "phrase": phrase
            }
    if errors:
        raise ValidationError(errors)


class HomePage(AsciiSlugMixin, Page):
    """The home page of a site: links to the superior portal and the key columns (C7)."""

    intro = models.CharField(_("首页导语"), max_length=200, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["columns.ColumnPage", "content.TopicPage"]
    column_type = "首页"

    class Meta:
        verbose_name = _("网站首页")
        verbose_name_plural = _("网站首页")

    def clean(self) -> None:
        super().clean()
        refuse_placeholder(title=self.title, intro=self.intro)

    def get_context(self, request, *args, **kwargs):
        from govsite.content.models import ContentPage

        context = super().get_context(request, *args, **kwargs)
        tree = ColumnTree.for_request(request, self)
        blocks = []
        for column in tree.key_columns():
            items = ContentPage.objects.live().descendant_of(column).order_by("-published_at")[:6]
            blocks.append((column, list(items)))
        context["key_blocks"] = blocks
        context["latest"] = (
            ContentPage.objects.live().descendant_of(self).order_by("-published_at")[:8]
        )
        return context


class ColumnPageForm(WagtailAdminPageForm):
    """Column form: a unit editor may edit a column's text, not add or rename columns (C2)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "feature" in self.fields:  # the functions apps register; a key saved earlier stays selectable
            choices = feature_choices()
            current = self.initial.get("feature")
            if current and current not in dict(choices):
                choices.append((current, current))
            self.fields["feature"] = forms.ChoiceField(
                label=_("互动功能"), choices=choices, required=False, help_text=self.fields["feature"].help_text
            )

    def clean(self):
        cleaned = super().clean()
        if can_change_structure(self.for_user):
            return cleaned
        page = self.instance
        if page.pk is None:
            raise ValidationError(_("新增栏目须由门户网站主管部门审批（C2），请提交栏目调整申请"))
        original = type(page).objects.get(pk=page.pk)
        if cleaned.get("title") != original.title or cleaned.get("slug") != original.slug:
            raise ValidationError(
                _("栏目名称和地址的变更须由门户网站主管部门审批（C2），请提交栏目调整申请")
            )
        return cleaned


class ColumnPage(RoutablePageMixin, AsciiSlugMixin, Page):
    """A column (栏目): its national type, responsible unit and person, and update period."""

    column_type = models.CharField(
        _("栏目类型"), max_length=20, choices=[(t, t) for t in COLUMN_TYPES], default="其他"
    )
    description = models.CharField(_("栏目描述"), max_length=300, blank=True)
    keywords = models.CharField(_("栏目关键词"), max_length=200, blank=True)
    responsible_unit = models.CharField(_("责任单位"), max_length=100, blank=True)
    responsible_person = models.CharField(_("栏目责任人"), max_length=50, blank=True)
    responsible_phone = models.CharField(_("责任人电话"), max_length=30, blank=True)
    update_category = models.CharField(
        _("更新要求类别"),
        max_length=20,
        choices=[
            (UpdateCategory.DYNAMICS.value, _("动态、要闻类（默认两周）")),
            (UpdateCategory.NOTICES_POLICIES.value, _("通知公告、政策文件类（默认六个月）")),
            (UpdateCategory.OTHER.value, _("其他（默认一年）")),
        ],
        default=UpdateCategory.OTHER.value,
    )
    update_days = models.PositiveSmallIntegerField(
        _("更新周期（天）"), null=True, blank=True, help_text=_("留空则使用本网站对该类别的设定")
    )
    link_url = models.URLField(
        _("链接地址"), blank=True, help_text=_("栏目直接链接到其他平台时填写，如省政务服务网")
    )
    feature = models.CharField(
        _("互动功能"),
        max_length=40,
        blank=True,
        help_text=_("栏目作为政民互动等动态功能的入口时选择，如咨询投诉、征集调查"),
    )
    is_key = models.BooleanField(_("首页重点栏目"), default=False, help_text=_("在首页直达（C7）"))
    intro = RichTextField(_("栏目说明"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("column_type"),
        FieldPanel("description"),
        FieldPanel("keywords"),
        FieldPanel("intro"),
        FieldPanel("link_url"),
        FieldPanel("feature"),
        FieldPanel("is_key"),
        MultiFieldPanel(
            [
                FieldPanel("responsible_unit"),
                FieldPanel("responsible_person"),
                FieldPanel("responsible_phone"),
                FieldPanel("update_category"),
                FieldPanel("update_days"),
            ],
            heading=_("内容保障（C3、C4）"),
        ),
    ]
    base_form_class = ColumnPageForm
    parent_page_types = ["columns.HomePage", "columns.ColumnPage", "content.TopicPage"]
    subpage_types = [
        "columns.ColumnPage",
        "content.ArticlePage",
        "content.PolicyPage",
        "content.InterpretationPage",
        "content.TopicPage",
        "opendata.DataSetPage",
        "services.ServiceCataloguePage",
        "services.ServiceGuidePage",
    ]

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")

    def clean(self) -> None:
        super().clean()
        refuse_placeholder(title=self.title, description=self.description, intro=self.intro)
        if not self.update_category:
            self.update_category = update_category_for(self.column_type, self.title)

    def effective_update_days(self) -> int:
        """The column's own period, or its site's period for the column's category (C4)."""
        if self.update_days:
            return self.update_days
        site = self.get_site()
        record = getattr(site, "record", None) if site else None
        if record is None:
            from .rules import DEFAULT_UPDATE_DAYS

            return DEFAULT_UPDATE_DAYS[UpdateCategory(self.update_category)]
        return record.update_days_for(self.update_category)

    def entry_url(self) -> str | None:
        """Where a link or function column leads instead of a listing of its own."""
        if self.link_url:
            return self.link_url
        feature = get_feature(self.feature)
        return feature.url() if feature else None

    def serve(self, request, *args, **kwargs):
        """A column with no live content is not shown (C5); a link or function column redirects."""
        tree = ColumnTree.for_request(request, self.get_site().root_page)
        entry = self.entry_url()
        if entry and tree.is_live(self):
            return HttpResponseRedirect(entry)
        if not tree.is_live(self) or self.feature:
            raise Http404(_("该栏目暂无内容"))
        return super().serve(request, *args, **kwargs)

    def items_oldest_first(self):
        """Every live item below this column, oldest first: the order archive pages count in."""
        from govsite.content.models import ContentPage

        return ContentPage.objects.live().descendant_of(self).order_by("published_at", "pk")

    def listing(self) -> ColumnListing:
        """What the listing shows: own items and library items fed in from other sites (P10)."""
        from govsite.library.feeds import ColumnListing

        return ColumnListing(self)

    @route(r"^$")
    def index_view(self, request):
        listing = self.listing()
        return self.render_listing(request, ListingWindow.index(listing.count()), listing)

    @route(r"^p/(\d+)/$")
    def archive_view(self, request, number):
        listing = self.listing()
        window = ListingWindow.archive(int(number), listing.count())
        if window is None:
            raise Http404(_("没有这一页"))
        return self.render_listing(request, window, listing, number=int(number))

    def get_sitemap_urls(self, request=None):
        """Empty and link columns are no pages of this site (C5)."""
        root = self.get_site().root_page
        tree = ColumnTree.for_request(request, root) if request is not None else ColumnTree(root)
        if self.link_url or self.feature or not tree.is_live(self):
            return []
        return super().get_sitemap_urls(request)

    def timely_items(self):
        """Items that count for timeliness: archived pages leave the scoring (S7)."""
        return self.items_oldest_first().filter(archived_at__isnull=True)

    def archived_topics(self):
        """Finished special topics below this column: the topic archive (S7)."""
        from govsite.content.models import TopicPage

        return TopicPage.objects.live().descendant_of(self).filter(archived_at__isnull=False).order_by("-archived_at")

    def entries(self):
        """Live public pages directly below that are neither columns nor items, such as a service catalogue
        (V3): the column's index page leads to them."""
        from govsite.content.models import ContentPage

        return self.get_children().live().public().not_type(ColumnPage, ContentPage).specific()

    def render_listing(self, request, window: ListingWindow, listing: ColumnListing, number: int | None = None):
        items = listing.items(window.start, window.stop)[::-1]
        tree = ColumnTree.for_request(request, self.get_site().root_page)
        return self.render(request, context_overrides={
            "items": items, "window": window, "archive_number": number, "sub_columns": tree.children(self),
            "entries": list(self.entries()) if number is None else [],
            "archived_topics": list(self.archived_topics()) if number is None else [],
        })


class ColumnChangeRequest(models.Model):
    """A unit's request to add, rename, move or delete a column, decided by the portal office (C2)."""

    class Kind(models.TextChoices):
        ADD = "add", _("新增栏目")
        RENAME = "rename", _("栏目更名")
        MOVE = "move", _("调整栏目位置")
        DELETE = "delete", _("撤销栏目")

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准并实施")
        REJECTED = "rejected", _("已驳回")

    kind = models.CharField(_("调整类型"), max_length=10, choices=Kind.choices)
    column = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("栏目"),
        help_text=_("更名、调整位置或撤销的栏目"),
    )
    parent = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("上级栏目"),
        help_text=_("新增栏目或调整位置后所在的上级栏目（或网站首页）"),
    )
    column_title = models.CharField(_("原栏目名称"), max_length=255, blank=True, editable=False)
    new_title = models.CharField(_("新栏目名称"), max_length=100, blank=True)
    column_type = models.CharField(
        _("栏目类型"), max_length=20, choices=[(t, t) for t in COLUMN_TYPES], blank=True
    )
    reason = models.TextField(_("申请理由"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("申请人"),
    )
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("审批人"),
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)
    result_page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("实施结果"),
    )

    class Meta:
        verbose_name = _("栏目调整申请")
        verbose_name_plural = _("栏目调整申请")
        ordering = ["-requested_at"]
        permissions = [("change_column_structure", "可直接调整栏目结构并审批栏目调整申请")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.column_title or self.new_title}"

    def save(self, *args, **kwargs) -> None:
        if self.column_id and not self.column_title:
            self.column_title = self.column.title
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """Each kind of change needs its own fields, named in the message."""
        errors = {}
        if self.kind in (self.Kind.RENAME, self.Kind.MOVE, self.Kind.DELETE) and not self.column_id:
            errors["column"] = _("请选择要调整的栏目")
        elif self.column_id and not isinstance(self.column.specific, ColumnPage):
            errors["column"] = _("只能调整栏目，不能调整信息或首页")
        if self.kind in (self.Kind.ADD, self.Kind.RENAME) and not self.new_title.strip():
            errors["new_title"] = _("请填写新栏目名称")
        if self.kind in (self.Kind.ADD, self.Kind.MOVE) and not self.parent_id:
            errors["parent"] = _("请选择上级栏目")
        if self.kind == self.Kind.ADD and not self.column_type:
            errors["column_type"] = _("请选择栏目类型")
        if self.parent_id and not isinstance(
            self.parent.specific, ColumnPage | HomePage
        ):
            errors["parent"] = _("上级只能是栏目或网站首页")
        if self.kind == self.Kind.MOVE and self.column_id and self.parent_id and (
            self.parent.pk == self.column.pk or self.parent.is_descendant_of(self.column)
        ):
            errors["parent"] = _("不能把栏目移动到它自己或它的下级栏目之下")
        if self.new_title:
            phrase = find_placeholder(self.new_title)
            if phrase:
                errors["new_title"] = _("栏目名称不得含有“%(p)s”（C5）") % {"p": phrase}
        if errors:
            raise ValidationError(errors)

    def approve(self, user, note: str = "") -> Page | None:
        """Carry out the change as the portal office decided, in one transaction (C2)."""
        self._check_decider(user)
        with transaction.atomic():
            result = self._apply(user)
            self.status = self.Status.APPROVED
            self._decide(user, note, result)
        return result

    def reject(self, user, note: str) -> None:
        """Refuse the request; the reason is required and shown to the requester."""
        self._check_decider(user)
        if not note.strip():
            raise ValidationError({"decision_note": _("驳回须填写理由")})
        self.status = self.Status.REJECTED
        self._decide(user, note, None)

    def _check_decider(self, user) -> None:
        if not can_change_structure(user):
            raise PermissionDenied(_("只有门户网站主管部门可以审批栏目调整（C2）"))
        if self.status != self.Status.PENDING:
            raise ValidationError(_("该申请已处理，不能重复审批"))

    def _decide(self, user, note: str, result: Page | None) -> None:
        self.decided_by = user
        self.decided_at = timezone.now()
        self.decision_note = note
        self.result_page = result
        self.save()

    def _apply(self, user) -> Page | None:
        if self.kind == self.Kind.ADD:
            column = ColumnPage(
                title=self.new_title,
                column_type=self.column_type,
                update_category=update_category_for(self.column_type, self.new_title),
            )
            self.parent.add_child(instance=column)
            column.save_revision(user=user).publish(user=user, skip_permission_checks=True)  # approved under C2
            return column
        column = self.column.specific
        if self.kind == self.Kind.RENAME:
            column.title = self.new_title
            column.save_revision(user=user).publish(user=user, skip_permission_checks=True)  # approved under C2
        elif self.kind == self.Kind.MOVE:
            MovePageAction(column, self.parent, pos="last-child", user=user).execute(skip_permission_checks=True)
        else:
            self.column = None
            DeletePageAction(column, user=user).execute(skip_permission_checks=True)
            return None
        return column
