"""The manifest's checksums and comparisons (X6): the same rows give the same checksum, any change shows."""

from __future__ import annotations

import datetime as dt

import pytest

from govsite.backup.manifest import (
    FileEntry,
    Manifest,
    TableSummary,
    compare_files,
    compare_tables,
    member_parts,
    summarise_rows,
)

ROWS = [(1, "测试市", dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC), None, b"\x00\x01"), (2, "教体局", None, 1.5, b"")]


def test_x6_the_same_rows_give_the_same_checksum():
    assert summarise_rows(ROWS) == summarise_rows(list(ROWS))
    assert summarise_rows(ROWS).rows == 2


@pytest.mark.parametrize("changed", [
    [ROWS[1], ROWS[0]],
    [ROWS[0]],
    [ROWS[0], (2, "教体局", None, 1.5, b"x")],
    [ROWS[0], ("2", "教体局", None, 1.5, b"")],
    [ROWS[0], (2, "教体", "局", 1.5, b"")],
])
def test_x6_any_change_in_the_rows_changes_the_checksum(changed):
    assert summarise_rows(changed) != summarise_rows(ROWS)


def test_x6_table_differences_are_named_in_chinese():
    want = {"a": TableSummary(2, "x"), "b": TableSummary(1, "y"), "c": TableSummary(1, "z")}
    got = {"a": TableSummary(3, "x"), "b": TableSummary(1, "q"), "d": TableSummary(0, "")}
    assert compare_tables(want, got) == [
        "缺少数据表 c", "多出数据表 d", "数据表 a 行数不符：备份时 2 行，恢复后 3 行", "数据表 b 内容校验值不符"]
    assert compare_tables(want, dict(want)) == []


def test_x6_file_differences_are_named_in_chinese():
    want = [FileEntry("public/a.html", 3, "aa"), FileEntry("media/b.jpg", 5, "bb")]
    got = {"public/a.html": FileEntry("public/a.html", 3, "ab"), "media/c.jpg": FileEntry("media/c.jpg", 1, "c")}
    assert compare_files(want, got) == [
        "缺少文件 media/b.jpg", "清单外的文件 media/c.jpg", "文件 public/a.html 的大小或 SHA-256 不符"]


def test_x6_the_manifest_reads_back():
    manifest = Manifest("sqlite", "2026-03-01T03:00:00+08:00", "database/govsite.sqlite3",
                        {"a": TableSummary(2, "x")}, [FileEntry("database/govsite.sqlite3", 9, "d"),
                                                       FileEntry("public/首页.html", 3, "aa")])
    assert Manifest.from_bytes(manifest.to_bytes()) == manifest
    assert manifest.total_rows == 2 and manifest.folder_files == 1


@pytest.mark.parametrize("name", ["/etc/passwd", "public/../../etc/passwd", "other/file", "public"])
def test_x6_unsafe_member_names_are_refused(name):
    with pytest.raises(ValueError, match="备份中有"):
        member_parts(name)
