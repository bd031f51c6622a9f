"""Key rotation without downtime (X7): every value moves, readers keep working, re-runs finish the job."""

from __future__ import annotations

from datetime import date

import pytest

from govsite.audit.models import AuditEntry
from govsite.jobs.models import JobRun
from govsite.jobs.runs import run_inline
from govsite.security import events, keyring
from govsite.security.envelope import seal, token_prefix
from govsite.security.masterkey import KeyDirectory
from govsite.security.models import DataKey
from govsite.security.rotation import (
    RotationResult,
    _reencrypt_row,
    key_usage,
    rotate_data_keys,
    rotate_master,
    stored_tokens,
)
from govsite.security.tests.sample.models import Petition

from .conftest import raw_column, tampered, write_raw_column

pytestmark = pytest.mark.django_db

ROTATE = "security.rotate_data_keys"
PEOPLE = [("张三丰", "13812345678"), ("李四", ""), ("", "0873-6122999"), ("王五", "13900000000"),
          ("赵六", "13700000000"), ("孙七", "13600000000"), ("周八", "13500000000")]


@pytest.fixture
def petitions() -> dict[int, tuple[str, str]]:
    """Seven petitions sealed under the first data key, by id."""
    return {Petition.objects.create(name=n, phone=p).pk: (n, p) for n, p in PEOPLE}


def key_ids_in_database() -> set[str]:
    """The data key id of every non-empty stored value."""
    tokens = [raw_column(Petition, pk, c) for pk in Petition.objects.values_list("pk", flat=True)
              for c in ("name", "phone")]
    return {token.split(":")[1] for token in tokens if token}


def read_all() -> dict[int, tuple[str, str]]:
    return {p.pk: (p.name, p.phone) for p in Petition.objects.all()}


def test_rotation_reencrypts_every_row_while_readers_keep_reading(petitions):
    old = DataKey.objects.get(active=True)
    seen_mid_run: list[set[str]] = []

    def reader(done: int, total: int, message: str) -> None:
        """Another request between two batches: every letter still reads, whichever key sealed it."""
        assert read_all() == petitions
        seen_mid_run.append(key_ids_in_database())

    run = run_inline(ROTATE, args={"batch_size": 2}, listener=reader)

    assert run.status == JobRun.Status.SUCCEEDED, run.error
    new = DataKey.objects.get(active=True)
    assert new.pk != old.pk
    assert {old.pk, new.pk} in seen_mid_run, "between batches both keys were in use"
    assert key_ids_in_database() == {new.pk}
    assert read_all() == petitions
    old.refresh_from_db()
    assert not old.active and old.retired_at is not None
    assert key_usage() == {new.pk: 12}
    assert (run.progress_done, run.progress_total) == (7, 7)
    actions = list(AuditEntry.objects.filter(action__startswith="govsite.security.").order_by("seq")
               .values_list("action", flat=True))
    assert actions[-3:] == [events.DATA_KEY_CREATE, events.DATA_KEY_RETIRE, events.DATA_KEY_ROTATE]


def test_an_edit_during_rotation_is_kept_and_a_late_write_with_the_old_key_is_caught(petitions):
    old = DataKey.objects.get(active=True)
    first, last = min(petitions), max(petitions)
    calls = []

    def meanwhile(done: int, total: int, message: str) -> None:
        calls.append(done)
        if len(calls) == 2:  # after the first batch: someone edits a row the rotation has not reached yet
            petition = Petition.objects.get(pk=last)
            petition.name = "周八（已更正）"
            petition.save()
            # A request that read the active key just before the rotation began writes a row already done.
            stale = seal(keyring.open_data_key(old), old.pk, "张三丰（补充）", Petition._meta.get_field("name").aad)
            write_raw_column(Petition, first, "name", stale)

    run = run_inline(ROTATE, args={"batch_size": 2}, listener=meanwhile)

    assert run.status == JobRun.Status.SUCCEEDED, run.error
    assert Petition.objects.get(pk=last).name == "周八（已更正）"
    assert Petition.objects.get(pk=first).name == "张三丰（补充）"
    assert key_ids_in_database() == {DataKey.objects.get(active=True).pk}
    old.refresh_from_db()
    assert old.retired_at is not None


def test_an_interrupted_rotation_is_finished_by_running_it_again(petitions):
    old = DataKey.objects.get(active=True)
    batches = []

    def crash(done: int, total: int, message: str) -> None:
        batches.append(done)
        if len(batches) == 2:
            raise RuntimeError("进程被终止")

    failed = run_inline(ROTATE, args={"batch_size": 3}, listener=crash)
    assert failed.status == JobRun.Status.FAILED and "进程被终止" in failed.error
    new = DataKey.objects.get(active=True)
    assert key_ids_in_database() == {old.pk, new.pk}
    assert read_all() == petitions
    old.refresh_from_db()
    assert old.retired_at is None, "a key still sealing values is not retired"

    result = rotate_data_keys(batch_size=3)

    assert result.resumed and result.key_id == new.pk
    assert DataKey.objects.count() == 2, "the re-run finishes the rotation instead of starting another"
    assert key_ids_in_database() == {new.pk}
    assert read_all() == petitions
    assert result.retired == [old.pk]
    again = rotate_data_keys(batch_size=3)
    assert not again.resumed and again.key_id != new.pk and again.reencrypted == 7


def test_a_tampered_value_fails_the_run_but_everything_else_moves(petitions):
    old = DataKey.objects.get(active=True)
    victim = min(petitions)
    token = raw_column(Petition, victim, "phone")
    write_raw_column(Petition, victim, "phone", tampered(token))

    run = run_inline(ROTATE, args={"batch_size": 5})

    assert run.status == JobRun.Status.FAILED
    assert "1 个值无法解密" in run.error and f"security_sample.petition.phone#{victim}" in run.error
    new = DataKey.objects.get(active=True)
    assert key_usage() == {new.pk: 11, old.pk: 1}
    old.refresh_from_db()
    assert old.retired_at is None


def test_rotating_the_master_pair_rewraps_every_data_key(fresh_keys, petitions):
    directory = KeyDirectory(fresh_keys)
    old_master = directory.current()
    rotate_data_keys()
    keys_before = {k.pk: bytes(k.wrapped_key) for k in DataKey.objects.all()}

    result = rotate_master(date(2026, 5, 4))

    new_master = directory.current()
    assert result.old_fingerprint == old_master.fingerprint
    assert result.new_fingerprint == new_master.fingerprint
    assert result.rewrapped == 2
    for key in DataKey.objects.all():
        assert key.master_fingerprint == new_master.fingerprint
        assert bytes(key.wrapped_key) != keys_before[key.pk]
    backup = directory.backup_path(old_master, date(2026, 5, 4))
    assert result.backup == str(backup) and backup.read_bytes() == old_master.to_pem()
    backup.unlink()  # the operator deletes the old pair once the new one is backed up
    keyring.forget()
    assert read_all() == petitions
    entry = AuditEntry.objects.filter(action=events.MASTER_ROTATE).get()
    assert entry.data["new"] == new_master.fingerprint and entry.data["rewrapped"] == 2


def test_an_interrupted_master_rotation_is_finished_by_running_it_again(fresh_keys, petitions, monkeypatch):
    directory = KeyDirectory(fresh_keys)

    def power_cut(self, today):
        raise OSError("断电")

    with monkeypatch.context() as patch:
        patch.setattr(KeyDirectory, "promote_next", power_cut)
        with pytest.raises(OSError):
            rotate_master(date(2026, 5, 4))
    waiting = directory.next_master()
    assert DataKey.objects.get().master_fingerprint == waiting.fingerprint
    keyring.forget()
    assert read_all() == petitions, "keys wrapped by the new pair open while it waits beside the old one"

    result = rotate_master(date(2026, 5, 4))

    assert result.new_fingerprint == waiting.fingerprint and result.rewrapped == 0
    assert directory.current().fingerprint == waiting.fingerprint
    keyring.forget()
    assert read_all() == petitions


def test_values_under_a_key_are_counted_per_key(petitions):
    active = DataKey.objects.get(active=True)
    assert key_usage() == {active.pk: 12}
    assert all(raw_column(Petition, pk, "name").startswith(token_prefix(active.pk))
               for pk, (name, _phone) in petitions.items() if name)


def test_a_row_edited_after_it_was_read_is_not_overwritten_with_the_old_text(petitions):
    pk = min(petitions)
    fields = [Petition._meta.get_field("name"), Petition._meta.get_field("phone")]
    read = list(stored_tokens(Petition, fields).values_list("_token_name", "_token_phone").get(pk=pk))
    new = keyring.create_data_key(replace_active=True)
    petition = Petition.objects.get(pk=pk)
    petition.name = "张三丰（已更正）"
    petition.save()

    material = keyring.open_data_key(new)
    rewritten = _reencrypt_row(Petition, fields, pk, read, new, material, RotationResult(new.pk, False))

    assert rewritten == 0
    assert Petition.objects.get(pk=pk).name == "张三丰（已更正）"
