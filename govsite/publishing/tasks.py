"""Publishing jobs: a changed page's files, a removed page's files, a whole site, the tamper check.

Each is a registered job (a JobRun with progress and audit entries) and safe to re-run: it derives what to
write from the database as it is now.
"""

from __future__ import annotations

from wagtail.models import Page, Site

from govsite.content.models import ContentPage
from govsite.jobs.progress import report_progress
from govsite.jobs.registry import get, register

from . import plan
from .files import file_for
from .models import SiteBuild
from .publisher import Publisher


def run_now(name: str, *args):
    """Run a job's function in the current job (a publish that finds navigation changed rebuilds at once)."""
    return get(name).func(*args)


def _site(site_id: int) -> Site | None:
    return Site.objects.filter(pk=site_id).select_related("root_page").first()


def _navigation_changed(site: Site) -> bool:
    """Every page shows the navigation: when it changed (or the site was never built), rebuild all."""
    build = SiteBuild.objects.filter(host=site.hostname).first()
    return build is None or build.nav_signature != plan.nav_signature(site)


@register("publishing.rebuild_site", "全量重新生成网站")
def rebuild_site(site_id: int) -> dict:
    """The whole site's tree, again."""
    site = _site(site_id)
    if site is None:
        return {}
    result = Publisher(site).rebuild(report_progress)
    return {"written": len(result.written), "removed": len(result.removed), "failed": result.failed}


@register("publishing.publish_page", "发布页面静态文件")
def publish_page(page_id: int) -> dict:
    """After a publish: the page, its listings, home and linked pages; everything if navigation changed."""
    page = Page.objects.filter(pk=page_id).specific().first()
    site = page.get_site() if page else None
    if site is None:
        return {"skipped": page_id}
    if _navigation_changed(site):
        return run_now("publishing.rebuild_site", site.pk)
    if isinstance(page, ContentPage):
        urls = plan.urls_for_item(page, site)
    else:
        urls = [u for u in [plan.url_of(page, site)] if u] + (
            plan.urls_for_column(page, site) if hasattr(page, "items_oldest_first") else plan.urls_for_entry(page, site)
        )
    result = Publisher(site).publish(urls)
    refresh_sitemap.enqueue(site.pk)
    return {"written": len(result.written), "failed": result.failed}


@register("publishing.refresh_sitemap", "更新网站地图")
def refresh_sitemap(site_id: int) -> dict:
    """The sitemap lists every page, so it follows a publish as its own, cheaper-to-delay job."""
    site = _site(site_id)
    if site is None:
        return {}
    return {"written": len(Publisher(site).publish(["/sitemap.xml"]).written)}


@register("publishing.remove_page", "删除页面静态文件")
def remove_page(site_id: int, url_path: str, affected_page_ids: list[int]) -> dict:
    """After an unpublish or move: drop the old files and refresh the listings that showed the page."""
    site = _site(site_id)
    if site is None:
        return {}
    publisher = Publisher(site)
    own = file_for(url_path)
    prefix = own.removesuffix("index.html")
    publisher.remove_files([p for p in list(publisher.manifest) if p == own or p == prefix + "rss.xml"
                            or p.startswith(prefix + "p/")])
    if _navigation_changed(site):
        return run_now("publishing.rebuild_site", site.pk)
    urls = ["/", "/sitemap.xml"]
    for column in Page.objects.filter(pk__in=affected_page_ids).specific():
        if hasattr(column, "items_oldest_first"):
            urls += plan.urls_for_column(column, site)
    publisher.publish(urls)
    return {"removed": len(publisher.result.removed)}


@register("publishing.tamper_check", "网页防篡改检查")
def tamper_check(restore: bool = True) -> dict:
    """Every minute (X6, M5): compare every site's tree with its manifest, restore and alert."""
    from .tamper import check_sites

    reports = check_sites(Site.objects.select_related("root_page"), restore_files=restore)
    return {"sites": len(reports), "tampered": [r.host for r in reports if not r.clean]}

