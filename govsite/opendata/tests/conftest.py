"""Data sets for the open data tests: a published population set with a chart, built the way editors do."""

from __future__ import annotations

import pytest

from govsite.columns.models import ColumnPage
from govsite.content.tests.factories import publish
from govsite.opendata.models import DataSetField, DataSetPage

POPULATION_FIELDS = (("年份", "integer", "", ""), ("年末常住人口", "decimal", "万人", "年末常住人口数"))
POPULATION_ROWS = [[2021, 56.3], [2022, 56.9], [2023, 57.4]]


def stats_column(record) -> ColumnPage:
    """The 统计信息 column (type 数据发布) every site's disclosure catalogue has."""
    return ColumnPage.objects.descendant_of(record.site.root_page).get(title="统计信息")


def data_set(parent, title: str = "年末常住人口", *, fields=POPULATION_FIELDS, rows=POPULATION_ROWS,
             live: bool = True, **extra) -> DataSetPage:
    values = {"provider": "测试市统计局", "theme": "人口与就业", "summary": f"{title}统计数据", "keywords": "人口,统计",
              **extra}
    page = DataSetPage(title=title, rows=rows, row_count=len(rows), **values)
    for order, (name, kind, unit, description) in enumerate(fields):
        page.data_fields.add(DataSetField(name=name, field_type=kind, unit=unit, description=description,
                                          sort_order=order))
    if live:
        return publish(parent, page)
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


@pytest.fixture
def population(portal) -> DataSetPage:
    return data_set(stats_column(portal), chart_type="bar", chart_category="年份", chart_values="年末常住人口",
                    chart_unit="万人")
