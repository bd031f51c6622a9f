"""Service guides (办事指南) and the catalogue that groups them (V1-V3), and the monthly case statistics (R1)."""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from govsite.content.models import ContentPage
from govsite.core.slugs import AsciiSlugMixin

from .completeness import GuideFacts, MaterialFacts, guide_state
from .panels import GuideCompletenessPanel

PROVINCIAL_PLATFORM = "https://zwfw.yn.gov.cn/"


class UserType(models.TextChoices):
    """Who a matter serves (V3, 004 §17: 公众、企业和社会团体)."""

    PERSON = "person", _("自然人")
    LEGAL = "legal", _("法人")


class Theme(models.TextChoices):
    """The themes of 004 §17."""

    EDUCATION = "education", _("教育")
    MEDICAL = "medical", _("医疗")
    SOCIAL_SECURITY = "social_security", _("社会保障")
    JOBS = "jobs", _("就业")
    HOUSING = "housing", _("住房")
    TRANSPORT = "transport", _("交通")
    CERTIFICATES = "certificates", _("证件办理")
    BUSINESS_START = "business_start", _("企业开办")
    QUALIFICATION = "qualification", _("资质认证")
    MARRIAGE = "marriage", _("婚育收养")
    TAX = "tax", _("经营纳税")
    UTILITIES = "utilities", _("公用事业")
    OTHER = "other", _("其他")


class MatterType(models.TextChoices):
    LICENSE = "license", _("行政许可")
    CONFIRMATION = "confirmation", _("行政确认")
    PAYMENT = "payment", _("行政给付")
    REWARD = "reward", _("行政奖励")
    RULING = "ruling", _("行政裁决")
    OTHER_POWER = "other_power", _("其他行政权力")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class ServiceGuideForm(WagtailAdminPageForm):
    """User types and themes are ticked from the fixed lists of 004 §17."""

    user_types = forms.MultipleChoiceField(
        label=_("服务对象"), choices=UserType.choices, widget=forms.CheckboxSelectMultiple
    )
    themes = forms.MultipleChoiceField(
        label=_("服务主题"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple
    )


class ServiceGuidePage(ContentPage):
    """One matter's guide with every element of V1 and the links of V2; the title is the matter's name."""

    matter_code = models.CharField(_("事项编码"), max_length=60, blank=True)
    matter_type = models.CharField(
        _("事项类型"), max_length=20, choices=MatterType.choices, default=MatterType.PUBLIC_SERVICE
    )
    implementing_unit = models.CharField(_("办理机构"), max_length=100, blank=True)
    user_types = models.JSONField(_("服务对象"), default=list)
    themes = models.JSONField(_("服务主题"), default=list)
    basis = RichTextField(_("办理依据"), blank=True)
    conditions = RichTextField(_("受理条件"), blank=True)
    place = models.CharField(_("办理地点"), max_length=300, blank=True)
    hours = models.CharField(_("办理时间"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=60, blank=True)
    is_free = models.BooleanField(_("不收费"), default=False)
    fee_standard = models.TextField(_("收费标准"), blank=True)
    fee_basis = models.TextField(_("收费依据"), blank=True)
    statutory_days = models.PositiveSmallIntegerField(_("法定办结时限（工作日）"), null=True, blank=True)
    promised_days = models.PositiveSmallIntegerField(
        _("承诺办结时限（工作日）"), null=True, blank=True, help_text=_("即办件填 0")
    )
    online_url = models.URLField(_("网上办理地址"), blank=True)
    fully_online = models.BooleanField(_("可全程网办"), default=False)
    consultation_phone = models.CharField(_("咨询电话（咨询入口）"), max_length=60, blank=True)
    consultation_url = models.URLField(_("网上咨询入口"), blank=True)
    complaint_phone = models.CharField(_("投诉电话"), max_length=60, blank=True)
    complaint_url = models.URLField(_("网上投诉入口"), blank=True)
    supervision_phone = models.CharField(_("监督电话"), max_length=60, blank=True)
    supervision_url = models.URLField(_("监督入口"), blank=True)

    search_fields = [*ContentPage.search_fields, index.SearchField("matter_code"),
                     index.SearchField("implementing_unit")]
    content_panels = [
        *Page.content_panels,
        GuideCompletenessPanel(heading=_("办事指南要素检查")),
        MultiFieldPanel([FieldPanel("matter_code"), FieldPanel("matter_type"), FieldPanel("implementing_unit"),
                         FieldPanel("user_types"), FieldPanel("themes"), FieldPanel("published_at")],
                        heading=_("事项信息")),
        MultiFieldPanel([FieldPanel("basis"), InlinePanel("related_policies", label=_("相关政策文件"))],
                        heading=_("办理依据")),
        FieldPanel("conditions"),
        InlinePanel("materials", label=_("申请材料")),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("hours"), FieldPanel("phone")], heading=_("办理地点和时间")),
        MultiFieldPanel([FieldPanel("is_free"), FieldPanel("fee_standard"), FieldPanel("fee_basis")],
                        heading=_("收费")),
        InlinePanel("steps", label=_("办理流程")),
        FieldRowPanel([FieldPanel("statutory_days"), FieldPanel("promised_days")], heading=_("办理时限")),
        MultiFieldPanel([FieldPanel("online_url"), FieldPanel("fully_online")], heading=_("网上办理")),
        InlinePanel("faqs", label=_("常见问题")),
        MultiFieldPanel([FieldPanel("consultation_phone"), FieldPanel("consultation_url"),
                         FieldPanel("complaint_phone"), FieldPanel("complaint_url"),
                         FieldPanel("supervision_phone"), FieldPanel("supervision_url")],
                        heading=_("咨询、投诉和监督")),
        *ContentPage.content_panels[1:2],
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
    ]
    base_form_class = ServiceGuideForm
    parent_page_types = ["services.ServiceCataloguePage", "columns.ColumnPage"]
    template = "services/service_guide_page.html"

    class Meta:
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")

    def slug_base(self) -> str:
        """A guide is addressed by its matter code where it has one, not by date."""
        code = "".join(ch for ch in self.matter_code.lower() if ch.isascii() and (ch.isalnum() or ch == "-"))
        return f"bs{code}" if code else super().slug_base()

    def facts(self) -> GuideFacts:
        """The guide's elements as plain values for the completeness rule."""
        return GuideFacts(
            title=self.title, basis=strip_tags(self.basis), related_policies=len(self.related_policies.all()),
            conditions=strip_tags(self.conditions),
            materials=tuple(MaterialFacts(m.name, m.form, m.copies) for m in self.materials.all()),
            place=self.place, unit=self.implementing_unit, is_free=self.is_free, fee_standard=self.fee_standard,
            hours=self.hours, phone=self.phone, process_steps=len(self.steps.all()),
            statutory_days=self.statutory_days, promised_days=self.promised_days,
        )

    def missing_elements(self) -> list[str]:
        """The key elements the unit still has to fill in, in V1 order."""
        return guide_state(self.facts()).missing

    def user_type_labels(self) -> list[str]:
        return [str(UserType(v).label) for v in self.user_types if v in UserType.values]

    def theme_labels(self) -> list[str]:
        return [str(Theme(v).label) for v in self.themes if v in Theme.values]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policies"] = [r.policy for r in self.related_policies.all() if r.policy and r.policy.live]
        context["materials"] = self.materials.all()
        return context


class GuidePolicy(Orderable):
    """A policy the guide is based on, linked both ways by page (V2)."""

    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="related_policies")
    policy = models.ForeignKey("content.PolicyPage", on_delete=models.CASCADE, related_name="service_guides",
                               verbose_name=_("政策文件"))

    panels = [FieldPanel("policy")]


class Material(Orderable):
    """One application material with its basis, form, copies, signature rule and documents (V1)."""

    class Form(models.TextChoices):
        ORIGINAL = "original", _("原件")
        COPY = "copy", _("复印件")
        BOTH = "both", _("原件和复印件")
        ELECTRONIC = "electronic", _("电子件")

    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField(_("材料名称"), max_length=200)
    basis = models.CharField(_("材料依据"), max_length=300, blank=True)
    form = models.CharField(_("材料形式"), max_length=12, choices=Form.choices, default=Form.ORIGINAL)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1, validators=[MinValueValidator(1)])
    signature = models.CharField(_("签字盖章要求"), max_length=200, blank=True)
    required = models.BooleanField(_("必需"), default=True)
    blank_form = models.ForeignKey("wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("空白表格"))
    instructions = models.ForeignKey("wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("填写说明"))
    sample = models.ForeignKey("wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("示范样本"))

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("form"), FieldPanel("copies"), FieldPanel("required")]),
        FieldRowPanel([FieldPanel("basis"), FieldPanel("signature")]),
        FieldRowPanel([FieldPanel("blank_form"), FieldPanel("instructions"), FieldPanel("sample")]),
    ]


class ProcessStep(Orderable):
    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(_("环节"), max_length=60)
    description = models.CharField(_("环节说明"), max_length=300, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("description")])]


class Faq(Orderable):
    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("问题"), max_length=300)
    answer = models.TextField(_("解答"))

    panels = [FieldPanel("question"), FieldPanel("answer")]


class ServiceCataloguePage(AsciiSlugMixin, Page):
    """A site's service catalogue: its guides by user type and theme, its statistics, the provincial platform."""

    intro = RichTextField(_("说明"), blank=True)
    platform_name = models.CharField(_("省级政务服务平台名称"), max_length=60, default="云南政务服务网")
    platform_url = models.URLField(_("省级政务服务平台地址"), default=PROVINCIAL_PLATFORM)

    content_panels = [*Page.content_panels, FieldPanel("intro"),
                      FieldRowPanel([FieldPanel("platform_name"), FieldPanel("platform_url")])]
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = ["services.ServiceGuidePage"]
    template = "services/service_catalogue_page.html"

    class Meta:
        verbose_name = _("办事指南目录")
        verbose_name_plural = _("办事指南目录")

    def guides(self):
        """Every live guide of the site, wherever its column (a guide may sit outside the catalogue)."""
        root = self.get_site().root_page
        return ServiceGuidePage.objects.live().descendant_of(root).filter(archived_at__isnull=True).order_by(
            "path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        guides = list(self.guides())
        groups = []
        for user_type in UserType:
            by_theme: dict[str, list] = defaultdict(list)
            for guide in guides:
                if user_type.value in guide.user_types:
                    for theme in guide.themes or [Theme.OTHER.value]:
                        by_theme[theme].append(guide)
            themes = [(label, by_theme[value]) for value, label in Theme.choices if by_theme.get(value)]
            if themes:
                groups.append((user_type.label, themes))
        context["groups"] = groups
        context["statistics"] = ServiceStatistic.objects.filter(record__site=self.get_site()).order_by(
            "-year", "-month")[:12]
        return context


class ServiceStatistic(models.Model):
    """One month's case counts of a site (办件量), entered by the unit or imported from a sheet (R1)."""

    record = models.ForeignKey("registry.SiteRecord", on_delete=models.CASCADE, related_name="service_statistics",
                               verbose_name=_("网站"))
    year = models.PositiveSmallIntegerField(_("年份"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    month = models.PositiveSmallIntegerField(_("月份"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    cases_total = models.PositiveIntegerField(_("办件总量"))
    cases_person = models.PositiveIntegerField(_("自然人办件量"), default=0)
    cases_legal = models.PositiveIntegerField(_("法人办件量"), default=0)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("办事服务统计")
        verbose_name_plural = _("办事服务统计")
        ordering = ["-year", "-month"]
        constraints = [models.UniqueConstraint(fields=["record", "year", "month"], name="services_stat_month")]

    def __str__(self) -> str:
        return f"{self.record} {self.year}年{self.month}月"

    def clean(self) -> None:
        super().clean()
        from .stats_rules import split_problem

        problem = split_problem(self.cases_total, self.cases_person, self.cases_legal)
        if problem:
            raise ValidationError(problem)
