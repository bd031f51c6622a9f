"""Lexicons edited in the admin (P6): merged into each site's config, which is rebuilt on change."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from govsite.textcheck.engine import check_text
from govsite.textcheck.models import Leader, LexiconEntry, TypoPair, WhitelistEntry
from govsite.textcheck.site_config import config_for_site

pytestmark = pytest.mark.django_db


def kinds(text: str, config) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in check_text(text, config)]


def test_platform_rows_apply_to_every_site_and_are_picked_up_after_saving(portal, department):
    assert kinds("禁止销售违禁货品甲", config_for_site(portal)) == []
    entry = LexiconEntry.objects.create(word="违禁货品甲", category="违禁品", severity="block")
    assert kinds("禁止销售违禁货品甲", config_for_site(portal)) == [("sensitive", "违禁货品甲")]
    assert kinds("禁止销售违禁货品甲", config_for_site(None)) == [("sensitive", "违禁货品甲")]
    entry.delete()
    assert kinds("禁止销售违禁货品甲", config_for_site(department)) == []


def test_site_rows_apply_to_their_site_only(portal, department):
    LexiconEntry.objects.create(word="本站禁用词", category="其他", severity="warn", site=department)
    assert kinds("本站禁用词", config_for_site(department)) == [("sensitive", "本站禁用词")]
    assert kinds("本站禁用词", config_for_site(portal)) == []
    LexiconEntry.objects.create(word="停用词语", category="其他", severity="warn", active=False)
    assert kinds("停用词语", config_for_site(portal)) == []


def test_whitelist_typo_and_leader_rows_extend_the_shipped_data(portal):
    WhitelistEntry.objects.create(word="种植大麻品种试验", site=portal)
    TypoPair.objects.create(wrong="帐篷费", right="账篷费")
    Leader.objects.create(name="周明远", title="市长")
    config = config_for_site(portal)
    assert kinds("工业种植大麻品种试验", config) == []
    assert kinds("帐篷费", config) == [("typo", "帐篷费")]
    assert kinds("市长周明园指出", config) == [("leader_name", "周明园")]


def test_links_to_the_platforms_own_sites_are_not_external(portal):
    text = "详见http://www.ceshi.gov.cn/zwgk/ 和 http://jtj.localhost/x"
    assert kinds(text, config_for_site(portal)) == []


def test_the_lexicons_are_in_the_admin_menu(admin_client):
    menu = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"name": "textcheck"' in menu
    assert json.dumps("内容检查词库") in menu  # the sidebar menu is JSON, characters escaped
    for name in ("textcheck_lexicon", "textcheck_whitelist", "textcheck_leaders", "textcheck_typos"):
        assert admin_client.get(reverse(f"{name}:index")).status_code == 200
    response = admin_client.post(
        reverse("textcheck_lexicon:add"), {"word": "后台新增词", "category": "广告", "severity": "block", "active": "on"}
    )
    assert response.status_code == 302
    assert kinds("后台新增词", config_for_site(None)) == [("sensitive", "后台新增词")]
