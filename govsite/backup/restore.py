"""Rebuilding the platform from a backup file (X6): everything is decrypted, authenticated and hashed into
staging first, so a bad file changes nothing; then the database, MEDIA_ROOT and the public tree are replaced
and the restored database is compared with the manifest."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from govsite.registry.models import SiteRecord

from .archive import file_roots, open_backup, read_archive, work_directory
from .container import BackupError
from .manifest import DATABASE_PREFIX, compare_files, compare_tables
from .verification import Check, database_for

# What makes a database "hold content": a restore over it needs --yes.
CONTENT = ((SiteRecord, {}), (Page, {"depth__gt": 1}), (get_user_model(), {}))


def holds_content() -> bool:
    """Whether the configured database has sites, pages or users (a migrated but empty one has none)."""
    tables = set(connection.introspection.table_names())
    return any(model._meta.db_table in tables and model._default_manager.filter(**where).exists()
               for model, where in CONTENT)


@contextmanager
def staging(roots: dict[str, Path]) -> Iterator[dict[str, Path]]:
    """An empty folder beside each root (same file system, so swapping in is a rename); removed if left."""
    staged = {}
    try:
        for name, root in roots.items():
            root.parent.mkdir(parents=True, exist_ok=True)
            staged[name] = Path(tempfile.mkdtemp(dir=root.parent, prefix=f".{root.name}.restore-"))
        yield staged
    finally:
        for folder in staged.values():
            shutil.rmtree(folder, ignore_errors=True)


def swap_in(staged: dict[str, Path], roots: dict[str, Path]) -> None:
    """Each staged folder takes its root's place; the old content is deleted."""
    for name, root in roots.items():
        old = root.with_name(f".{root.name}.old-{secrets.token_hex(4)}")
        if root.exists():
            os.rename(root, old)
        os.rename(staged[name], root)
        shutil.rmtree(old, ignore_errors=True)


def forget_cached_state() -> None:
    """Ids and pages cached before the restore may no longer be true."""
    ContentType.objects.clear_cache()
    Site.clear_site_root_paths_cache()
    cache.clear()


def restore_backup(path: Path, *, replace: bool = False) -> Check:
    """Restore `path` into the configured database and folders; refused over content unless `replace`."""
    opened = open_backup(path)
    database = database_for(opened)
    if not replace and holds_content():
        raise BackupError(_("目标数据库中已有网站、页面或用户，未做任何改动。确认要用备份覆盖现有数据时，请加 --yes 重新运行。"))
    roots = file_roots()
    with staging(roots) as staged, tempfile.TemporaryDirectory(dir=work_directory(), prefix=".restore-") as work:
        snapshot = Path(work) / "database"

        def sink(top: str, relative: PurePosixPath) -> Path:
            return snapshot if top == DATABASE_PREFIX else staged[top] / relative

        manifest, found = read_archive(opened, sink)
        problems = compare_files(manifest.files, found)
        if problems:
            raise BackupError(_("备份中的文件与清单不符，未做任何改动：%(problems)s") % {"problems": "；".join(problems[:10])})
        database.restore(snapshot)
        swap_in(staged, roots)
    forget_cached_state()
    return Check(manifest, compare_tables(manifest.tables, database.tables()))
