"""Demo open data of 弥勒市 (P12, P13): population, GDP and budget statistics with charts on the portal,
and a school list on the education bureau's site. The figures are illustrative, not official statistics.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from govsite.columns.models import ColumnPage

from .models import DataSetField, DataSetPage

if TYPE_CHECKING:
    from govsite.registry.models import SiteRecord

YEARS = list(range(2016, 2026))
POPULATION = [53.9, 54.3, 54.8, 55.2, 55.6, 55.9, 56.3, 56.8, 57.1, 57.5]
GDP = [(38.2, 98.5, 141.3), (40.1, 106.7, 156.2), (42.3, 118.9, 170.4), (45.0, 131.2, 188.6),
       (47.8, 136.5, 197.3), (50.6, 149.8, 215.9), (52.9, 158.1, 228.4), (55.3, 166.7, 243.0),
       (57.8, 175.2, 258.9), (60.1, 183.6, 273.5)]
BUDGET = [(21.3, 48.6), (22.1, 51.2), (23.8, 55.9), (24.5, 60.3), (23.9, 63.8), (25.6, 64.1),
          (24.8, 66.7), (26.9, 68.2), (27.7, 70.5), (28.6, 72.9)]
SCHOOLS = [
    ("弥勒市第一中学", "普通高中", "弥阳街道", 3860, "1938-09-01"),
    ("弥勒市第二中学", "普通高中", "弥阳街道", 2950, "1958-09-01"),
    ("弥勒市弥阳第一小学", "小学", "弥阳街道", 2210, "1952-09-01"),
    ("弥勒市朋普镇中学", "初级中学", "朋普镇", 1340, "1965-09-01"),
    ("弥勒市竹园镇中心小学", "小学", "竹园镇", 1120, "1956-09-01"),
    ("弥勒市虹溪镇中心幼儿园", "幼儿园", "虹溪镇", 420, "1985-09-01"),
    ("弥勒市职业教育中心", "中等职业学校", "弥阳街道", 2680, "1984-09-01"),
]
YEAR_FIELD = ("年份", "integer", "", "统计年度")

# (title, summary, theme, provider, keywords, fields, rows, chart (type, values, unit) or None)
PORTAL_SETS = (
    ("年末常住人口", "2016—2025年全市年末常住人口。", "人口与就业", "弥勒市统计局", "人口,常住人口,统计",
     (YEAR_FIELD, ("年末常住人口", "decimal", "万人", "年末全市常住人口数")),
     [[y, p] for y, p in zip(YEARS, POPULATION, strict=True)], ("line", "年末常住人口", "万人")),
    ("地区生产总值", "2016—2025年全市地区生产总值，按三次产业分列。", "经济发展", "弥勒市统计局",
     "地区生产总值,GDP,经济",
     (YEAR_FIELD, ("第一产业增加值", "decimal", "亿元", ""), ("第二产业增加值", "decimal", "亿元", ""),
      ("第三产业增加值", "decimal", "亿元", "")),
     [[y, *g] for y, g in zip(YEARS, GDP, strict=True)],
     ("bar", "第一产业增加值、第二产业增加值、第三产业增加值", "亿元")),
    ("一般公共预算收支", "2016—2025年全市一般公共预算收入和支出决算数。", "财税金融", "弥勒市财政局",
     "财政,预算,决算",
     (YEAR_FIELD, ("一般公共预算收入", "decimal", "亿元", ""), ("一般公共预算支出", "decimal", "亿元", "")),
     [[y, *b] for y, b in zip(YEARS, BUDGET, strict=True)], ("bar", "一般公共预算收入、一般公共预算支出", "亿元")),
)
SCHOOL_SET = (
    "学校名录", "全市各级各类学校名称、类别、所在乡镇（街道）、在校生数和建校日期。", "教育文化", "弥勒市教育体育局",
    "学校,教育", (("学校名称", "text", "", ""), ("学校类别", "text", "", ""), ("所在乡镇（街道）", "text", "", ""),
                  ("在校生数", "integer", "人", "本学年在校学生人数"), ("建校日期", "date", "", "")),
    [list(s) for s in SCHOOLS], None,
)


def _column(record: SiteRecord, title: str) -> ColumnPage:
    return ColumnPage.objects.descendant_of(record.site.root_page).get(title=title)


def _publish(column: ColumnPage, spec: tuple, when: dt.datetime) -> DataSetPage:
    title, summary, theme, provider, keywords, fields, rows, chart = spec
    chart_type, values, unit = chart or ("", "", "")
    page = DataSetPage(
        title=title, summary=summary, theme=theme, provider=provider, keywords=keywords, published_at=when,
        source=provider, update_frequency="每年", time_coverage="2016—2025年", area_coverage="弥勒市全市",
        contact=f"{provider}办公室 0873-6123000", data_updated_at=when.date(), rows=rows, row_count=len(rows),
        chart_type=chart_type, chart_category=fields[0][0] if chart else "", chart_values=values, chart_unit=unit,
    )
    for order, (name, kind, field_unit, description) in enumerate(fields):
        page.data_fields.add(DataSetField(name=name, field_type=kind, unit=field_unit, description=description,
                                          sort_order=order))
    column.add_child(instance=page)
    page.save_revision().publish()
    DataSetPage.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    return page


def load_demo(records: dict[str, SiteRecord], now: dt.datetime) -> int:
    """Publish the demo data sets and a 数据开放 column leading to the portal's catalogue; how many sets."""
    when = timezone.make_aware(now) if timezone.is_naive(now) else now
    portal = records["portal"]
    for offset, spec in enumerate(PORTAL_SETS):
        _publish(_column(portal, "统计信息"), spec, when - dt.timedelta(days=30 + offset))
    _column(portal, "政务公开").add_child(instance=ColumnPage(
        title="数据开放", slug="sjkf", column_type="数据开放", feature="opendata",
        description="政府数据开放目录，数据集可下载 CSV、XLSX、JSON 格式",
    ))
    _publish(_column(records["jtj"], "统计信息"), SCHOOL_SET, when - dt.timedelta(days=12))
    return len(PORTAL_SETS) + 1
