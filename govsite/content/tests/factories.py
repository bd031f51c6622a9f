"""Publishing test content the way editors do: a revision, then publish."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage, InterpretationPage, PolicyPage


def column_of(record, title: str) -> ColumnPage:
    return ColumnPage.objects.descendant_of(record.site.root_page).get(title=title)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def article(parent, title: str, *, days_ago: float = 1, **extra) -> ArticlePage:
    when = timezone.now() - dt.timedelta(days=days_ago)
    return publish(
        parent,
        ArticlePage(title=title, published_at=when, source="测试市人民政府办公室",
                    body="<p>正文内容。</p>", **extra),
    )


def policy(parent, title: str, **extra) -> PolicyPage:
    return publish(
        parent,
        PolicyPage(**{"title": title, "issuing_authority": "测试市人民政府", "document_number": "测政发〔2026〕3号",
                      "written_date": dt.date(2026, 3, 1), "index_number": "532504/2026-00003",
                      "topic_category": "综合政务", "body": "<p>第一条 为了……</p>", **extra}),
    )


def interpretation(parent, title: str, of: PolicyPage, **extra) -> InterpretationPage:
    return publish(parent, InterpretationPage(title=title, policy=of, form="chart", **extra))
