"""Publishing, unpublishing, moving or renaming a page rewrites the affected static files (X4)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

_suspended: ContextVar[bool] = ContextVar("govsite_publishing_suspended", default=False)


@contextmanager
def suspended() -> Iterator[None]:
    """For bulk loads (the demo city): no per-page jobs; the caller rebuilds the sites afterwards."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def _column_ids_above(page: Page) -> list[int]:
    from govsite.columns.models import ColumnPage

    return list(ColumnPage.objects.ancestor_of(page).values_list("pk", flat=True))


def _republish_receiving_columns(page: Page) -> None:
    """Columns of other sites showing this page from the library list it, or no longer do (P10)."""
    from govsite.library.feeds import receiving_column_ids

    from .tasks import publish_page

    for column_id in receiving_column_ids(page):
        transaction.on_commit(lambda pk=column_id: publish_page.enqueue(pk))


def on_published(sender, instance, **kwargs) -> None:
    if _suspended.get():
        return
    from .tasks import publish_page

    transaction.on_commit(lambda: publish_page.enqueue(instance.pk))
    _republish_receiving_columns(instance)


def on_unpublished(sender, instance, **kwargs) -> None:
    if _suspended.get():
        return
    from .tasks import remove_page

    site = instance.get_site()
    if site is None:
        return
    url = instance.get_url_parts()[2] if instance.get_url_parts() else None
    if url:
        columns = _column_ids_above(instance)
        transaction.on_commit(lambda: remove_page.enqueue(site.pk, url, columns))
    _republish_receiving_columns(instance)


def on_moved(sender, instance, url_path_before, url_path_after, parent_page_before=None, **kwargs) -> None:
    """A moved page leaves files at its old address; its old and new columns change."""
    if _suspended.get():
        return
    from govsite.columns.models import ColumnPage

    from .tasks import publish_page, rebuild_site, remove_page

    site = instance.get_site()
    if site is None or url_path_before == url_path_after:
        return
    if isinstance(instance.specific, ColumnPage):  # every address below a column changed
        transaction.on_commit(lambda: rebuild_site.enqueue(site.pk))
        return
    old_url = url_path_before.removeprefix(site.root_page.url_path.rstrip("/")) or "/"
    old_parent = parent_page_before or instance.get_parent()
    columns = _column_ids_above(old_parent) + [old_parent.pk]

    def enqueue():
        remove_page.enqueue(site.pk, old_url, columns)
        publish_page.enqueue(instance.pk)

    transaction.on_commit(enqueue)


def on_slug_changed(sender, instance, instance_before, **kwargs) -> None:
    on_moved(sender, instance, instance_before.url_path, instance.url_path, instance.get_parent())


def on_archived(sender, instance, **kwargs) -> None:
    if _suspended.get():
        return
    from .tasks import publish_page

    transaction.on_commit(lambda: publish_page.enqueue(instance.pk))


def connect() -> None:
    from govsite.content.models import page_archived

    page_archived.connect(on_archived, dispatch_uid="govsite.publishing.archived")
    page_published.connect(on_published, dispatch_uid="govsite.publishing.published")
    page_unpublished.connect(on_unpublished, dispatch_uid="govsite.publishing.unpublished")
    post_page_move.connect(on_moved, dispatch_uid="govsite.publishing.moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="govsite.publishing.slug")
