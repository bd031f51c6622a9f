"""The archive inside a backup file (X6): a gzip tar stream of the database snapshot, MEDIA_ROOT and the public
tree, its manifest last, streamed through the encrypted container so memory holds one chunk at a time."""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from govsite.jobs.progress import report_progress
from govsite.security.keyring import key_directory
from govsite.security.masterkey import MasterKey, MasterKeyError, MasterKeyNotFound

from .container import (
    BackupError,
    BackupFormatError,
    ChunkReader,
    ChunkWriter,
    Header,
    new_file_key,
    read_header,
    wrap_label,
)
from .databases import Database
from .manifest import MANIFEST_MEMBER, FileEntry, Manifest, member_parts

BLOCK = 1 << 20
# Where each member goes when read: a path to write it to, or None to hash it only.
Sink = Callable[[str, PurePosixPath], Path | None]


def file_roots() -> dict[str, Path]:
    """The folders a backup holds besides the database, by their name in the archive."""
    return {"media": Path(settings.MEDIA_ROOT), "public": Path(settings.GOVSITE_PUBLIC_ROOT)}


def work_directory() -> Path:
    """Where snapshots and scratch databases are made: beside the backups, where space is planned for."""
    directory = Path(settings.GOVSITE_BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _files_under(top: str, root: Path) -> list[tuple[str, Path]]:
    """(archive name, path) of every regular file below `root`, sorted; symbolic links are not followed."""
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                found.append((f"{top}/{path.relative_to(root).as_posix()}", path))
    return found


class _Hashing(io.RawIOBase):
    """A readable file that hashes what passes through it."""

    def __init__(self, source: BinaryIO) -> None:
        super().__init__()
        self.source, self.digest, self.size = source, hashlib.sha256(), 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> FileEntry:
    info = tar.gettarinfo(str(path), arcname=name)
    with path.open("rb") as handle:
        reader = _Hashing(handle)
        tar.addfile(info, reader)
    return FileEntry(name, reader.size, reader.digest.hexdigest())


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def new_header(database: Database, master: MasterKey, moment: datetime) -> tuple[Header, bytes]:
    """A header naming the master pair, and the new file key it wraps."""
    backup_id, file_key = secrets.token_hex(16), new_file_key()
    wrapped = master.wrap(file_key, wrap_label(backup_id))
    return Header.new(backup_id, moment.isoformat(), database.engine, master.fingerprint, wrapped), file_key


def write_archive(path: Path, database: Database, master: MasterKey, moment: datetime) -> Manifest:
    """Write the backup file at `path` (which must not exist); the database first, the manifest last."""
    header, file_key = new_header(database, master, moment)
    header_bytes = header.to_bytes()
    files = [entry for top, root in file_roots().items() for entry in _files_under(top, root)]
    manifest = Manifest(database.engine, header.created_at, database.member)
    total = len(files) + 1
    with path.open("xb") as out, tempfile.TemporaryDirectory(dir=work_directory(), prefix=".snapshot-") as work:
        out.write(header_bytes)
        with ChunkWriter(out, file_key, header_bytes) as body, tarfile.open(fileobj=body, mode="w|gz") as tar:
            report_progress(0, total, _("正在生成数据库快照"))
            snapshot = Path(work) / "database"
            manifest.tables = database.snapshot(snapshot)
            manifest.files.append(_add_file(tar, database.member, snapshot))
            for done, (name, source) in enumerate(files, start=1):
                report_progress(done, total, _("正在打包 %(name)s") % {"name": name})
                manifest.files.append(_add_file(tar, name, source))
            _add_bytes(tar, MANIFEST_MEMBER, manifest.to_bytes())
        out.flush()
        os.fsync(out.fileno())
    return manifest


@dataclass(frozen=True)
class OpenedBackup:
    """A backup file whose header was read and whose file key was unwrapped with the master pair."""

    path: Path
    header: Header
    header_bytes: bytes
    file_key: bytes


def _master_for(header: Header) -> MasterKey:
    directory = key_directory()
    try:
        return directory.find(header.master_fingerprint)
    except MasterKeyNotFound:
        raise BackupError(_(
            "无法解开备份：它由指纹为 %(fp)s 的主密钥加密，但密钥目录 %(dir)s 中没有这个主密钥。"
            "请先把备份时的密钥目录从密钥备份恢复到 %(dir)s（或用环境变量 GOVSITE_KEY_DIR 指向它），再重新运行；"
            "不要运行 govsite keys init，新生成的主密钥解不开已有的备份。"
        ) % {"fp": header.master_fingerprint[:16], "dir": directory.path}) from None


def open_backup(path: Path) -> OpenedBackup:
    """Read the header and unwrap the file key; refused in Chinese if the file or the key is not there."""
    if not path.is_file():
        raise BackupError(_("找不到备份文件 %(path)s") % {"path": path})
    with path.open("rb") as handle:
        header, header_bytes = read_header(handle)
    master = _master_for(header)
    try:
        file_key = master.unwrap(header.wrapped_key_bytes, wrap_label(header.backup_id))
    except (MasterKeyError, ValueError):
        raise BackupFormatError(_("备份文件头已损坏或被篡改：文件密钥无法用主密钥解开")) from None
    return OpenedBackup(path, header, header_bytes, file_key)


def _created(target: Path) -> BinaryIO:
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.open("wb")


def _copy_member(source: BinaryIO, name: str, target: Path | None) -> FileEntry:
    """Hash a member, writing it to `target` when given."""
    digest, size = hashlib.sha256(), 0
    with _created(target) if target is not None else nullcontext() as out:
        for block in iter(lambda: source.read(BLOCK), b""):
            digest.update(block)
            size += len(block)
            if out is not None:
                out.write(block)
    return FileEntry(name, size, digest.hexdigest())


def _member_target(member: tarfile.TarInfo, sink: Sink) -> Path | None:
    if not member.isfile():
        raise BackupFormatError(_("备份中有不是普通文件的条目：%(name)s") % {"name": member.name})
    try:
        top, relative = member_parts(member.name)
    except ValueError as error:
        raise BackupFormatError(str(error)) from None
    return sink(top, relative)


def _read_members(tar: tarfile.TarFile, sink: Sink, progress: Callable[[], None]) -> tuple[bytes, dict]:
    manifest_bytes, found = b"", {}
    for member in tar:
        progress()
        source = tar.extractfile(member)
        if member.name == MANIFEST_MEMBER and source is not None:
            manifest_bytes = source.read()
            continue
        target = _member_target(member, sink)
        found[member.name] = _copy_member(source, member.name, target)
    return manifest_bytes, found


def read_archive(opened: OpenedBackup, sink: Sink) -> tuple[Manifest, dict[str, FileEntry]]:
    """Decrypt and unpack the whole file; the manifest and what was actually read, by archive name."""
    size = max(opened.path.stat().st_size // BLOCK, 1)
    with opened.path.open("rb") as handle:
        handle.seek(len(opened.header_bytes))
        body = ChunkReader(handle, opened.file_key, opened.header_bytes, opened.header.chunk_size)

        def progress() -> None:
            report_progress(min(handle.tell() // BLOCK, size), size, _("正在解密并校验备份"))

        try:
            with tarfile.open(fileobj=body, mode=f"r|{opened.header.compression}") as tar:
                manifest_bytes, found = _read_members(tar, sink, progress)
        except (tarfile.TarError, zlib.error, EOFError) as error:
            raise BackupFormatError(_("备份内容已损坏：%(error)s") % {"error": error}) from None
        body.finish()
    if not manifest_bytes:
        raise BackupFormatError(_("备份中没有清单文件 %(name)s") % {"name": MANIFEST_MEMBER})
    return Manifest.from_bytes(manifest_bytes), found
