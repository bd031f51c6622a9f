"""The demo city: every site, every role, about 300 items, stale and empty columns on purpose."""

import datetime as dt
import json
import os
import stat
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page, Site

from govsite.columns.models import ColumnPage
from govsite.content.models import ContentPage, InterpretationPage
from govsite.interaction.models import KnowledgeEntry, Letter
from govsite.participation.models import Interview, Survey
from govsite.registry.models import SiteRecord
from govsite.reports.tests.checks import assert_demo_report
from govsite.review.roles import ROLE_LABELS

pytestmark = pytest.mark.django_db


def test_demo_refuses_a_platform_that_already_has_sites(portal):
    with pytest.raises(CommandError, match="演示数据只能装入空平台"):
        call_command("demo", "--credentials-file", os.devnull, stdout=StringIO())


def test_demo_city(tmp_path):
    SiteRecord.objects.filter(parent__isnull=False).delete()
    SiteRecord.objects.all().delete()
    Site.objects.all().delete()
    for page in Page.objects.filter(depth=2):
        page.delete()
    credentials = tmp_path / "demo-credentials.txt"
    out = StringIO()
    call_command("demo", "--json", "--credentials-file", str(credentials), stdout=out)
    data = json.loads(out.getvalue())

    records = {r.domain: r for r in SiteRecord.objects.select_related("site")}
    assert set(records) == {"www.mile.gov.cn", "www.mlmy.gov.cn", "fgj.mile.gov.cn",
                            "jtj.mile.gov.cn", "wjj.mile.gov.cn"}
    assert records["www.mile.gov.cn"].site.is_default_site

    assert {a["role"] for a in data["accounts"]} == set(ROLE_LABELS.values())
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    saved = credentials.read_text(encoding="utf-8")
    assert all(a["password"] in saved for a in data["accounts"])

    items = ContentPage.objects.live()
    assert 250 <= items.count() <= 400
    oldest = items.order_by("published_at").first().published_at
    assert timezone.now() - oldest > dt.timedelta(days=300)
    assert InterpretationPage.objects.live().filter(policy__isnull=False).exists()

    portal_root = records["www.mile.gov.cn"].site.root_page
    empty = ColumnPage.objects.descendant_of(portal_root).get(title="图片新闻")
    assert not ContentPage.objects.descendant_of(empty).exists()
    stale = ColumnPage.objects.descendant_of(portal_root).get(title="视频新闻")
    latest = ContentPage.objects.descendant_of(stale).order_by("-published_at").first()
    assert timezone.now() - latest.published_at > dt.timedelta(days=stale.effective_update_days())

    letters = Letter.objects.all()
    assert {"received", "dispatched", "answered"} <= set(letters.values_list("status", flat=True))
    assert letters.filter(extensions__status="approved").exists() and KnowledgeEntry.objects.count() >= 5
    assert Survey.objects.live().exists() and Interview.objects.live().exists()
    assert_demo_report(records["www.mile.gov.cn"])  # R1: the portal's annual website report
