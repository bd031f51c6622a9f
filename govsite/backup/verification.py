"""Checking a backup file (X6): decrypt it whole, hash its files, restore its database into a scratch
database and compare row counts and checksums with its manifest."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from .archive import OpenedBackup, open_backup, read_archive, work_directory
from .container import BackupError
from .databases import Database, configured_database
from .manifest import DATABASE_PREFIX, Manifest, compare_files, compare_tables


@dataclass
class Check:
    """What a verification or restore found: the manifest, and every difference from it (none: passed)."""

    manifest: Manifest
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {"ok": self.ok, "problems": self.problems, "tables": len(self.manifest.tables),
                "rows": self.manifest.total_rows, "files": self.manifest.folder_files, "engine": self.manifest.engine}

    def text(self) -> str:
        """One line for people, then the differences."""
        counts = {"tables": len(self.manifest.tables), "rows": self.manifest.total_rows,
                  "files": self.manifest.folder_files}
        if self.ok:
            return _("校验通过：%(tables)s 张数据表、%(rows)s 行的行数与校验值一致，数据库快照与 %(files)s 个文件的 SHA-256 一致") % counts
        return "\n".join([_("校验未通过，发现 %(n)s 处不一致：") % {"n": len(self.problems)}, *self.problems])


def database_for(opened: OpenedBackup) -> Database:
    """The configured database, refused when it is not the engine the backup was made from."""
    database = configured_database()
    if database.engine != opened.header.engine:
        raise BackupError(_("此备份来自 %(source)s 数据库，当前配置的是 %(target)s：只能在同类数据库上校验或恢复")
                          % {"source": opened.header.engine, "target": database.engine})
    return database


def verify_backup(path: Path) -> Check:
    """The whole file authenticated, every file's hash and the scratch database compared with the manifest."""
    opened = open_backup(path)
    database = database_for(opened)
    with tempfile.TemporaryDirectory(dir=work_directory(), prefix=".verify-") as work:
        snapshot = Path(work) / "database"
        manifest, found = read_archive(opened, lambda top, _relative: snapshot if top == DATABASE_PREFIX else None)
        problems = compare_files(manifest.files, found)
        if not problems:
            problems = compare_tables(manifest.tables, database.scratch_tables(snapshot))
    return Check(manifest, problems)
