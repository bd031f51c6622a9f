"""The master key pair that wraps every data key (X7 "双重加密", the asymmetric half); no Django import.

RSA-3072 with OAEP-SHA256 rather than X25519 + HKDF: wrapping a 32-byte key is then one standard
primitive (RFC 8017) that a 等保 assessor recognises as asymmetric encryption, with no hand-assembled
ECIES (ephemeral key, KDF, second AEAD) to get wrong; 3072 bits give the 128-bit strength NIST SP 800-57
asks for beyond 2030. Unwrapping costs milliseconds, paid once per data key and process.

The pair lives in files outside the database, in one directory (mode 0700, files 0600)::

    master.pem                      the current key pair (PKCS#8 PEM)
    master.next.pem                 the new pair while `keys rotate-master` re-wraps the data keys
    master-YYYY-MM-DD-<fp>.pem      earlier pairs, kept until the operator deletes them
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

KEY_BITS = 3072
PUBLIC_EXPONENT = 65537
DIR_MODE = 0o700
FILE_MODE = 0o600
CURRENT_NAME = "master.pem"
NEXT_NAME = "master.next.pem"
BACKUP_GLOB = "master-*.pem"
INIT_COMMAND = "govsite keys init"


class MasterKeyError(Exception):
    """A problem with the master key files; the message tells the operator what to do, in Chinese."""


class MasterKeyMissing(MasterKeyError):
    """No master key pair where the settings say it is."""


class MasterKeyExists(MasterKeyError):
    """`keys init` refuses to replace an existing pair."""


class MasterKeyNotFound(MasterKeyError):
    """A data key was wrapped by a pair that is no longer in the directory."""


class WrongMasterKey(MasterKeyError):
    """A wrapped data key does not open with this pair (or was changed)."""


def _oaep(label: str) -> padding.OAEP:
    """OAEP with SHA-256; the label binds a wrapped key to its data key id, so rows cannot be swapped."""
    return padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=label.encode())


@dataclass(frozen=True)
class MasterKey:
    """An RSA-3072 key pair that wraps and unwraps data keys."""

    private_key: rsa.RSAPrivateKey

    @classmethod
    def generate(cls) -> MasterKey:
        return cls(rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=KEY_BITS))

    @classmethod
    def from_pem(cls, data: bytes, source: Path) -> MasterKey:
        """The pair in a PEM file; refused unless it is an RSA key of at least 3072 bits."""
        try:
            key = serialization.load_pem_private_key(data, password=None)
        except (ValueError, TypeError) as error:
            raise MasterKeyError(f"主密钥文件 {source} 无法读取：{error}") from None
        if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < KEY_BITS:
            raise MasterKeyError(f"主密钥文件 {source} 不是 {KEY_BITS} 位以上的 RSA 私钥")
        return cls(key)

    def to_pem(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 of the public key (DER SubjectPublicKeyInfo), in hex: names the pair in the database."""
        der = self.private_key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return hashlib.sha256(der).hexdigest()

    def wrap(self, data_key: bytes, key_id: str) -> bytes:
        """The data key encrypted with the public key, bound to its id."""
        return self.private_key.public_key().encrypt(data_key, _oaep(key_id))

    def unwrap(self, wrapped: bytes, key_id: str) -> bytes:
        """The data key back; `WrongMasterKey` if this pair did not wrap it for this id."""
        try:
            return self.private_key.decrypt(wrapped, _oaep(key_id))
        except ValueError:
            raise WrongMasterKey(f"数据密钥 {key_id} 无法用主密钥 {self.fingerprint[:16]} 解开：密钥不匹配或已被篡改") from None


def _write_new(path: Path, data: bytes) -> None:
    """Write a 0600 file that must not exist yet, all at once: `FileExistsError` leaves the old one alone."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pem")  # mode 0600
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.link(temporary, path)
    finally:
        os.unlink(temporary)


class KeyDirectory:
    """The directory holding the master key pairs (setting GOVSITE_KEY_DIR)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.current_path = self.path / CURRENT_NAME
        self.next_path = self.path / NEXT_NAME

    def has_master(self) -> bool:
        return self.current_path.is_file()

    def _load(self, path: Path) -> MasterKey:
        return MasterKey.from_pem(path.read_bytes(), path)

    def _ensure_directory(self) -> None:
        self.path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        self.path.chmod(DIR_MODE)

    def create(self) -> MasterKey:
        """A new pair as `master.pem`; `MasterKeyExists` rather than replacing one."""
        exists = MasterKeyExists(
            f"主密钥文件已存在：{self.current_path}，不会覆盖。更换主密钥请运行 govsite keys rotate-master"
        )
        if self.has_master():
            raise exists
        self._ensure_directory()
        key = MasterKey.generate()
        try:
            _write_new(self.current_path, key.to_pem())
        except FileExistsError:
            raise exists from None
        return key

    def missing(self) -> MasterKeyMissing:
        """The error that tells the operator to run `govsite keys init`."""
        return MasterKeyMissing(
            f"找不到主密钥文件 {self.current_path}。生产环境不会自动生成密钥：请运维人员运行"
            f"“{INIT_COMMAND}”生成主密钥对（目录可用环境变量 GOVSITE_KEY_DIR 指定），并备份密钥目录。"
        )

    def current(self) -> MasterKey:
        """The current pair; `MasterKeyMissing` when there is none."""
        if not self.has_master():
            raise self.missing()
        return self._load(self.current_path)

    def candidates(self) -> list[Path]:
        """Every pair file: current first, then a half-finished rotation's new pair, then the backups."""
        paths = [self.current_path, self.next_path, *sorted(self.path.glob(BACKUP_GLOB), reverse=True)]
        return [path for path in paths if path.is_file()]

    def find(self, fingerprint: str) -> MasterKey:
        """The pair with this fingerprint, wherever it is kept in the directory. A data key needs it, so a
        missing pair is to be restored from a backup, never made anew."""
        for path in self.candidates():
            key = self._load(path)
            if key.fingerprint == fingerprint:
                return key
        raise MasterKeyNotFound(
            f"密钥目录 {self.path} 中没有指纹为 {fingerprint[:16]} 的主密钥。请从备份恢复该主密钥文件；"
            f"不要运行“{INIT_COMMAND}”，新生成的主密钥解不开已有的数据密钥。"
        )

    def next_master(self) -> MasterKey:
        """The new pair of a master rotation: the one a crashed run left behind, else a fresh one."""
        if self.next_path.is_file():
            return self._load(self.next_path)
        key = MasterKey.generate()
        _write_new(self.next_path, key.to_pem())
        return key

    def backup_path(self, key: MasterKey, today: date) -> Path:
        return self.path / f"master-{today.isoformat()}-{key.fingerprint[:12]}.pem"

    def promote_next(self, today: date) -> Path:
        """Keep the current pair as a dated backup and make the new pair current; safe to repeat."""
        old = self.current()
        backup = self.backup_path(old, today)
        if not backup.exists():
            os.link(self.current_path, backup)
        os.replace(self.next_path, self.current_path)
        return backup

    def problems(self) -> list[str]:
        """What makes the directory unfit for production: missing, or readable by others."""
        if not self.path.is_dir():
            return [f"密钥目录 {self.path} 不存在"]
        if not self.has_master():
            return [f"密钥目录 {self.path} 中没有主密钥文件 {CURRENT_NAME}"]
        found = []
        for path, expected in ((self.path, DIR_MODE), *((p, FILE_MODE) for p in self.candidates())):
            mode = stat.S_IMODE(path.stat().st_mode)
            if mode & 0o077:
                found.append(f"{path} 的权限为 {mode:04o}，其他用户可以访问（应为 {expected:04o}）")
        return found
