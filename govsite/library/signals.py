"""The library follows publishing (P10): page_published files a page, page_unpublished withdraws it, a
disclosure entry filed after publication refreshes it; a deleted page's record goes with it (cascade)."""

from __future__ import annotations


def on_published(sender, instance, **_kwargs) -> None:
    from .catalogue import sync

    sync(instance)


def on_unpublished(sender, instance, **_kwargs) -> None:
    from .catalogue import withdraw

    withdraw(instance)


def on_catalogue_entry(sender, instance, **_kwargs) -> None:
    """The disclosure app files its entry on the same page_published signal, possibly after us."""
    from .catalogue import sync

    if instance.page.live:
        sync(instance.page)


def connect() -> None:
    from django.db.models.signals import post_save
    from wagtail.signals import page_published, page_unpublished

    from govsite.disclosure.models import CatalogueEntry

    page_published.connect(on_published, dispatch_uid="govsite.library.published")
    page_unpublished.connect(on_unpublished, dispatch_uid="govsite.library.unpublished")
    post_save.connect(on_catalogue_entry, sender=CatalogueEntry, dispatch_uid="govsite.library.catalogue")
