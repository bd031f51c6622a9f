"""`govsite restore` on a fresh machine (X6): an empty data folder and the key folder put back by the operator
become a working platform with the backed-up sites and public tree."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest
from django.db import connection

from govsite.backup.records import create_backup

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="新机器恢复的子进程测试使用内置 SQLite")


def test_x6_restore_into_an_empty_data_folder(db, folders, settings, tmp_path, portal):
    page = folders["public"] / portal.site.hostname / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<h1>测试市人民政府</h1>", encoding="utf-8")
    record = create_backup()
    fresh = tmp_path / "fresh"
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(GOVSITE_DATA_DIR=str(fresh), GOVSITE_KEY_DIR=str(settings.GOVSITE_KEY_DIR),
                       DJANGO_SETTINGS_MODULE="govsite.settings.dev")
    done = subprocess.run([sys.executable, "-m", "govsite", "restore", str(folders["backups"] / record.file_name),
                           "--json"], env=environment, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ok"] is True
    assert (fresh / "public" / portal.site.hostname / "index.html").read_bytes() == page.read_bytes()
    with closing(sqlite3.connect(fresh / "govsite.sqlite3")) as restored:
        names = {name for (name,) in restored.execute("SELECT name FROM registry_siterecord")}
    assert portal.name in names
