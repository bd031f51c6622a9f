"""What the public sees of a data set: its catalogue entry, downloads, preview and chart (P12, P13)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.safestring import mark_safe

from govsite.core import charts

from .formats import field_dicts
from .rules import Value

PREVIEW_ROWS = 50
FORMATS = ("csv", "json", "xlsx")


def download_urls(page) -> dict[str, str]:
    """Only unconditionally open sets can be downloaded (有条件开放: catalogue entry only)."""
    if not page.is_open:
        return {}
    return {fmt: reverse("opendata:download", kwargs={"pk": page.pk, "fmt": fmt}) for fmt in FORMATS}


def metadata(page, site_hostname: str) -> dict:
    """The catalogue entry, with stable English keys and Chinese values (docs/opendata.md)."""
    return {
        "id": page.pk,
        "title": page.title,
        "description": page.summary,
        "site": site_hostname,
        "unit": page.provider,
        "theme": page.theme,
        "keywords": [k for k in page.keywords.replace("，", ",").split(",") if k.strip()],
        "update_frequency": page.update_frequency,
        "time_coverage": page.time_coverage,
        "area_coverage": page.area_coverage,
        "open_condition": page.get_open_condition_display(),
        "conditions": page.conditions,
        "licence": page.licence,
        "contact": page.contact,
        "created": page.first_published_at.date().isoformat() if page.first_published_at else None,
        "updated": page.data_updated_at.isoformat() if page.data_updated_at else None,
        "published_at": page.published_at.isoformat(),
        "row_count": page.row_count,
        "url": page.full_url,
        "downloads": download_urls(page),
    }


def _chart_rows(page, specs, names: list[str]) -> tuple[list[str], list[list[float]]]:
    """Rows with a category and every chart value present; a gap in the data is no zero on the chart."""
    index = {f.name: i for i, f in enumerate(specs)}
    labels, table = [], []
    for row in page.rows:
        category = row[index[page.chart_category]]
        values: list[Value] = [row[index[n]] for n in names]
        if category is None or any(v is None for v in values):
            continue
        labels.append(str(category))
        table.append([float(v) for v in values])
    return labels, table


def chart(page, specs) -> dict | None:
    """The declared chart as SVG markup, with the same figures as a table for everyone who cannot see it;
    `specs` are the page's field specs, read once by the caller."""
    names = page.chart_value_names()
    fields = {f.name for f in specs}
    if not page.chart_type or not page.is_open or page.chart_category not in fields or not set(names) <= fields:
        return None
    labels, table = _chart_rows(page, specs, names)
    series = [charts.Series(name, [r[i] for r in table]) for i, name in enumerate(names)]
    draw = charts.bar_chart if page.chart_type == "bar" else charts.line_chart
    svg = draw(page.title, labels, series, unit=page.chart_unit)
    return {
        "svg": mark_safe(svg),  # noqa: S308 - the chart module escapes every text it writes
        "header": [page.chart_category, *names],
        "rows": [[label, *(charts.format_value(v) for v in values)] for label, values in zip(labels, table, strict=True)],
        "unit": page.chart_unit,
    }


def data_set_context(page) -> dict:
    specs = page.field_specs()
    return {
        "field_list": field_dicts(specs),
        "preview_rows": page.rows[:PREVIEW_ROWS] if page.is_open else [],
        "downloads": download_urls(page),
        "chart": chart(page, specs),
    }
