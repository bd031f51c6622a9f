"""Template tags of the public pages."""

from django import template

from govsite.core.metadata import page_meta_tags

register = template.Library()


@register.simple_tag
def meta_tags(page, record, column=None):
    """The national metadata tags of `page` (or of the site alone, on a dynamic page) as (name, content)."""
    if page is None and not record:
        return []
    return page_meta_tags(page, record or None, column)
