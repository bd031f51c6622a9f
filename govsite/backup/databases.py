"""The database half of a backup (X6), per engine: a consistent snapshot with its table checksums, a restore
into the configured database, and a restore into a scratch database to verify a backup.

SQLite: the online backup API (`sqlite3.Connection.backup`), consistent while the platform writes, and in reverse
onto the live connection to restore. PostgreSQL: `pg_dump -Fc` on a snapshot exported from the transaction the
checksums are read in, so both see the same rows; `pg_restore` in one transaction. Passwords reach the tools
through PGPASSWORD, never the command line.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Protocol

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _
from psycopg import IsolationLevel

from .container import BackupError
from .manifest import DATABASE_PREFIX, TableSummary, summarise_rows

FETCH_ROWS = 2000
# Seconds a snapshot waits for a writer holding the database file (only during a checkpoint in WAL mode).
LOCK_TIMEOUT = 60
TOOL_ERROR_LINES = 5


class Database(Protocol):
    """What backup, verification and restore need from the configured database."""

    engine: str
    member: str

    def snapshot(self, target: Path) -> dict[str, TableSummary]: ...

    def scratch_tables(self, snapshot: Path) -> dict[str, TableSummary]: ...

    def restore(self, snapshot: Path) -> None: ...

    def tables(self) -> dict[str, TableSummary]: ...


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _ordered_select(table: str, order: list[str]) -> str:
    return f"SELECT * FROM {_quoted(table)} ORDER BY {', '.join(_quoted(c) for c in order)}"


def _summaries(names: list[str], order_of: Callable[[str], list[str]], rows_of) -> dict[str, TableSummary]:
    """Each table's summary, its rows read in primary-key order (every column when it has no key)."""
    return {name: summarise_rows(rows_of(_ordered_select(name, order_of(name)))) for name in sorted(names)}


class SqliteDatabase:
    """The embedded database file of a single-machine deployment."""

    engine = "sqlite"
    member = f"{DATABASE_PREFIX}/govsite.sqlite3"

    def __init__(self, wrapper: BaseDatabaseWrapper) -> None:
        self.wrapper = wrapper
        self.path = Path(wrapper.settings_dict["NAME"])

    def snapshot(self, target: Path) -> dict[str, TableSummary]:
        """Copy the committed database page by page under one read lock, then summarise the copy."""
        with closing(sqlite3.connect(self.path, timeout=LOCK_TIMEOUT)) as source, \
                closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
        return sqlite_tables(target)

    def scratch_tables(self, snapshot: Path) -> dict[str, TableSummary]:
        """Restore the snapshot into a temporary file the way `restore` does, check it, summarise it."""
        with tempfile.TemporaryDirectory(dir=snapshot.parent) as scratch_dir:
            scratch = Path(scratch_dir) / "scratch.sqlite3"
            with closing(sqlite3.connect(snapshot)) as source, closing(sqlite3.connect(scratch)) as target:
                source.backup(target)
                (verdict,) = target.execute("PRAGMA integrity_check").fetchone()
            if verdict != "ok":
                raise BackupError(_("备份中的数据库文件损坏：%(verdict)s") % {"verdict": verdict})
            return sqlite_tables(scratch)

    def restore(self, snapshot: Path) -> None:
        """Write the snapshot over the configured database through the live connection."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.wrapper.ensure_connection()
        with closing(sqlite3.connect(snapshot)) as source:
            source.backup(self.wrapper.connection)

    def tables(self) -> dict[str, TableSummary]:
        return sqlite_tables(self.path)


def sqlite_tables(path: Path) -> dict[str, TableSummary]:
    """The summaries of every table of a SQLite file, read through a plain read-only connection."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        names = [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")]

        def order_of(table: str) -> list[str]:
            columns = db.execute(f"PRAGMA table_info({_quoted(table)})").fetchall()
            keys = [name for _cid, name, *_rest, pk in sorted(columns, key=lambda c: c[5]) if pk]
            return keys or [column[1] for column in columns]

        return _summaries(names, order_of, db.execute)


_PG_TABLES = """
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()"""
_PG_KEY = """
    SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = %s::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)"""
_PG_COLUMNS = """
    SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped
    ORDER BY attnum"""


class PostgresDatabase:
    """A PostgreSQL database reached with the connection parameters of the settings."""

    engine = "postgresql"
    member = f"{DATABASE_PREFIX}/govsite.dump"

    def __init__(self, wrapper: BaseDatabaseWrapper) -> None:
        self.wrapper = wrapper
        self.name = wrapper.settings_dict["NAME"]

    def _environment(self) -> dict[str, str]:
        environment = dict(os.environ)
        password = self.wrapper.settings_dict.get("PASSWORD")
        if password:
            environment["PGPASSWORD"] = str(password)
        sslmode = self.wrapper.settings_dict.get("OPTIONS", {}).get("sslmode")
        if sslmode:
            environment["PGSSLMODE"] = sslmode
        return environment

    def _connection_arguments(self, database: str) -> list[str]:
        settings_dict = self.wrapper.settings_dict
        arguments = ["--no-password", f"--dbname={database}"]
        if settings_dict.get("HOST"):
            arguments.append(f"--host={settings_dict['HOST']}")
        if settings_dict.get("PORT"):
            arguments.append(f"--port={settings_dict['PORT']}")
        if settings_dict.get("USER"):
            arguments.append(f"--username={settings_dict['USER']}")
        return arguments

    def _run(self, tool: str, database: str, *arguments: str) -> None:
        """Run pg_dump or pg_restore; its own last error lines become the Chinese message when it fails."""
        command = [tool, *self._connection_arguments(database), *arguments]
        try:
            done = subprocess.run(command, env=self._environment(), capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise BackupError(_("找不到 %(tool)s：请安装与数据库服务器同版本的 PostgreSQL 客户端工具") % {"tool": tool}) from None
        if done.returncode != 0:
            detail = "\n".join(done.stderr.strip().splitlines()[-TOOL_ERROR_LINES:])
            raise BackupError(_("%(tool)s 执行失败：%(detail)s") % {"tool": tool, "detail": detail})

    @contextmanager
    def _snapshot_session(self, database: str) -> Iterator:
        """A separate connection in one read-only REPEATABLE READ transaction, closed afterwards."""
        wrapper = type(self.wrapper)({**self.wrapper.settings_dict, "NAME": database}, alias="backup")
        wrapper.ensure_connection()
        raw = wrapper.connection
        try:
            raw.autocommit = False
            raw.isolation_level = IsolationLevel.REPEATABLE_READ
            raw.read_only = True
            yield raw
            raw.rollback()
        finally:
            wrapper.close()

    def _tables_in(self, raw) -> dict[str, TableSummary]:
        with raw.cursor() as cursor:
            names = [row[0] for row in cursor.execute(_PG_TABLES).fetchall()]

        def order_of(table: str) -> list[str]:
            with raw.cursor() as cursor:
                keys = [row[0] for row in cursor.execute(_PG_KEY, [_quoted(table)]).fetchall()]
                return keys or [row[0] for row in cursor.execute(_PG_COLUMNS, [_quoted(table)]).fetchall()]

        def rows_of(sql: str) -> Iterator[tuple]:
            with raw.cursor(name=f"backup_{secrets.token_hex(4)}") as cursor:
                cursor.itersize = FETCH_ROWS
                cursor.execute(sql)
                yield from cursor

        return _summaries(names, order_of, rows_of)

    def snapshot(self, target: Path) -> dict[str, TableSummary]:
        """pg_dump on the snapshot of the transaction that reads the checksums: both see the same rows."""
        with self._snapshot_session(self.name) as raw:
            (snapshot_id,) = raw.execute("SELECT pg_export_snapshot()").fetchone()
            self._run("pg_dump", self.name, "--format=custom", f"--snapshot={snapshot_id}", f"--file={target}")
            return self._tables_in(raw)

    def _admin(self, statement: str) -> None:
        """CREATE or DROP DATABASE, which need a connection outside any transaction."""
        wrapper = self.wrapper.copy(alias="backup_admin")
        try:
            with wrapper.cursor() as cursor:
                cursor.execute(statement)
        finally:
            wrapper.close()

    def scratch_tables(self, snapshot: Path) -> dict[str, TableSummary]:
        """Restore into a scratch database created for the purpose and dropped afterwards."""
        scratch = f"{self.name[:40]}_verify_{secrets.token_hex(4)}"
        self._admin(f"CREATE DATABASE {_quoted(scratch)}")
        try:
            self._run("pg_restore", scratch, "--no-owner", "--single-transaction", "--exit-on-error", str(snapshot))
            with self._snapshot_session(scratch) as raw:
                return self._tables_in(raw)
        finally:
            self._admin(f"DROP DATABASE IF EXISTS {_quoted(scratch)} WITH (FORCE)")

    def restore(self, snapshot: Path) -> None:
        """pg_restore in one transaction, dropping what exists first; nothing changes if it fails."""
        self.wrapper.close()
        self._run("pg_restore", self.name, "--clean", "--if-exists", "--no-owner", "--single-transaction",
                  "--exit-on-error", str(snapshot))

    def tables(self) -> dict[str, TableSummary]:
        with self._snapshot_session(self.name) as raw:
            return self._tables_in(raw)


def configured_database(alias: str = "default") -> Database:
    """The backup side of the configured database; other engines are refused in Chinese."""
    wrapper = connections[alias]
    if wrapper.vendor == "sqlite":
        return SqliteDatabase(wrapper)
    if wrapper.vendor == "postgresql":
        return PostgresDatabase(wrapper)
    raise BackupError(_("不支持备份 %(vendor)s 数据库：平台只支持 SQLite 和 PostgreSQL") % {"vendor": wrapper.vendor})
