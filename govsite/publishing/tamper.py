"""The tamper guard (X6, M5): compare every site's tree with its manifest, restore from the database."""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone
from wagtail.models import Site

from govsite.audit.chain import record

from .files import resolve_inside, sha256_file, walk
from .models import PublishedFile, TamperIncident
from .publisher import Publisher, site_dir


@dataclass
class TamperReport:
    host: str
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    restored: bool = False
    quarantine: str | None = None

    @property
    def clean(self) -> bool:
        return not (self.changed or self.deleted or self.added)

    def as_dict(self) -> dict:
        return asdict(self)


def inspect(site: Site) -> TamperReport:
    """Files changed, deleted, or added (an injected script, a web shell) since they were published."""
    root = site_dir(site)
    report = TamperReport(site.hostname)
    manifest = dict(PublishedFile.objects.filter(host=site.hostname).values_list("path", "sha256"))
    for relative, digest in manifest.items():
        target = resolve_inside(root, relative)
        if not target.exists():
            report.deleted.append(relative)
        elif sha256_file(target) != digest:
            report.changed.append(relative)
    report.added = sorted(p for p in walk(root) if p not in manifest)
    report.changed.sort()
    report.deleted.sort()
    return report


def quarantine_dir(host: str) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "quarantine" / stamp / host


def restore(site: Site, report: TamperReport) -> TamperReport:
    """Re-render changed and deleted files from the database; move unexpected files to quarantine."""
    root = site_dir(site)
    if report.added:
        target_dir = quarantine_dir(site.hostname)
        for relative in report.added:
            source = resolve_inside(root, relative)
            destination = target_dir / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, destination)
        report.quarantine = str(target_dir)
    Publisher(site).restore(report.changed + report.deleted)
    report.restored = True
    return report


def alert(site: Site, report: TamperReport) -> TamperIncident:
    """A finding is an incident: kept, put in the audit log, and mailed to the office and administrators."""
    incident = TamperIncident.objects.create(
        host=site.hostname, changed=report.changed, deleted=report.deleted, added=report.added,
        restored=report.restored, quarantine=report.quarantine or "",
    )
    summary = f"{site.site_name or site.hostname}：篡改 {len(report.changed)}，删除 {len(report.deleted)}，新增 {len(report.added)}"
    record("govsite.publishing.tamper", obj=incident, site=getattr(site, "record", None),
           data=report.as_dict(), label="网页防篡改告警")
    recipients = get_user_model().objects.filter(
        is_active=True, groups__role__role__in=["portal_office", "system_admin"]
    ).exclude(email="").values_list("email", flat=True)
    send_mail("【防篡改告警】" + summary, summary + ("，已自动恢复" if report.restored else ""), None,
              sorted(set(recipients)), fail_silently=True)
    return incident


def check_sites(sites, *, restore_files: bool) -> list[TamperReport]:
    """Inspect each site, restore when asked, and raise an alert for every finding."""
    reports = []
    for site in sites:
        report = inspect(site)
        if not report.clean:
            if restore_files:
                restore(site, report)
            alert(site, report)
        reports.append(report)
    return reports
