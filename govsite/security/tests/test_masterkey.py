"""The master key files (X7), without a database: modes, no overwriting, finding old pairs, rotation files."""

from __future__ import annotations

import stat
from datetime import date

import pytest

from govsite.security.envelope import new_data_key, new_key_id
from govsite.security.masterkey import (
    KeyDirectory,
    MasterKeyError,
    MasterKeyExists,
    MasterKeyMissing,
    MasterKeyNotFound,
    WrongMasterKey,
)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(scope="module")
def directory(tmp_path_factory) -> KeyDirectory:
    """One directory with a pair, shared by the tests that only read it (a 3072-bit pair takes a moment)."""
    keys = KeyDirectory(tmp_path_factory.mktemp("shared") / "keys")
    keys.create()
    return keys


def test_the_pair_is_written_owner_only_and_never_replaced(directory):
    assert mode(directory.path) == 0o700 and mode(directory.current_path) == 0o600
    assert directory.current_path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    before = directory.current_path.read_bytes()
    with pytest.raises(MasterKeyExists, match="不会覆盖"):
        directory.create()
    assert directory.current_path.read_bytes() == before
    assert [p.name for p in directory.path.iterdir()] == ["master.pem"]
    assert directory.problems() == []


def test_a_wrapped_key_opens_only_with_its_pair_and_its_id(directory, tmp_path):
    master = directory.current()
    material, key_id = new_data_key(), new_key_id()
    wrapped = master.wrap(material, key_id)
    assert material not in wrapped and len(wrapped) == 384
    assert master.unwrap(wrapped, key_id) == material
    with pytest.raises(WrongMasterKey, match="密钥不匹配"):
        master.unwrap(wrapped, new_key_id())
    other = KeyDirectory(tmp_path / "other").create()
    with pytest.raises(WrongMasterKey):
        other.unwrap(wrapped, key_id)


def test_a_missing_pair_tells_the_operator_to_run_keys_init(tmp_path):
    keys = KeyDirectory(tmp_path / "nowhere")
    with pytest.raises(MasterKeyMissing, match="govsite keys init"):
        keys.current()
    with pytest.raises(MasterKeyNotFound, match="不要运行“govsite keys init”"):
        keys.find("ab" * 32)
    assert keys.problems() == [f"密钥目录 {keys.path} 不存在"]


def test_a_damaged_key_file_is_refused(tmp_path):
    keys = KeyDirectory(tmp_path / "keys")
    keys.path.mkdir()
    keys.current_path.write_bytes(b"-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    with pytest.raises(MasterKeyError, match="无法读取"):
        keys.current()


def test_files_others_can_read_are_reported(directory):
    directory.path.chmod(0o755)
    directory.current_path.chmod(0o644)
    try:
        problems = directory.problems()
    finally:
        directory.path.chmod(0o700)
        directory.current_path.chmod(0o600)
    assert problems == [
        f"{directory.path} 的权限为 0755，其他用户可以访问（应为 0700）",
        f"{directory.current_path} 的权限为 0644，其他用户可以访问（应为 0600）",
    ]


def test_rotation_files_new_pair_then_dated_backup(tmp_path):
    keys = KeyDirectory(tmp_path / "keys")
    old = keys.create()
    new = keys.next_master()
    assert keys.next_master().fingerprint == new.fingerprint, "a crashed rotation's new pair is reused"
    assert keys.find(new.fingerprint).fingerprint == new.fingerprint
    backup = keys.promote_next(date(2026, 3, 1))
    assert backup.name == f"master-2026-03-01-{old.fingerprint[:12]}.pem" and mode(backup) == 0o600
    assert keys.current().fingerprint == new.fingerprint and not keys.next_path.exists()
    assert keys.find(old.fingerprint).fingerprint == old.fingerprint
    backup.unlink()
    with pytest.raises(MasterKeyNotFound, match="请从备份恢复该主密钥文件"):
        keys.find(old.fingerprint)
