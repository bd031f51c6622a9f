"""Static publishing (X4): the right files change and no others, atomically, on every kind of change."""

import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from govsite.content.tests.factories import article, column_of
from govsite.publishing.files import file_for, sha256_file, write_atomic
from govsite.publishing.models import PublishedFile
from govsite.publishing.publisher import Publisher, site_dir

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(settings, tmp_path) -> Path:
    settings.GOVSITE_PUBLIC_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def built(tree, portal, django_capture_on_commit_callbacks):
    """A portal with one article in 测试要闻, fully published."""
    with django_capture_on_commit_callbacks(execute=True):
        article(column_of(portal, "测试要闻"), "测试市召开全市安全生产工作会议", days_ago=3)
    Publisher(portal.site).rebuild()
    return site_dir(portal.site)


def snapshot(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_file_names():
    assert file_for("/") == "index.html"
    assert file_for("/zwyw/csyw/") == "zwyw/csyw/index.html"
    assert file_for("/zwyw/rss.xml") == "zwyw/rss.xml"
    with pytest.raises(ValueError):
        file_for("/../etc/passwd")


def test_full_build_writes_the_site_with_its_manifest(built, portal):
    files = set(snapshot(built))
    assert {"index.html", "sitemap.xml", "static/govsite/css/site.css", "zwyw/csyw/index.html",
            "zwyw/csyw/p/1/index.html", "zwyw/csyw/rss.xml", "zwyw/index.html"} <= files
    assert not any(f.startswith("zwyw/spxw/") for f in files)  # 视频新闻 is empty: never published (C5)
    for row in PublishedFile.objects.filter(host=portal.site.hostname):
        assert sha256_file(built / row.path) == row.sha256
    assert "测试市召开全市安全生产工作会议" in (built / "zwyw/csyw/index.html").read_text()
    rss = (built / "zwyw/csyw/rss.xml").read_text()
    assert rss.startswith('<?xml') and "<item><title>测试市召开全市安全生产工作会议</title>" in rss


def test_publishing_an_item_rewrites_exactly_its_files(built, portal, django_capture_on_commit_callbacks):
    before = snapshot(built)
    with django_capture_on_commit_callbacks(execute=True):
        page = article(column_of(portal, "测试要闻"), "测试市开展森林防火检查")
    after = snapshot(built)
    changed = {f for f in after if before.get(f) != after[f]}
    item = page.get_url_parts()[2].strip("/") + "/index.html"
    assert changed == {
        item, "index.html", "sitemap.xml",
        "zwyw/index.html", "zwyw/p/1/index.html", "zwyw/rss.xml",
        "zwyw/csyw/index.html", "zwyw/csyw/p/1/index.html", "zwyw/csyw/rss.xml",
    }


def test_unpublishing_removes_the_page_and_refreshes_its_listing(built, portal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        keep = article(column_of(portal, "测试要闻"), "保留的新闻")
        gone = article(column_of(portal, "测试要闻"), "撤下的新闻")
    gone_file = built / (gone.get_url_parts()[2].strip("/") + "/index.html")
    assert gone_file.exists()
    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    assert not gone_file.exists()
    assert not PublishedFile.objects.filter(path=gone_file.relative_to(built).as_posix()).exists()
    listing = (built / "zwyw/csyw/index.html").read_text()
    assert "撤下的新闻" not in listing and keep.title in listing


def test_moving_an_item_moves_its_file(built, portal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = article(column_of(portal, "测试要闻"), "调整栏目的新闻")
    old = built / (page.get_url_parts()[2].strip("/") + "/index.html")
    target = column_of(portal, "部门乡镇信息")
    with django_capture_on_commit_callbacks(execute=True):
        page.move(target, pos="last-child")
    page.refresh_from_db()
    new = built / (page.get_url_parts()[2].strip("/") + "/index.html")
    assert not old.exists() and new.exists()
    assert "调整栏目的新闻" not in (built / "zwyw/csyw/index.html").read_text()
    assert "调整栏目的新闻" in (built / "zwyw/bmxzxx/index.html").read_text()


def test_replacement_is_atomic(tmp_path, monkeypatch):
    write_atomic(tmp_path, "a/index.html", b"old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(tmp_path, "a/index.html", b"new")
    assert (tmp_path / "a/index.html").read_bytes() == b"old"
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["index.html"]  # no temporary file left


def test_rebuild_is_safe_to_rerun(built, portal):
    before = snapshot(built)
    result = Publisher(portal.site).rebuild()
    assert result.written == [] and snapshot(built) == before


def test_publish_command(tree, portal):
    out = StringIO()
    call_command("publish", "--all", "--site", portal.domain, "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report[0]["host"] == portal.site.hostname and report[0]["written"] >= 3 and not report[0]["failed"]
