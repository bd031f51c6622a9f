"""How a page type opts in to the public site search (U1): segmented search fields.

    search_fields = segmented([*Page.search_fields, index.SearchField("body"), ...])

replaces every `index.SearchField` by a `SegmentedSearchField` of the same name and boost, whose indexed value
is the text as `segment.index_text` writes it; the public search then lists the type (by its verbose name) and
filters it by date on `search_date_field` (default `first_published_at`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from wagtail.search import index

from .segment import index_text


def plain_text(value) -> str:
    """A search field's value as one string: rich text fields give a list of texts, others a scalar or None."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(plain_text(item) for item in value)
    return str(value)


class SegmentedSearchField(index.SearchField):
    """A search field whose value is indexed as Chinese bigrams and words, so any word of it is found."""

    def get_value(self, obj) -> str:
        return index_text(plain_text(super().get_value(obj)))

    def get_plain_value(self, obj) -> str:
        """The unsegmented text, for the highlighted snippet."""
        return plain_text(super().get_value(obj))


def segmented(fields: Iterable) -> list:
    """`fields` with each plain SearchField segmented; filter and autocomplete fields are kept as they are.

    Page's own title field stays next to its segmented twin: Wagtail's check (wagtailsearch.W001) looks for
    Page's field objects themselves, and the raw title adds only one token to the index.
    """
    from wagtail.models import Page

    core = {id(field) for field in Page.search_fields}
    result = []
    for field in fields:
        if type(field) is not index.SearchField:
            result.append(field)
            continue
        if id(field) in core:
            result.append(field)
        result.append(SegmentedSearchField(field.field_name, boost=field.boost, **field.kwargs))
    return result


def searchable_models() -> list[type]:
    """The page types that opted in, each model once (concrete classes only)."""
    from wagtail.models import Page

    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        and any(isinstance(field, SegmentedSearchField) for field in model.get_search_fields())
    ]


def snippet_source(page) -> str:
    """The text a result's snippet is cut from: every segmented field but the title, as written."""
    return " ".join(
        text
        for field in page.get_search_fields()
        if isinstance(field, SegmentedSearchField) and field.field_name != "title"
        if (text := field.get_plain_value(page))
    )
