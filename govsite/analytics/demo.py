"""Demo visit statistics: about 120 days of plausible page views and visitors for every demo site.

Weekdays busier than weekends, the home page and news columns busiest, and 发改局's 领导信息 kept under
the C6 threshold for months, so 低访问量栏目 has something to show.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.utils import timezone
from wagtail.models import Page

from govsite.columns.models import ColumnPage

from .counting import roll_up
from .models import ColumnVisitDay, PageVisitDay, SiteVisitDay

if TYPE_CHECKING:
    from govsite.registry.models import SiteRecord

DAYS = 120
LOW_COLUMN = ("fgj", "领导信息")
DAILY_VIEWS = {"portal": 1800}  # other sites: DEPARTMENT_VIEWS
DEPARTMENT_VIEWS = 260
TOP_CONTENT = 20  # content pages given their own daily rows; the others share their column's
VISITOR_SHARE = 0.42


def load_demo(records: dict[str, SiteRecord], now: dt.datetime) -> None:
    """Aggregates only (the per-visitor marks of real counting are never kept for past days)."""
    today = timezone.localdate(now) if timezone.is_aware(now) else now.date()
    rng = random.Random(20260120)
    opened = timezone.now() - dt.timedelta(days=DAYS + 30)
    sites, pages, column_days = [], [], []
    for key, record in records.items():
        root = record.site.root_page
        # The demo sites "opened" before the statistics began, so the C6 rule may judge their columns.
        ColumnPage.objects.descendant_of(root).update(first_published_at=opened)
        weights = _weights(root, LOW_COLUMN[1] if key == LOW_COLUMN[0] else None)
        columns = [page for page, _share in weights if isinstance(page, ColumnPage)]
        for n in range(DAYS, -1, -1):
            day = today - dt.timedelta(days=n)
            volume = DAILY_VIEWS.get(key, DEPARTMENT_VIEWS) * (0.55 if day.weekday() >= 5 else 1) * rng.uniform(.8, 1.2)
            rows = [(page, max(0, round(volume * share * rng.uniform(.6, 1.4)))) for page, share in weights]
            rows = [(page, views) for page, views in rows if views]
            pages += [PageVisitDay(record=record, day=day, page_id=page.pk, path=page.path, views=views,
                                   visitors=max(1, round(views * VISITOR_SHARE))) for page, views in rows]
            rolled = roll_up({page.path: views for page, views in rows}, [c.path for c in columns])
            column_days += [ColumnVisitDay(record=record, day=day, column_id=c.pk,
                                           visitors=round(rolled[c.path] * VISITOR_SHARE))
                            for c in columns if rolled[c.path]]
            total = sum(views for _page, views in rows)
            sites.append(SiteVisitDay(record=record, day=day, views=total, visitors=round(total * VISITOR_SHARE)))
    SiteVisitDay.objects.bulk_create(sites, batch_size=2000)
    PageVisitDay.objects.bulk_create(pages, batch_size=2000)
    ColumnVisitDay.objects.bulk_create(column_days, batch_size=2000)


def _weights(root: Page, low_title: str | None) -> list[tuple[Page, float]]:
    """Share of the site's daily views per page: home 30%, the columns 35%, the newest items 35%; the low
column and everything in it almost nothing."""
    columns = list(ColumnPage.objects.descendant_of(root).live().only("pk", "path", "title", "depth"))
    content = list(Page.objects.descendant_of(root).live().not_type(ColumnPage).order_by("-last_published_at")
                   .only("pk", "path")[:TOP_CONTENT])
    low = next((c.path for c in columns if c.title == low_title and c.depth == root.depth + 1), None)

    def share(page: Page, normal: float) -> float:
        return 0.0005 if low and page.path.startswith(low) else normal

    return [(root, 0.3), *((c, share(c, 0.35 / len(columns))) for c in columns),
            *((p, share(p, 0.35 / len(content))) for p in content)]
