"""Open data sets (P12) and the statistics charts drawn from them (P13).

A data set is a content page, so it is reviewed, published and exported like any item. Its rows are stored
normalised as JSON on the page itself: they travel with every revision, so reviewers see (in the preview)
exactly the data that will be published, and publishing the revision swaps metadata and data in one step.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from govsite.content.models import ContentPage

from . import rules
from .forms import DataSetPageForm

DATA_COLUMN_TYPES = ("数据开放", "数据发布")
THEMES = (
    "综合政务", "经济发展", "财税金融", "人口与就业", "教育文化", "医疗卫生", "社会保障", "城乡建设",
    "交通运输", "资源环境", "农业农村", "公共安全", "市场监管", "其他",
)
FREQUENCIES = ("实时", "每日", "每周", "每月", "每季度", "每半年", "每年", "不定期")
DEFAULT_LICENCE = "本数据集可免费获取和使用，使用时请注明数据来源；不得用于违法用途，不得歪曲数据原意。"


class DataSetPage(ContentPage):
    """One data set: metadata (title, summary as its description, keywords), field dictionary and rows."""

    class OpenCondition(models.TextChoices):
        UNCONDITIONAL = "unconditional", _("无条件开放")
        CONDITIONAL = "conditional", _("有条件开放")

    class ChartType(models.TextChoices):
        NONE = "", _("不显示图表")
        BAR = "bar", _("柱状图")
        LINE = "line", _("折线图")

    theme = models.CharField(_("主题分类"), max_length=20, choices=[(t, t) for t in THEMES], default="综合政务")
    provider = models.CharField(_("数据提供单位"), max_length=100)
    update_frequency = models.CharField(
        _("更新频率"), max_length=10, choices=[(f, f) for f in FREQUENCIES], default="每年"
    )
    time_coverage = models.CharField(_("时间范围"), max_length=100, blank=True, help_text=_("如 2016—2025年"))
    area_coverage = models.CharField(_("空间范围"), max_length=100, blank=True, help_text=_("如 弥勒市全市"))
    open_condition = models.CharField(
        _("开放属性"), max_length=20, choices=OpenCondition.choices, default=OpenCondition.UNCONDITIONAL
    )
    conditions = models.TextField(
        _("开放条件与申请方式"), blank=True, help_text=_("有条件开放的数据集只公开目录信息，数据须按此申请获取")
    )
    licence = models.TextField(_("使用条款"), default=DEFAULT_LICENCE)
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)
    data_updated_at = models.DateField(
        _("数据更新日期"), null=True, blank=True, help_text=_("上传新数据文件时自动填为当天")
    )
    rows = models.JSONField(_("数据"), default=list, blank=True, editable=False)
    row_count = models.PositiveIntegerField(_("数据行数"), default=0, editable=False)
    chart_type = models.CharField(
        _("统计图表"), max_length=10, choices=ChartType.choices, blank=True, default=ChartType.NONE
    )
    chart_category = models.CharField(
        _("分类字段"), max_length=50, blank=True, help_text=_("图表横轴，如“年份”")
    )
    chart_values = models.CharField(
        _("数值字段"), max_length=300, blank=True, help_text=_("一个或多个数值字段，用顿号或逗号分隔")
    )
    chart_unit = models.CharField(_("图表单位"), max_length=20, blank=True, help_text=_("如 万人、亿元"))

    content_panels = [
        *ContentPage.content_panels[:3],
        FieldPanel("summary", heading=_("数据集描述")),
        FieldPanel("keywords"),
        MultiFieldPanel(
            [
                FieldPanel("theme"),
                FieldPanel("provider"),
                FieldPanel("update_frequency"),
                FieldPanel("time_coverage"),
                FieldPanel("area_coverage"),
                FieldPanel("open_condition"),
                FieldPanel("conditions"),
                FieldPanel("licence"),
                FieldPanel("contact"),
                FieldPanel("data_updated_at"),
            ],
            heading=_("数据集信息"),
        ),
        InlinePanel("data_fields", label=_("字段说明"), min_num=1),
        FieldPanel("data_file"),
        MultiFieldPanel(
            [FieldPanel("chart_type"), FieldPanel("chart_category"), FieldPanel("chart_values"),
             FieldPanel("chart_unit")],
            heading=_("统计图表（P13）"),
        ),
        FieldPanel("body", heading=_("数据说明")),
        InlinePanel("attachments", label=_("附件")),
    ]
    base_form_class = DataSetPageForm
    parent_page_types = ["columns.ColumnPage"]
    template = "opendata/data_set_page.html"

    class Meta:
        verbose_name = _("开放数据集")
        verbose_name_plural = _("开放数据集")

    @classmethod
    def can_create_at(cls, parent) -> bool:
        """Only in a column of the national types 数据开放 or 数据发布 (e.g. 统计信息)."""
        return super().can_create_at(parent) and getattr(parent.specific, "column_type", "") in DATA_COLUMN_TYPES

    @property
    def is_open(self) -> bool:
        """Unconditionally open sets publish their rows; conditional ones only their catalogue entry."""
        return self.open_condition == self.OpenCondition.UNCONDITIONAL

    def field_specs(self) -> list[rules.FieldSpec]:
        return [f.spec() for f in self.data_fields.all()]

    def chart_value_names(self) -> list[str]:
        return rules.split_names(self.chart_values)

    def get_context(self, request, *args, **kwargs):
        from .presentation import data_set_context

        context = super().get_context(request, *args, **kwargs)
        context.update(data_set_context(self))
        return context


class DataSetField(Orderable):
    """One entry of the field dictionary: the name in the file's header row, its type, unit and meaning."""

    page = ParentalKey(DataSetPage, on_delete=models.CASCADE, related_name="data_fields")
    name = models.CharField(_("字段名称"), max_length=50)
    field_type = models.CharField(
        _("类型"), max_length=10, choices=[(t.value, label) for t, label in rules.FIELD_TYPE_LABELS.items()],
        default=rules.FieldType.TEXT.value,
    )
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("field_type"), FieldPanel("unit"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("字段")
        verbose_name_plural = _("字段说明")

    def spec(self) -> rules.FieldSpec:
        return rules.FieldSpec(self.name, rules.FieldType(self.field_type), self.unit, self.description)
