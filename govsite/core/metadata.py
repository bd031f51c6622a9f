"""The national page metadata tags every public page carries (国办发〔2017〕47号)."""

from __future__ import annotations

from django.utils import timezone


def page_meta_tags(page, record, column=None) -> list[tuple[str, str]]:
    """(name, content) pairs: site tags, column tags and, for an item, article tags."""
    tags: list[tuple[str, str]] = []
    if record is not None:
        tags += [
            ("SiteName", record.name),
            ("SiteDomain", record.domain),
            ("SiteIDCode", record.site_id_code),
        ]
    column = column or (page if hasattr(page, "column_type") else None)
    if column is not None:
        tags += [
            ("ColumnName", column.title),
            ("ColumnDescription", getattr(column, "description", "") or column.title),
            ("ColumnKeywords", getattr(column, "keywords", "") or column.title),
            ("ColumnType", column.column_type),
        ]
    if hasattr(page, "published_at"):
        tags += [
            ("ArticleTitle", page.title),
            ("PubDate", timezone.localtime(page.published_at).strftime("%Y-%m-%d %H:%M")),
            ("ContentSource", page.source or (record.sponsor if record else "")),
        ]
        if page.keywords:
            tags.append(("Keywords", page.keywords))
        if page.author:
            tags.append(("Author", page.author))
        if page.summary:
            tags.append(("Description", page.summary))
    return tags
