"""Archived pages (S7): same address, 已归档 banner with time, topic archive, out of timeliness."""

import pytest
from django.urls import reverse

from govsite.content.models import TopicPage
from govsite.content.tests.factories import article, column_of, publish
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


def path(page):
    return page.get_url_parts()[2]


def test_archived_item_keeps_its_address_with_a_banner_and_leaves_timeliness(client, portal, make_user):
    news = column_of(portal, "测试要闻")
    page = article(news, "2025年春运工作安排")
    office = make_user("office", Role.PORTAL_OFFICE)
    client.force_login(office)
    response = client.post(reverse("content_toggle_archive", args=[page.pk]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.archived_at is not None
    client.logout()
    html = client.get(path(page)).content.decode()
    assert "已归档" in html and page.archived_at.astimezone().strftime("%Y-%m-%d") in html
    assert not news.timely_items().filter(pk=page.pk).exists()
    assert news.items_oldest_first().filter(pk=page.pk).exists()


def test_finished_topics_move_to_the_topic_archive(client, portal):
    topics = column_of(portal, "专题栏目")
    done = publish(topics, TopicPage(title="2025年防汛专题", body="<p>专题</p>"))
    publish(topics, TopicPage(title="2026年营商环境专题", body="<p>专题</p>"))
    done.set_archived(True)
    html = client.get(path(topics)).content.decode()
    archive = html[html.index("专题归档"):]
    assert "2025年防汛专题" in archive and "2026年营商环境专题" not in archive


def test_only_the_portal_office_archives(client, portal, make_user):
    page = article(column_of(portal, "测试要闻"), "一条新闻")
    client.force_login(make_user("editor", Role.EDITOR, portal))
    client.post(reverse("content_toggle_archive", args=[page.pk]))
    page.refresh_from_db()
    assert page.archived_at is None
