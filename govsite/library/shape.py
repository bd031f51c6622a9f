"""The library's canonical item JSON and the write API's input rules (P10, G2; 003 §31-32); no Django import.

One shape for every item whichever site shows it ("统一分类、统一元数据、统一格式"): the national page tags,
the disclosure fields when the item is in the catalogue, its classification and its site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

# The national page tags the library keeps (国办发〔2017〕47号), in the order the standard lists them.
TAG_NAMES = ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "ArticleTitle", "PubDate",
             "ContentSource", "Keywords", "Author", "Description", "Image", "Url")
REQUIRED_TAGS = ("SiteName", "SiteDomain", "SiteIDCode", "ArticleTitle", "PubDate", "Url")
DISCLOSURE_FIELDS = ("index_number", "publisher", "topic", "document_number", "written_date")
MAX_TITLE, MAX_SOURCE, MAX_BODY = 255, 100, 200_000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SubmissionError(ValueError):
    """Input the write API refuses, with the Chinese message the caller gets back."""


@dataclass(frozen=True)
class Submission:
    """An item an external system pushes into review (G2)."""

    title: str
    body: str
    column: int | str
    source: str
    date: date | None


def item_document(tags: Mapping[str, str], disclosure: Mapping[str, str] | None, **facts) -> dict:
    """The canonical JSON of one item: `facts` are id, kind, url, live and updated_at."""
    return {**facts, "metadata": {name: tags.get(name, "") for name in TAG_NAMES},
            "disclosure": {name: disclosure.get(name, "") for name in DISCLOSURE_FIELDS} if disclosure else None}


def problems(document: Mapping) -> list[str]:
    """What makes a stored item document unusable for a puller: missing tags or a malformed disclosure part."""
    metadata = document.get("metadata") or {}
    found = [f"缺少元数据 {name}" for name in REQUIRED_TAGS if not metadata.get(name)]
    disclosure = document.get("disclosure")
    if disclosure is not None and not disclosure.get("index_number"):
        found.append("信息公开条目缺少索引号")
    return found


def _text(data: Mapping, key: str, label: str, limit: int, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise SubmissionError(f"“{label}”必须是文本")
    value = value.strip()
    if required and not value:
        raise SubmissionError(f"缺少“{label}”")
    if len(value) > limit:
        raise SubmissionError(f"“{label}”不能超过 {limit} 个字符")
    return value


def _column(data: Mapping) -> int | str:
    value = data.get("column")
    if isinstance(value, bool) or not isinstance(value, int | str) or value in ("", 0):
        raise SubmissionError("缺少“栏目”（栏目编号或栏目路径）")
    return value


def _date(data: Mapping) -> date | None:
    value = data.get("date") or ""
    if not value:
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise SubmissionError("“发布日期”格式应为 YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SubmissionError("“发布日期”不是有效日期") from None


def parse_submission(raw: bytes) -> Submission:
    """The write API's request body read as an item, or a SubmissionError saying what is wrong."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SubmissionError("请求内容不是有效的 UTF-8 JSON") from None
    if not isinstance(data, dict):
        raise SubmissionError("请求内容应为 JSON 对象")
    return Submission(title=_text(data, "title", "标题", MAX_TITLE), body=_text(data, "body", "正文", MAX_BODY),
                      column=_column(data), source=_text(data, "source", "信息来源", MAX_SOURCE, required=False),
                      date=_date(data))


def parse_since(value: str) -> datetime | None:
    """The `since` filter: an ISO date or date-time; None when absent, SubmissionError when unreadable."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace(" ", "+") if "T" in value else value)
    except ValueError:
        raise SubmissionError("since 参数应为 ISO 8601 日期或时间，如 2026-03-01T08:00:00+08:00") from None


def parse_page_number(value: str) -> int:
    """The `page` parameter: a positive whole number, 1 when absent."""
    if not value:
        return 1
    if not value.isdigit() or int(value) < 1:
        raise SubmissionError("page 参数应为正整数")
    return int(value)
