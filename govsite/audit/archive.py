"""Moving entries past the 180-day retention period into files, keeping the chain provable (M5)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from . import actions
from .chain import canonical_payload, locked_head, record
from .context import current_actor, current_ip
from .models import RETENTION_DAYS, AuditArchive, AuditEntry
from .verify import verify_chain


class ArchiveError(Exception):
    """An archive that must not be made; the message says why, in Chinese."""


def latest_archivable_date() -> date:
    """The latest `--before` date allowed: entries younger than 180 days stay in the table (M5)."""
    return timezone.localdate() - timedelta(days=RETENTION_DAYS)


def default_directory() -> Path:
    """Where archives go unless told otherwise: beside the platform's other data."""
    return Path(settings.DATA_DIR) / "audit-archive"


def archive_line(entry: AuditEntry) -> dict:
    """One entry as written to the archive: the hashed fields plus ids and its hash, to re-verify."""
    return {
        **canonical_payload(entry),
        "id": entry.pk,
        "actor_id": entry.actor_id,
        "site_id": entry.site_id,
        "hash": entry.hash,
    }


def _archivable(cutoff: datetime) -> QuerySet[AuditEntry]:
    """The start of the chain up to the first entry recorded at or after `cutoff`, never a gap."""
    boundary = AuditEntry.objects.filter(at__gte=cutoff).aggregate(first=Min("seq"))["first"]
    entries = AuditEntry.objects.all()
    return entries if boundary is None else entries.filter(seq__lt=boundary)


def _write(entries: QuerySet[AuditEntry], path: Path) -> tuple[str, str]:
    """Write entries in seq order as gzip JSON lines; return the file's SHA-256 and the last hash."""
    partial = path.with_name(path.name + ".part")
    last_hash = ""
    with gzip.open(partial, "wt", encoding="utf-8") as stream:
        for entry in entries.order_by("seq").iterator(chunk_size=2000):
            stream.write(json.dumps(archive_line(entry), ensure_ascii=False, sort_keys=True) + "\n")
            last_hash = entry.hash
    os.replace(partial, path)
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest(), last_hash


def _archive(cutoff: datetime, directory: Path, written: list[Path]) -> AuditArchive | None:
    """Inside one transaction: check, write, register and delete the archivable entries."""
    locked_head()
    entries = _archivable(cutoff)
    bounds = entries.aggregate(first=Min("seq"), last=Max("seq"), count=Count("pk"))
    if not bounds["count"]:
        return None
    check = verify_chain(until_seq=bounds["last"])
    if not check.ok:
        raise ArchiveError(
            _("第 %(seq)s 条审计日志未通过校验，不能归档：%(problem)s")
            % {"seq": check.first_broken["seq"], "problem": check.first_broken["problem_label"]}
        )
    path = directory / f"audit-{bounds['first']}-{bounds['last']}.jsonl.gz"
    if path.exists():
        raise ArchiveError(_("归档文件 %(path)s 已存在，不会覆盖") % {"path": path})
    written += [path, path.with_name(path.name + ".part")]
    sha256, last_hash = _write(entries, path)
    archive = AuditArchive.objects.create(
        file_name=path.name,
        first_seq=bounds["first"],
        last_seq=bounds["last"],
        last_hash=last_hash,
        sha256=sha256,
        count=bounds["count"],
    )
    entries.delete_archived()
    record(
        actions.ARCHIVE,
        actor=current_actor(),
        obj=archive,
        ip=current_ip(),
        data={"file": path.name, "first_seq": archive.first_seq, "last_seq": archive.last_seq,
              "count": archive.count, "sha256": sha256},
    )
    return archive


def archive_before(before: date, directory: Path | None = None) -> AuditArchive | None:
    """Archive every entry older than `before` (at least 180 days ago), all or nothing (M5)."""
    if before > latest_archivable_date():
        raise ArchiveError(
            _("审计日志至少保存180天：归档日期不能晚于 %(date)s") % {"date": latest_archivable_date().isoformat()}
        )
    cutoff = timezone.make_aware(datetime.combine(before, time.min))
    directory = Path(directory) if directory else default_directory()
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        with transaction.atomic():
            return _archive(cutoff, directory, written)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
