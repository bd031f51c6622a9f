"""The hash chain: appending, verifying, and catching changes made behind the application's back (X1)."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from wagtail.models import ReferenceIndex

from govsite.audit.chain import entry_hash, record
from govsite.audit.models import GENESIS_HASH, AuditChainHead, AuditEntry

from .conftest import raw_sql

pytestmark = pytest.mark.django_db
TABLE = AuditEntry._meta.db_table


def append(count: int, **kwargs) -> list[AuditEntry]:
    return [record("govsite.test", label="测试操作", data={"n": n}, **kwargs) for n in range(count)]


def test_entries_link_from_the_genesis_and_verify(fresh_chain, audit_command):
    first, second, third = append(3)
    assert (first.seq, first.prev_hash) == (1, GENESIS_HASH)
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert all(entry.hash == entry_hash(AuditEntry.objects.get(pk=entry.pk)) for entry in (first, second, third))
    assert AuditChainHead.objects.get().last_hash == third.hash
    assert audit_command("verify").strip() == "审计日志完整：共 3 条，链路完好"


def test_the_chain_continues_after_existing_entries(make_user, portal, audit_command):
    user = make_user("zhang", None)
    before = AuditEntry.objects.order_by("-seq").first()
    entry = record("govsite.test", actor=user, obj=portal, ip="10.1.2.3", data={"说明": "中文"})
    assert entry.seq == before.seq + 1 and entry.prev_hash == before.hash
    assert (entry.actor_name, entry.site, entry.site_name, entry.object_type) == (
        "zhang", portal, portal.name, "registry.siterecord"
    )
    result = json.loads(audit_command("verify", "--json"))
    assert result["ok"] is True and result["first_broken"] is None and result["count"] >= 2


def test_a_changed_row_is_named_by_its_seq(fresh_chain, audit_command):
    entries = append(4)
    raw_sql(f"UPDATE {TABLE} SET action_label = %s WHERE id = %s", ["无害的操作", entries[1].pk])
    with pytest.raises(CommandError, match=f"第 {entries[1].seq} 条.*哈希值不符"):
        audit_command("verify")


def test_json_output_names_the_broken_entry(fresh_chain):
    entries = append(3)
    raw_sql(f"UPDATE {TABLE} SET ip = %s WHERE id = %s", ["10.9.9.9", entries[2].pk])
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert (result["ok"], result["count"]) == (False, 2)
    assert result["first_broken"]["seq"] == entries[2].seq
    assert (result["first_broken"]["id"], result["first_broken"]["problem"]) == (entries[2].pk, "hash_mismatch")


def test_a_deleted_middle_row_breaks_the_link(fresh_chain, audit_command):
    entries = append(5)
    raw_sql(f"DELETE FROM {TABLE} WHERE id = %s", [entries[2].pk])
    with pytest.raises(CommandError, match=f"第 {entries[3].seq} 条.*链接断裂"):
        audit_command("verify")


def test_a_deleted_last_row_is_noticed(fresh_chain, audit_command):
    entries = append(3)
    raw_sql(f"DELETE FROM {TABLE} WHERE id = %s", [entries[2].pk])
    with pytest.raises(CommandError, match="链尾缺失"):
        audit_command("verify")


def test_young_rows_cannot_be_changed_or_deleted(fresh_chain):
    entry = append(1)[0]
    with pytest.raises(PermissionDenied, match="审计日志保存期未满180天，不能删除"):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(PermissionDenied, match="审计日志保存期未满180天，不能删除"):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).update(action_label="改")
    entry.action_label = "改"
    with pytest.raises(PermissionDenied):
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).action_label == "测试操作"


def test_two_entries_never_share_a_predecessor(fresh_chain):
    first = append(1)[0]
    raw_sql(f"UPDATE {AuditChainHead._meta.db_table} SET last_seq = 0, last_hash = %s", [GENESIS_HASH])
    with pytest.raises(IntegrityError):
        record("govsite.test")
    assert AuditEntry.objects.get().pk == first.pk


def test_deleting_a_user_keeps_the_name_and_the_chain(make_user, audit_command):
    user = make_user("li", None)
    entry = record("govsite.test", actor=user)
    user.delete()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor is None and entry.actor_name == "li"
    assert "链路完好" in audit_command("verify")


def test_values_are_stored_exactly_as_they_were_hashed(fresh_chain, audit_command):
    entries = [
        record("govsite.test", ip="::ffff:10.0.0.1", data={"day": date(2025, 1, 2), "pair": (1, "二")}),
        record("govsite.test", ip="not-an-ip", label="长" * 300),
    ]
    stored = [AuditEntry.objects.get(pk=entry.pk) for entry in entries]
    assert stored[0].ip == "::ffff:10.0.0.1" and stored[0].data == {"day": "2025-01-02", "pair": [1, "二"]}
    assert stored[1].ip is None and len(stored[1].action_label) == 255
    assert [entry_hash(entry) for entry in stored] == [entry.hash for entry in entries]
    assert "链路完好" in audit_command("verify")


def test_the_log_stays_out_of_wagtails_reference_index():
    assert not ReferenceIndex.model_is_indexable(AuditEntry)
