"""Building a site's column tree from a template (C1)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin
from wagtail.models import Page

from .models import ColumnPage
from .rules import ColumnSpec


def slug_for(title: str) -> str:
    """An ASCII address for a Chinese column name: its pinyin initials (政务要闻 → zwyw)."""
    initials = "".join(lazy_pinyin(title, style=Style.FIRST_LETTER, errors="ignore"))
    return slugify(initials) or "lm"


def unique_child_slug(parent: Page, title: str) -> str:
    """A slug not yet used by a sibling under `parent`."""
    base = slug_for(title)
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}{n}", n + 1
    return slug


def build_columns(
    parent: Page, specs: tuple[ColumnSpec, ...], *, city: str, unit: str, user=None
) -> list[ColumnPage]:
    """Create every column of `specs` under `parent`, live; returns them parents first."""
    created: list[ColumnPage] = []
    now = timezone.now()
    for spec in specs:
        title = spec.title.format(city=city)
        column = ColumnPage(
            title=title,
            slug=unique_child_slug(parent, title),
            column_type=spec.column_type,
            description=spec.description.format(city=city),
            update_category=spec.update_category.value,
            link_url=spec.link_url,
            is_key=spec.key,
            responsible_unit=unit,
            owner=user,
            first_published_at=now,
            last_published_at=now,
        )
        # A new, empty column is published as created; edits later go through revisions.
        parent.add_child(instance=column)
        created.append(column)
        created.extend(build_columns(column, spec.children, city=city, unit=unit, user=user))
    return created
