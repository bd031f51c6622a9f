"""Dynamic public functions a column can stand for (letters, surveys, interviews, …).

A column whose `feature` is set is the entry to that function: it redirects to the function's public
address and is shown in navigation only while the function has something to show (C5). Apps register
their functions here in their `AppConfig.ready()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


def _always(_site) -> bool:
    return True


@dataclass(frozen=True)
class ColumnFeature:
    """One public function: its key, Chinese label, URL name, and whether a site has content for it."""

    key: str
    label: str
    url_name: str
    has_content: Callable[[object], bool] = _always

    def url(self) -> str | None:
        """The function's public path, or None where the current URLconf does not serve it."""
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


_features: dict[str, ColumnFeature] = {}


def register_feature(
    key: str, label: str, url_name: str, has_content: Callable[[object], bool] = _always
) -> ColumnFeature:
    """Make a function available to columns; `has_content(site)` gets the Wagtail Site of the column."""
    feature = ColumnFeature(key, label, url_name, has_content)
    _features[key] = feature
    return feature


def get_feature(key: str) -> ColumnFeature | None:
    return _features.get(key) if key else None


def feature_choices() -> list[tuple[str, str]]:
    """Choices for the column form; a key no app registers any more keeps its raw name."""
    return [("", "（无）")] + [(key, f.label) for key, f in sorted(_features.items())]
