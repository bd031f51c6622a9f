"""Publishing jobs: a changed page's files, a removed page's files, a whole site (safe to re-run)."""

from __future__ import annotations

from django_tasks import task
from wagtail.models import Page, Site

from govsite.content.models import ContentPage

from . import plan
from .files import file_for
from .models import SiteBuild
from .publisher import Publisher


def _site(site_id: int) -> Site | None:
    return Site.objects.filter(pk=site_id).select_related("root_page").first()


@task()
def publish_page(page_id: int) -> dict:
    """After a publish: the page, its listings, home and linked pages; everything if navigation changed."""
    page = Page.objects.filter(pk=page_id).specific().first()
    site = page.get_site() if page else None
    if site is None:
        return {"skipped": page_id}
    build = SiteBuild.objects.filter(host=site.hostname).first()
    if build is None or build.nav_signature != plan.nav_signature(site):
        return rebuild_site.call(site.pk)
    if isinstance(page, ContentPage):
        urls = plan.urls_for_item(page, site)
    else:
        urls = [u for u in [plan.url_of(page, site)] if u] + (
            plan.urls_for_column(page, site) if hasattr(page, "items_oldest_first") else []
        )
    result = Publisher(site).publish(urls)
    refresh_sitemap.enqueue(site.pk)
    return {"written": len(result.written), "failed": result.failed}


@task()
def refresh_sitemap(site_id: int) -> dict:
    """The sitemap lists every page, so it follows a publish as its own, cheaper-to-delay job."""
    site = _site(site_id)
    if site is None:
        return {}
    result = Publisher(site).publish(["/sitemap.xml"])
    return {"written": len(result.written)}


@task()
def remove_page(site_id: int, url_path: str, affected_page_ids: list[int]) -> dict:
    """After an unpublish or move: drop the old files and refresh the listings that showed the page."""
    site = _site(site_id)
    if site is None:
        return {}
    publisher = Publisher(site)
    prefix = file_for(url_path).removesuffix("index.html")
    publisher.remove_files([p for p in list(publisher.manifest) if p == file_for(url_path) or (
        p.startswith(prefix) and (p.startswith(prefix + "p/") or p == prefix + "rss.xml"))])
    build = SiteBuild.objects.filter(host=site.hostname).first()
    if build is None or build.nav_signature != plan.nav_signature(site):
        return rebuild_site.call(site.pk)
    urls = ["/", "/sitemap.xml"]
    for column in Page.objects.filter(pk__in=affected_page_ids).specific():
        if hasattr(column, "items_oldest_first"):
            urls += plan.urls_for_column(column, site)
    publisher.publish(urls)
    return {"removed": len(publisher.result.removed)}


@task()
def rebuild_site(site_id: int) -> dict:
    site = _site(site_id)
    if site is None:
        return {}
    result = Publisher(site).rebuild()
    return {"written": len(result.written), "removed": len(result.removed), "failed": result.failed}
