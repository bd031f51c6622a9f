"""Backups and restores of a running platform (X6, 等保 "定期全量备份、灾难恢复"): a backup restored on an empty
database gives back the same rows, site and files; bad files and missing keys are refused in Chinese."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from govsite.audit.models import AuditEntry
from govsite.backup.events import BACKUP_CREATE, BACKUP_RESTORE, BACKUP_VERIFY
from govsite.backup.models import BackupRecord
from govsite.backup.restore import holds_content
from govsite.content.tests.factories import article, column_of
from govsite.publishing.publisher import Publisher
from govsite.security import keyring

TITLE = "测试市召开备份恢复演练工作会议"


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def backup_file(output: Path) -> Path:
    return Path(json.loads(run("backup", "--output", str(output), "--json"))["file"])


@pytest.fixture
def published(folders, portal):
    """The portal with a published article, its public tree built, and one uploaded file."""
    page = article(column_of(portal, "测试要闻"), TITLE)
    Publisher(portal.site).rebuild()
    upload = folders["media"] / "documents" / "通知.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.7 " + bytes(range(256)) * 50)
    return page


def test_x6_a_backup_restored_on_an_empty_database_gives_back_the_site(
        sites_put_back, transactional_db, published, folders, portal, client):
    public_before, media_before = tree(folders["public"]), tree(folders["media"])
    assert TITLE in public_before[f"{portal.site.hostname}/index.html"].decode()
    path = backup_file(folders["backups"])
    assert BackupRecord.objects.get(file_name=path.name).rows > 0

    call_command("flush", interactive=False)
    shutil.rmtree(folders["public"])
    shutil.rmtree(folders["media"])
    assert not holds_content()

    result = json.loads(run("restore", str(path), "--json"))
    assert result["ok"] is True and result["problems"] == [] and result["tables"] > 100
    assert tree(folders["public"]) == public_before and tree(folders["media"]) == media_before
    page_path = published.get_url_parts()[2]
    assert TITLE in client.get(page_path).content.decode()
    assert TITLE in client.get("/").content.decode()
    restored = AuditEntry.objects.get(action=BACKUP_RESTORE)
    assert restored.action_label == "从备份恢复" and restored.data["result"] == "ok"


def test_x6_verify_restores_into_a_scratch_database_and_compares(db, published, folders):
    path = backup_file(folders["backups"])
    files = len(tree(folders["public"])) + len(tree(folders["media"]))
    out = run("backup", "verify", str(path))
    assert out.startswith("校验通过") and f"数据库快照与 {files} 个文件的 SHA-256 一致" in out
    record = BackupRecord.objects.get(file_name=path.name)
    assert record.verification == BackupRecord.Verification.PASSED and record.files == files
    assert AuditEntry.objects.filter(action=BACKUP_VERIFY, data__result="ok").exists()
    created = AuditEntry.objects.get(action=BACKUP_CREATE)
    assert created.action_label == "全量备份" and created.data["file"] == str(path)


def test_x6_the_backup_is_encrypted(db, published, folders):
    data = backup_file(folders["backups"]).read_bytes()
    assert TITLE.encode() not in data and b"%PDF-1.7" not in data and b"SQLite format" not in data


def tampered(path: Path, offset: int) -> Path:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x40
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(("damage", "message"), [
    (lambda p: tampered(p, p.stat().st_size // 2), "已损坏或被篡改"),
    (lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]), "已被截断"),
    (lambda p: p.write_bytes(b"not a backup"), "不是本平台的备份文件"),
])
def test_x6_a_damaged_backup_is_refused_and_nothing_changes(db, published, folders, portal, damage, message):
    path = backup_file(folders["backups"])
    damage(path)
    public_before = tree(folders["public"])
    with pytest.raises(CommandError, match=message):
        run("backup", "verify", str(path))
    with pytest.raises(CommandError, match=message):
        run("restore", str(path), "--yes")
    assert tree(folders["public"]) == public_before
    assert [p.name for p in folders["public"].parent.iterdir() if ".restore-" in p.name] == []
    assert BackupRecord.objects.get(file_name=path.name).verification == BackupRecord.Verification.FAILED


def test_x6_restore_over_a_database_with_content_needs_yes(db, published, folders):
    path = backup_file(folders["backups"])
    with pytest.raises(CommandError, match="已有网站、页面或用户，未做任何改动.*--yes"):
        run("restore", str(path))


def test_x6_without_the_master_key_the_operator_is_told_to_restore_the_key_directory(db, published, folders,
                                                                                    settings, tmp_path):
    path = backup_file(folders["backups"])
    settings.GOVSITE_KEY_DIR = tmp_path / "new-machine-keys"
    keyring.forget()
    for command in (("backup", "verify", str(path)), ("restore", str(path))):
        with pytest.raises(CommandError, match="密钥目录 .*new-machine-keys 中没有这个主密钥.*恢复到"):
            run(*command)


def test_x6_a_failed_backup_is_recorded_and_alerted(db, folders, tmp_path):
    from govsite.monitoring.models import Alert

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    with pytest.raises(CommandError):
        run("backup", "--output", str(blocked))
    record = BackupRecord.objects.get()
    assert record.error and not record.succeeded
    assert Alert.objects.get(kind="backup_failed").message.startswith("全量备份失败")
