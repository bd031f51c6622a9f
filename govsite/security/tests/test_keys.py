"""Key files in production (X7): no pair made behind the operator's back; `govsite keys`; security.E001."""

from __future__ import annotations

import json
import stat
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from govsite.audit.models import AuditEntry
from govsite.review.roles import Role
from govsite.security import events, keyring
from govsite.security.checks import check_key_directory
from govsite.security.masterkey import KeyDirectory, MasterKeyMissing, MasterKeyNotFound
from govsite.security.models import DataKey
from govsite.security.tests.sample.models import Petition

pytestmark = pytest.mark.django_db


def keys(*args: str) -> tuple[str, str]:
    """Run `govsite keys ...`; (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    call_command("keys", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_production_refuses_to_make_a_key_pair_and_says_how(production):
    with pytest.raises(MasterKeyMissing) as refused, transaction.atomic():
        Petition.objects.create(name="张三丰")
    assert "生产环境不会自动生成密钥" in str(refused.value) and "govsite keys init" in str(refused.value)
    assert not production.exists() and not DataKey.objects.exists()


def test_production_reads_nothing_once_the_key_directory_is_gone(settings, fresh_keys):
    petition = Petition.objects.create(name="张三丰")
    settings.DEBUG, settings.GOVSITE_KEYS_AUTO_CREATE = False, False
    settings.GOVSITE_KEY_DIR = fresh_keys.parent / "moved-away"
    keyring.forget()
    with pytest.raises(MasterKeyNotFound, match="请从备份恢复该主密钥文件"):
        Petition.objects.get(pk=petition.pk)


def test_the_system_check_reports_a_missing_or_open_key_directory(production):
    [error] = check_key_directory(None)
    assert error.id == "security.E001" and "不存在" in error.msg and "govsite keys init" in error.hint
    keys("init")
    assert check_key_directory(None) == []
    production.chmod(0o755)
    [error] = check_key_directory(None)
    assert error.id == "security.E001" and "0755" in error.msg and "0700" in error.msg


def test_the_system_check_leaves_developers_alone(fresh_keys):
    assert check_key_directory(None) == []


def test_init_makes_an_owner_only_pair_once_and_records_it(production, make_user):
    make_user("ops1", Role.SYSTEM_ADMIN)
    data = json.loads(keys("init", "--json", "--user", "ops1")[0])

    master = KeyDirectory(production).current()
    assert data == {"key_dir": str(production), "master_file": str(production / "master.pem"),
                    "master_fingerprint": master.fingerprint}
    assert stat.S_IMODE(production.stat().st_mode) == 0o700
    assert stat.S_IMODE((production / "master.pem").stat().st_mode) == 0o600
    entry = AuditEntry.objects.get(action=events.MASTER_INIT)
    assert entry.actor_name == "ops1" and entry.data["fingerprint"] == master.fingerprint
    assert entry.action_label == "生成主密钥对"
    with pytest.raises(CommandError, match="主密钥文件已存在"):
        keys("init")
    assert KeyDirectory(production).current().fingerprint == master.fingerprint
    petition = Petition.objects.create(name="张三丰")
    assert Petition.objects.get(pk=petition.pk).name == "张三丰"


def test_init_refuses_a_new_pair_when_data_keys_wait_for_a_lost_one(settings, fresh_keys):
    Petition.objects.create(name="张三丰")
    settings.GOVSITE_KEY_DIR = fresh_keys.parent / "empty"
    with pytest.raises(CommandError, match="请从备份恢复密钥目录"):
        keys("init")
    with pytest.raises(MasterKeyNotFound):
        keyring.initialise_master()
    assert not (fresh_keys.parent / "empty" / "master.pem").exists()


def test_a_pair_made_before_the_first_migrate_is_recorded_after_it(production):
    master = KeyDirectory(production).create()  # `keys init` on a database without tables yet
    keyring.record_master_after_migrate(sender=None)
    keyring.record_master_after_migrate(sender=None)
    [entry] = AuditEntry.objects.filter(action=events.MASTER_INIT)
    assert entry.data["fingerprint"] == master.fingerprint


def test_status_rotate_and_rotate_master_from_the_command_line(fresh_keys, make_user, capsys):
    make_user("ops1", Role.SYSTEM_ADMIN)
    for name in ("张三丰", "李四", "王五"):
        Petition.objects.create(name=name, phone="13812345678")
    first = DataKey.objects.get(active=True)

    status = json.loads(keys("status", "--json")[0])
    assert status["master_fingerprint"] == KeyDirectory(fresh_keys).current().fingerprint
    assert [(k["id"], k["active"], k["values"]) for k in status["data_keys"]] == [(first.pk, True, 6)]
    assert "security_sample.petition.name" in status["fields"]

    out, _err = keys("rotate", "--batch-size", "2", "--user", "ops1")
    bar = capsys.readouterr().err
    second = DataKey.objects.get(active=True)
    assert "\r[##########] 100% 第 1 轮：已处理 3 / 3 行" in bar
    assert f"数据密钥 {first.pk}  已退役" in out and f"数据密钥 {second.pk}  当前使用" in out
    rotated = json.loads(keys("rotate", "--json")[0])
    assert rotated["run"]["status"] == "succeeded" and rotated["run"]["enqueued_by"] is None
    assert [k["values"] for k in rotated["status"]["data_keys"]] == [0, 0, 6]

    moved = json.loads(keys("rotate-master", "--json", "--user", "ops1")[0])
    assert moved["rewrapped"] == 3
    assert moved["new_fingerprint"] == KeyDirectory(fresh_keys).current().fingerprint
    keyring.forget()
    assert sorted(Petition.objects.values_list("name", flat=True)) == ["张三丰", "李四", "王五"]
    assert AuditEntry.objects.get(action=events.MASTER_ROTATE).actor_name == "ops1"
    assert "保留的旧主密钥文件" in keys("status")[0]


def test_bad_input_is_refused_in_chinese(fresh_keys):
    with pytest.raises(CommandError, match="找不到用户“nobody”"):
        keys("rotate", "--user", "nobody")
    with pytest.raises(CommandError, match="--batch-size 必须是正整数"):
        keys("rotate", "--batch-size", "0")
    assert not DataKey.objects.exists()
