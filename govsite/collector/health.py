"""When a source has broken (G1): it finds nothing where it found items before, or its detail pages no longer
carry the SiteName/ColumnName they should (the upstream moved the column or changed its templates); no
Django import. Such a source raises an alert instead of failing silently."""

from __future__ import annotations

from collections.abc import Mapping


def nothing_found(found_now: int, found_before: int) -> str | None:
    """A list that yielded items last time and none now: the selectors no longer fit the layout."""
    if found_now == 0 and found_before > 0:
        return f"列表页未找到任何信息（上次采集找到 {found_before} 条），页面结构可能已改版，请检查选择器"
    return None


def meta_mismatch(meta: Mapping[str, str], site_name: str, column_name: str) -> str | None:
    """The first expected meta tag (SiteName, ColumnName) a detail page lacks or has with another value."""
    for tag, expected in (("SiteName", site_name), ("ColumnName", column_name)):
        actual = meta.get(tag, "")
        if expected and actual != expected:
            shown = f"“{actual}”" if actual else "缺失"
            return f"详情页元数据 {tag} 应为“{expected}”，实际为{shown}，采集源可能已迁移或改版"
    return None
