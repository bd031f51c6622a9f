"""What a backup holds, and how a restored copy is compared with it (X6); no Django import.

The manifest travels inside the encrypted archive: per table its row count and a checksum of its rows (read
through the database in primary-key order), per file its archive path, size and SHA-256.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath

MANIFEST_MEMBER = "manifest.json"
DATABASE_PREFIX = "database"
FILE_ROOTS = ("media", "public")


@dataclass(frozen=True)
class TableSummary:
    """A table as the backup saw it."""

    rows: int
    checksum: str


@dataclass(frozen=True)
class FileEntry:
    """A file in the archive: `media/…` or `public/…`, its size and SHA-256."""

    path: str
    size: int
    sha256: str


@dataclass
class Manifest:
    """The inventory written as the archive's last member."""

    engine: str
    created_at: str
    database_member: str
    tables: dict[str, TableSummary] = field(default_factory=dict)
    files: list[FileEntry] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(table.rows for table in self.tables.values())

    @property
    def folder_files(self) -> int:
        """How many files of MEDIA_ROOT and the public tree it holds (the database snapshot not counted)."""
        return sum(1 for entry in self.files if not entry.path.startswith(f"{DATABASE_PREFIX}/"))

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        fields = json.loads(data.decode("utf-8"))
        fields["tables"] = {name: TableSummary(**t) for name, t in fields["tables"].items()}
        fields["files"] = [FileEntry(**f) for f in fields["files"]]
        return cls(**fields)


def _canonical(value: object) -> bytes:
    """One value as bytes, with its type, so that 1, "1" and 1.0 never hash alike."""
    if value is None:
        return b"N"
    if isinstance(value, bytes | bytearray | memoryview):
        return b"B" + bytes(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return b"T" + value.isoformat().encode()
    if isinstance(value, dict | list):
        return b"J" + json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")
    if isinstance(value, float | decimal.Decimal):
        return b"F" + repr(value).encode()
    return type(value).__name__.encode() + b":" + str(value).encode("utf-8", "surrogatepass")


def summarise_rows(rows: Iterable[Sequence[object]]) -> TableSummary:
    """Row count and SHA-256 of the rows in the order given, each value length-prefixed."""
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        count += 1
        for value in row:
            encoded = _canonical(value)
            digest.update(len(encoded).to_bytes(8, "big") + encoded)
        digest.update(b"\n")
    return TableSummary(count, digest.hexdigest())


def compare_tables(expected: Mapping[str, TableSummary], actual: Mapping[str, TableSummary]) -> list[str]:
    """Every difference between the manifest's tables and a restored database's, in Chinese; empty if none."""
    problems = [f"缺少数据表 {name}" for name in sorted(expected.keys() - actual.keys())]
    problems += [f"多出数据表 {name}" for name in sorted(actual.keys() - expected.keys())]
    for name in sorted(expected.keys() & actual.keys()):
        want, got = expected[name], actual[name]
        if want.rows != got.rows:
            problems.append(f"数据表 {name} 行数不符：备份时 {want.rows} 行，恢复后 {got.rows} 行")
        elif want.checksum != got.checksum:
            problems.append(f"数据表 {name} 内容校验值不符")
    return problems


def compare_files(expected: Iterable[FileEntry], actual: Mapping[str, FileEntry]) -> list[str]:
    """Files of the manifest missing, changed or extra among those read back, in Chinese; empty if none."""
    wanted = {entry.path: entry for entry in expected}
    problems = [f"缺少文件 {path}" for path in sorted(wanted.keys() - actual.keys())]
    problems += [f"清单外的文件 {path}" for path in sorted(actual.keys() - wanted.keys())]
    problems += [f"文件 {path} 的大小或 SHA-256 不符" for path in sorted(wanted.keys() & actual.keys())
                 if wanted[path] != actual[path]]
    return problems


def member_parts(name: str) -> tuple[str, PurePosixPath]:
    """(top folder, path below it) of an archive member; refuses absolute paths, `..` and unknown folders."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or len(path.parts) < 2:
        raise ValueError(f"备份中有不安全的路径：{name}")
    top = path.parts[0]
    if top not in (DATABASE_PREFIX, *FILE_ROOTS):
        raise ValueError(f"备份中有不认识的目录：{name}")
    return top, PurePosixPath(*path.parts[1:])
