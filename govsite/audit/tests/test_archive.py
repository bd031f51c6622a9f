"""Archiving entries past the 180-day retention period into files, keeping the chain provable (M5)."""

import gzip
import hashlib
import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError
from django.utils import timezone

from govsite.audit.chain import record
from govsite.audit.models import AuditArchive, AuditEntry

from .conftest import raw_sql

pytestmark = pytest.mark.django_db
LONG_AGO = timezone.now() - timedelta(days=400)
BEFORE = (timezone.localdate() - timedelta(days=200)).isoformat()


def old_entries(count: int) -> list[AuditEntry]:
    return [record("govsite.test", label="旧操作", data={"n": n}, at=LONG_AGO + timedelta(minutes=n)) for n in range(count)]


def test_archive_writes_old_entries_to_a_file_and_verify_still_passes(fresh_chain, tmp_path, audit_command):
    old = old_entries(3)
    recent = [record("govsite.test", label="新操作") for _ in range(2)]
    result = json.loads(audit_command("archive", "--before", BEFORE, "--dir", str(tmp_path), "--json"))
    path = tmp_path / f"audit-{old[0].seq}-{old[-1].seq}.jsonl.gz"
    assert (result["archived"], result["file"], result["last_hash"]) == (3, str(path), old[-1].hash)
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        lines = [json.loads(line) for line in stream]
    assert [line["seq"] for line in lines] == [entry.seq for entry in old]
    assert [line["hash"] for line in lines] == [entry.hash for entry in old]
    assert lines[0]["action_label"] == "旧操作" and lines[1]["data"] == {"n": 1}
    archive = AuditArchive.objects.get()
    assert archive.sha256 == hashlib.sha256(path.read_bytes()).hexdigest() == result["sha256"]
    assert (archive.first_seq, archive.last_seq, archive.count) == (old[0].seq, old[-1].seq, 3)
    remaining = list(AuditEntry.objects.order_by("seq").values_list("pk", flat=True))
    assert remaining[:2] == [entry.pk for entry in recent]
    assert AuditEntry.objects.get(pk=remaining[-1]).action == "govsite.audit.archive"
    assert "审计日志完整：共 3 条，链路完好" in audit_command("verify")


def test_archive_never_leaves_a_gap_in_the_chain(fresh_chain, tmp_path, audit_command):
    first = old_entries(1)[0]
    record("govsite.test", label="新操作")
    old_entries(1)
    audit_command("archive", "--before", BEFORE, "--dir", str(tmp_path))
    assert AuditArchive.objects.get().last_seq == first.seq
    assert "链路完好" in audit_command("verify")


def test_archive_refuses_dates_within_180_days(fresh_chain, tmp_path, audit_command):
    old_entries(1)
    too_recent = (timezone.localdate() - timedelta(days=179)).isoformat()
    with pytest.raises(CommandError, match="至少保存180天"):
        audit_command("archive", "--before", too_recent, "--dir", str(tmp_path))
    assert AuditEntry.objects.count() == 1 and not list(tmp_path.iterdir())


def test_archive_refuses_a_tampered_segment_and_changes_nothing(fresh_chain, tmp_path, audit_command):
    old = old_entries(3)
    raw_sql(f"UPDATE {AuditEntry._meta.db_table} SET object_repr = %s WHERE id = %s", ["x", old[1].pk])
    with pytest.raises(CommandError, match=f"第 {old[1].seq} 条审计日志未通过校验"):
        audit_command("archive", "--before", BEFORE, "--dir", str(tmp_path))
    assert AuditEntry.objects.count() == 3 and not AuditArchive.objects.exists()
    assert not list(tmp_path.iterdir())


def test_nothing_to_archive(fresh_chain, tmp_path, audit_command):
    record("govsite.test")
    assert "没有早于" in audit_command("archive", "--before", BEFORE, "--dir", str(tmp_path))


def test_old_rows_leave_only_through_the_archive(fresh_chain):
    old_entries(2)
    with pytest.raises(PermissionDenied, match="只能通过归档"):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == 2
