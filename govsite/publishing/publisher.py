"""Writing a site's static tree: pages, listings, feeds and the files they reference, with the manifest."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Q
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Site

from . import plan
from .files import file_for, resolve_inside, sha256_bytes, sha256_file, write_atomic
from .models import PublishedFile, SiteBuild
from .render import SiteRenderer

# Same-site files a page references: stylesheets and images, media renditions, attached documents.
ASSET_LINK = re.compile(rb'(?:src|href)="(/(?:static|media|documents)/[^"#?]+)"')
Progress = Callable[[int, int, str], None]


def sites_named(key: str | None):
    """Every site, or the one whose host name or registered domain is `key` (empty when none is)."""
    sites = Site.objects.select_related("root_page")
    return sites.filter(Q(hostname=key) | Q(record__domain=key)) if key else sites


def tree_root() -> Path:
    return Path(settings.GOVSITE_PUBLIC_ROOT)


def site_dir(site: Site) -> Path:
    return tree_root() / site.hostname


@dataclass
class BuildResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: dict[str, int] = field(default_factory=dict)


class Publisher:
    """Renders URLs of one site into its tree; only files whose bytes changed are replaced."""

    def __init__(self, site: Site):
        self.site = site
        self.root = site_dir(site)
        self.renderer = SiteRenderer(site)
        self.manifest = dict(PublishedFile.objects.filter(host=site.hostname).values_list("path", "sha256"))
        self.result = BuildResult()
        self._assets_done: set[str] = set()

    def publish(self, urls: Iterable[str], progress: Progress | None = None) -> BuildResult:
        urls = list(urls)
        for done, url in enumerate(urls, start=1):
            self._publish_url(url)
            if progress:
                progress(done, len(urls), url)
        return self.result

    def _publish_url(self, url: str) -> None:
        rendered = self.renderer.get(url)
        relative = file_for(url)
        if rendered.status != 200:
            self.result.failed[url] = rendered.status
            self.remove_files([relative])  # a page that no longer renders must not linger on disk
            return
        self._store(relative, rendered.body, url)
        for asset in ASSET_LINK.findall(rendered.body):
            self._publish_asset(asset.decode())

    def _store(self, relative: str, data: bytes, url: str) -> None:
        digest = sha256_bytes(data)
        target = resolve_inside(self.root, relative)
        if self.manifest.get(relative) == digest and target.exists():
            self.result.unchanged.append(relative)
            return
        write_atomic(self.root, relative, data)
        PublishedFile.objects.update_or_create(
            host=self.site.hostname, path=relative,
            defaults={"sha256": digest, "size": len(data), "url_path": url},
        )
        self.manifest[relative] = digest
        self.result.written.append(relative)

    def _publish_asset(self, url: str) -> None:
        if url in self._assets_done:
            return
        self._assets_done.add(url)
        data = asset_bytes(url)
        if data is not None:
            self._store(url.lstrip("/"), data, url)

    def restore(self, relatives: Iterable[str]) -> None:
        """Write these files again from the database, whatever is on disk now (tamper guard)."""
        urls = dict(PublishedFile.objects.filter(host=self.site.hostname, path__in=list(relatives))
                    .values_list("path", "url_path"))
        for relative, url in urls.items():
            self.manifest.pop(relative, None)  # forget the digest, so the file is written again
            if url.startswith(("/static/", "/media/", "/documents/")):
                self._assets_done.discard(url)
                self._publish_asset(url)
            else:
                self._publish_url(url)

    def remove_files(self, relatives: Iterable[str]) -> None:
        """Delete files from the tree and the manifest (an unpublished page, a vanished archive page)."""
        for relative in relatives:
            target = resolve_inside(self.root, relative)
            if target.exists():
                target.unlink()
                self.result.removed.append(relative)
            PublishedFile.objects.filter(host=self.site.hostname, path=relative).delete()
            self.manifest.pop(relative, None)

    def rebuild(self, progress: Progress | None = None) -> BuildResult:
        """Everything, again: safe to re-run; files no longer part of the site leave the tree."""
        urls = plan.all_urls(self.site)
        self.publish(urls, progress)
        keep = {file_for(u) for u in urls} | {u.lstrip("/") for u in self._assets_done}
        stale = [p for p in list(self.manifest) if p not in keep]
        self.remove_files(stale)
        SiteBuild.objects.update_or_create(
            host=self.site.hostname,
            defaults={"nav_signature": plan.nav_signature(self.site), "built_at": timezone.now()},
        )
        return self.result


def asset_bytes(url: str) -> bytes | None:
    """The bytes of a same-site static file, media file or document, from where Django keeps them."""
    if url.startswith("/static/"):
        found = finders.find(url.removeprefix("/static/"))
        return Path(found).read_bytes() if found else None
    if url.startswith("/media/"):
        path = resolve_inside(Path(settings.MEDIA_ROOT), url.removeprefix("/media/"))
        return path.read_bytes() if path.exists() else None
    match = re.fullmatch(r"/documents/(\d+)/[^/]+", url)
    if match:
        document = get_document_model().objects.filter(pk=int(match.group(1))).first()
        if document:
            with document.file.open("rb") as handle:
                return handle.read()
    return None


def published_digest(site: Site, relative: str) -> str | None:
    """The SHA-256 of a file as it is on disk now, or None when it is missing."""
    target = resolve_inside(site_dir(site), relative)
    return sha256_file(target) if target.exists() else None
