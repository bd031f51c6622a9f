"""Columns showing library items of other sites without copying them (P10): the receiving site's public and
static listings link to the item on its own site, follow its withdrawal, and refuse feeds within one site."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html
from wagtail.models import Page

from govsite.audit.models import AuditEntry
from govsite.columns.listing import merge_oldest_first
from govsite.columns.navigation import ColumnTree
from govsite.content.tests.factories import article, column_of, policy
from govsite.library.models import ColumnFeed
from govsite.publishing.publisher import Publisher, site_dir
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db
SOURCE_COLUMN = "民生保障"


def test_fed_items_merge_into_the_own_items_by_publication_time_p10():
    day = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    own = [(day, 5), (day + dt.timedelta(days=2), 3)]
    fed = [(day + dt.timedelta(days=3), 9), (day, 7), (day + dt.timedelta(days=1), 8)]
    assert [pk for _when, pk in merge_oldest_first(own, fed)] == [5, 7, 8, 3, 9]


def listing(record, column) -> dict[str, str]:
    """The column's public listing on its own site: title → link, newest first."""
    response = Client(HTTP_HOST=record.site.hostname).get(column.url)
    assert response.status_code == 200
    links = lxml_html.fromstring(response.content).cssselect("ul.item-list a")
    return {a.text_content(): a.get("href") for a in links}


def feed(target, **source) -> ColumnFeed:
    return ColumnFeed.objects.create(target=target, **source)


def test_a_fed_item_is_listed_in_the_other_sites_column_linking_to_its_own_page_p10(portal, department):
    own = article(column_of(portal, "测试要闻"), "测试市召开全市安全生产工作会议", days_ago=3)
    shared = article(column_of(department, SOURCE_COLUMN), "测试市教体局部署秋季学期开学工作", days_ago=1)
    newest = article(column_of(portal, "测试要闻"), "测试市开展森林防火检查", days_ago=0.5)
    pages = Page.objects.count()
    feed(column_of(portal, "测试要闻"), source_record=department)
    shown = listing(portal, column_of(portal, "测试要闻"))
    assert list(shown) == [newest.title, shared.title, own.title]  # merged by publication date
    assert shown[shared.title] == shared.get_full_url() and shown[shared.title].startswith("http://jtj.localhost/")
    assert shown[own.title] == own.get_url_parts()[2]  # its own items keep same-site links
    assert Page.objects.count() == pages  # no copy, no second page


def test_a_feed_keeps_to_its_column_kind_and_limit_p10(portal, department):
    receiving = column_of(portal, "测试要闻")
    article(column_of(department, "法规文件"), "其他栏目的信息")
    old = policy(column_of(department, SOURCE_COLUMN), "测试市学生资助管理办法")
    article(column_of(department, SOURCE_COLUMN), "民生保障栏目的较早文章", days_ago=5)
    newer = article(column_of(department, SOURCE_COLUMN), "民生保障栏目的最新文章", days_ago=0.2)
    feed(receiving, source_column=column_of(department, SOURCE_COLUMN), kind="articlepage", limit=1)
    assert list(listing(portal, receiving)) == [newer.title]
    ColumnFeed.objects.update(kind="", limit=20)
    assert old.title in listing(portal, receiving) and "其他栏目的信息" not in listing(portal, receiving)


def test_a_column_with_only_fed_items_is_not_empty_p10(portal, department):
    video = column_of(portal, "视频新闻")
    assert Client().get(video.url).status_code == 404  # empty: not shown (C5)
    feed(video, source_record=department)
    assert Client().get(video.url).status_code == 404  # a feed with nothing live yet: still empty
    shared = article(column_of(department, SOURCE_COLUMN), "测试市教体局发布招生政策")
    assert ColumnTree(portal.site.root_page).is_live(video)
    assert list(listing(portal, video)) == [shared.title]
    rss = Client().get(f"{video.url}rss.xml").content.decode()
    assert f"<link>{shared.get_full_url()}</link>" in rss


@pytest.fixture
def tree(settings, tmp_path) -> Path:
    settings.GOVSITE_PUBLIC_ROOT = tmp_path
    return tmp_path


def test_the_static_listing_follows_the_source_item_and_its_withdrawal_p10(
        tree, portal, department, django_capture_on_commit_callbacks):
    receiving = column_of(portal, "测试要闻")
    article(receiving, "测试市召开全市安全生产工作会议", days_ago=3)
    feed(receiving, source_column=column_of(department, SOURCE_COLUMN))
    Publisher(portal.site).rebuild()
    index = site_dir(portal.site) / "zwyw/csyw/index.html"
    with django_capture_on_commit_callbacks(execute=True):
        shared = article(column_of(department, SOURCE_COLUMN), "测试市教体局部署秋季学期开学工作")
    written = index.read_text()
    assert f'<a href="{shared.get_full_url()}">{shared.title}</a>' in written
    assert not (site_dir(portal.site) / shared.url.strip("/")).exists()  # B's tree holds no copy
    with django_capture_on_commit_callbacks(execute=True):
        shared.unpublish()
    assert shared.title not in index.read_text() and "测试市召开全市安全生产工作会议" in index.read_text()


def test_an_only_fed_column_enters_and_leaves_the_static_tree_p10(
        tree, portal, department, django_capture_on_commit_callbacks):
    feed(column_of(portal, "视频新闻"), source_record=department)
    Publisher(portal.site).rebuild()
    index = site_dir(portal.site) / "zwyw/spxw/index.html"
    assert not index.exists()
    with django_capture_on_commit_callbacks(execute=True):
        shared = article(column_of(department, SOURCE_COLUMN), "测试市教体局发布招生政策")
    assert shared.title in index.read_text()
    with django_capture_on_commit_callbacks(execute=True):
        shared.unpublish()
    assert not index.exists()


@pytest.mark.parametrize(("target", "source", "message"), [
    ("portal", {"source_column": ("portal", "测试要闻")}, "栏目不能共享自己的信息"),
    ("portal", {"source_column": ("portal", "视频新闻")}, "来源与接收栏目属于同一网站"),
    ("portal", {"source_record": "portal"}, "来源与接收栏目属于同一网站"),
    ("portal", {}, "请在来源网站和来源栏目中选择一项"),
    ("portal", {"source_record": "department", "source_column": ("department", SOURCE_COLUMN)},
     "请在来源网站和来源栏目中选择一项"),
])
def test_a_feed_within_one_site_or_without_one_source_is_refused_in_chinese_p10(
        request, target, source, message):
    sites = {name: request.getfixturevalue(name) for name in ("portal", "department")}
    fields = {key: column_of(sites[value[0]], value[1]) if key == "source_column" else sites[value]
              for key, value in source.items()}
    with pytest.raises(ValidationError) as refused:
        ColumnFeed(target=column_of(sites[target], "测试要闻"), **fields).full_clean()
    assert any(message in text for text in refused.value.messages)


@pytest.fixture
def office(make_user):
    """The portal office with the feed permissions the role is to hold (listed in the closing report)."""
    user = make_user("feed_office", Role.PORTAL_OFFICE)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="library", codename__in=[
        "view_columnfeed", "add_columnfeed", "change_columnfeed", "delete_columnfeed"]))
    return user


def test_the_admin_refuses_a_same_site_feed_and_audits_a_good_one_p10(client, office, portal, department):
    client.force_login(office)
    target = column_of(portal, "测试要闻")
    refused = client.post(reverse("library_feeds:add"), {
        "target": target.pk, "source_column": column_of(portal, "视频新闻").pk, "limit": 20, "active": "on"})
    assert refused.status_code == 200 and "来源与接收栏目属于同一网站" in refused.content.decode()
    assert not ColumnFeed.objects.exists()
    client.post(reverse("library_feeds:add"), {
        "target": target.pk, "source_record": department.pk, "limit": 20, "active": "on"})
    created = ColumnFeed.objects.get()
    assert created.record == portal
    entry = AuditEntry.objects.filter(action="wagtail.create").latest("pk")
    assert entry.object_id == str(created.pk) and entry.site_id == portal.pk


def test_an_items_archive_place_counts_the_fed_items_older_than_it_p10(portal, department):
    """Publishing rewrites the archive page an item stands on: fed items older than it push it along."""
    receiving = column_of(portal, "测试要闻")
    article(column_of(department, SOURCE_COLUMN), "测试市教体局部署春季学期开学工作", days_ago=20)
    own = article(receiving, "测试市召开全市安全生产工作会议", days_ago=10)
    assert receiving.listing().position_of(own) == 0
    feed(receiving, source_record=department)
    assert receiving.listing().position_of(own) == 1
