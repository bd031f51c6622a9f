"""What a search request asks for, read from its query string (U1). Pure Python: no Django import.

Bad input never reaches the database: each problem becomes a Chinese message the results page shows.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .segment import QueryUnit, is_single_character, query_units

MAX_QUERY_LENGTH = 100
PAGE_SIZE = 10
# Deeper pages of a relevance ranking are never read by people, only by scrapers.
MAX_PAGE = 50
ORDERS = ("relevance", "date")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class SearchParams:
    """A valid request, or the messages explaining why it is not (`errors`)."""

    text: str = ""
    units: tuple[QueryUnit, ...] = ()
    whole_platform: bool = False
    column: int | None = None
    type_label: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    order: str = "relevance"
    page: int = 1
    errors: tuple[str, ...] = field(default=())

    @property
    def words(self) -> list[str]:
        return [unit.text for unit in self.units]


def parse(query: Mapping[str, str]) -> SearchParams:
    """Read q, scope (site/all), column, type, from, to, order and page; problems become messages."""
    errors: list[str] = []
    text = " ".join((query.get("q") or "").split())
    units: list[QueryUnit] = []
    if not text:
        errors.append("请输入要搜索的词语。")
    elif len(text) > MAX_QUERY_LENGTH:
        errors.append(f"搜索词不能超过{MAX_QUERY_LENGTH}个字，请精简后再试。")
    else:
        units = query_units(text)
        if not units:
            errors.append("搜索词应包含汉字、字母或数字。")
        elif all(is_single_character(unit) for unit in units):
            errors.append("请输入至少两个字的词语，如“医保”“社保”。")
    date_from = _date(query.get("from"), "起始日期", errors)
    date_to = _date(query.get("to"), "截止日期", errors)
    if date_from and date_to and date_from > date_to:
        errors.append("起始日期不能晚于截止日期。")
    return SearchParams(
        text=text,
        units=tuple(units),
        whole_platform=query.get("scope") == "all",
        column=_positive(query.get("column")),
        type_label=(query.get("type") or "")[:100],
        date_from=date_from,
        date_to=date_to,
        order=query.get("order") if query.get("order") in ORDERS else "relevance",
        page=min(_positive(query.get("page")) or 1, MAX_PAGE),
        errors=tuple(errors),
    )


def _date(value: str | None, label: str, errors: list[str]) -> datetime.date | None:
    if not value:
        return None
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors.append(f"{label}格式不正确，应为“年-月-日”，如 2024-01-31。")
        return None


def _positive(value: str | None) -> int | None:
    """A positive whole number of at most nine digits, else None (a bad page number shows page one)."""
    return int(value) if value and value.isdigit() and len(value) <= 9 and int(value) > 0 else None
