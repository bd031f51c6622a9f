"""The catalogue lists every guide and the statistics of its site, so it is rewritten when either changes."""

from __future__ import annotations

from django.db import transaction


def republish_catalogues(site) -> None:
    """Queue the static files of the site's live catalogues (skipped during bulk loads)."""
    from govsite.publishing.signals import _suspended
    from govsite.publishing.tasks import publish_page

    from .models import ServiceCataloguePage

    if site is None or _suspended.get():
        return
    for pk in ServiceCataloguePage.objects.live().descendant_of(site.root_page).values_list("pk", flat=True):
        transaction.on_commit(lambda pk=pk: publish_page.enqueue(pk))


def on_guide_changed(sender, instance, **kwargs) -> None:
    republish_catalogues(instance.get_site())


def on_statistic_changed(sender, instance, **kwargs) -> None:
    republish_catalogues(instance.record.site)
