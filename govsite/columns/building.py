"""Building a site's column tree from a template (C1)."""

from __future__ import annotations

from django.utils import timezone
from wagtail.models import Page

from .models import ColumnPage
from .rules import ColumnSpec


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
            column_type=spec.column_type,
            description=spec.description.format(city=city),
            update_category=spec.update_category.value,
            link_url=spec.link_url,
            feature=spec.feature,
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
