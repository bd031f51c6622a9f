"""Preparing a freshly migrated platform: no Wagtail sample page, the platform's role groups."""

from __future__ import annotations

from wagtail.models import Page, Site


def remove_wagtail_welcome() -> None:
    """Wagtail's installation page and its `localhost` site belong to no registered site."""
    Site.objects.filter(record__isnull=True, root_page__content_type__model="page").delete()
    for page in Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page"):
        page.delete()


def prepare_platform(**_kwargs) -> None:
    """Run after every `migrate`; safe to repeat."""
    from govsite.review.groups import ensure_platform_groups

    if Page.get_first_root_node() is None:  # a flushed test database has no page tree
        return
    remove_wagtail_welcome()
    ensure_platform_groups()
