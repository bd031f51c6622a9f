"""The open data catalogue as a column function (C5: shown only while the site has a published set)."""

from __future__ import annotations


def has_data_sets(site) -> bool:
    from .queries import live_sets

    return live_sets().descendant_of(site.root_page).exists()
