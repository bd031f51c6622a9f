"""The line a pushed copy ends with, pointing readers to the original (P9); no Django import."""

from __future__ import annotations

from html import escape


def with_origin_link(body_html: str, url: str, text: str) -> str:
    """The body followed by a paragraph linking to the original item, so readers can check the source."""
    return f'{body_html}<p><a href="{escape(url, quote=True)}">{escape(text)}</a></p>'


def copy_slug(origin_slug: str, origin_id: int) -> str:
    """The copy's address: the original's, made unique by its id so two pushed items never collide."""
    return f"{origin_slug}-p{origin_id}"
