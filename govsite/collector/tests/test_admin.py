"""信息采集 in the admin (G1, P8): the test view stores nothing, manual collection is queued, editors see
their sites' countdowns, the office sees what is overdue, both on the dashboard."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from govsite.collector.models import CollectedItem, CollectionRun
from govsite.collector.runs import collect
from govsite.content.models import ArticlePage
from govsite.jobs.models import JobRun
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


def granted(user, *codenames: str):
    """The user with the collector permissions the roles are to hold (listed in the closing report)."""
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="collector",
                                                         codename__in=codenames))
    return user


@pytest.fixture
def office(make_user):
    return granted(make_user("collector_office", Role.PORTAL_OFFICE), "view_collectionsource",
                   "change_collectionsource", "view_collecteditem", "view_collectionrun")


def test_the_test_view_shows_what_would_be_collected_and_stores_nothing_g1(client, office, province,
                                                                            make_source):
    source = make_source(province)
    counts = (ArticlePage.objects.count(), get_document_model().objects.count(), CollectionRun.objects.count())
    client.force_login(office)
    edit = client.get(reverse("collector_sources:edit", args=[source.pk])).content.decode()
    assert reverse("collector_sources:test", args=[source.pk]) in edit and "测试采集源" in edit
    page = client.get(reverse("collector_sources:test", args=[source.pk])).content.decode()
    assert "列表页共找到 5 条信息" in page
    assert "云南省人民政府关于印发实施办法的通知" in page and "2026-03-01 09:30" in page
    assert "各州、市人民政府，省直各委、办、厅、局" in page and "1.实施办法.pdf" in page
    assert province.url("/zwgk/zcwj/202603/t20260301_101.html") in page
    assert (ArticlePage.objects.count(), get_document_model().objects.count(),
            CollectionRun.objects.count()) == counts
    assert not CollectedItem.objects.exists()
    assert province.hits["/files/202603/banfa.pdf"] == 0


def test_the_test_view_shows_a_broken_selector_in_chinese_g1(client, office, province, make_source):
    source = make_source(province, "/zwgk/gone/index.html")
    client.force_login(office)
    page = client.get(reverse("collector_sources:test", args=[source.pk])).content.decode()
    assert "返回状态码 404" in page


def test_manual_collection_is_queued_as_a_job_g1(client, office, province, make_source):
    source = make_source(province)
    client.force_login(office)
    response = client.post(reverse("collector_sources:run", args=[source.pk]))
    assert response.status_code == 302
    assert JobRun.objects.filter(task_name="collector.run_source", args=[source.pk], enqueued_by=office).exists()


def test_an_editor_cannot_test_sources_but_sees_the_collected_items_g1(client, make_user, portal, province,
                                                                        make_source):
    source = make_source(province)
    client.force_login(make_user("plain_editor", Role.EDITOR, portal))
    assert client.get(reverse("collector_sources:test", args=[source.pk])).status_code in (302, 403)
    assert client.get(reverse("collector_sources:index")).status_code in (302, 403)
    assert client.get(reverse("collector_items:index")).status_code == 200


def test_editors_see_their_sites_countdown_and_the_office_the_overdue_items_p8(client, office, make_user, portal,
                                                                             department, province, make_source):
    collect(make_source(province))
    item = CollectedItem.objects.get(url__endswith="t20260303_103.html")
    CollectedItem.objects.filter(important=True).update(repost_due=item.collected_at + timedelta(hours=12))
    editor = granted(make_user("portal_editor", Role.EDITOR, portal), "view_collecteditem")
    client.force_login(editor)
    listing = client.get(reverse("collector_items:index") + "?important=1").content.decode()
    assert "国务院常务会议精神传达学习安排" in listing and "剩余 11小时" in listing
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "待转载的重要信息（12小时内）" in home.split('id="collector-reposting-heading"', 1)[1]

    other = granted(make_user("department_editor", Role.EDITOR, department), "view_collecteditem")
    client.force_login(other)
    assert "国务院常务会议" not in client.get(reverse("collector_items:index")).content.decode()

    CollectedItem.objects.filter(important=True).update(repost_due=item.collected_at - timedelta(minutes=5))
    client.force_login(office)
    overdue = client.get(reverse("collector_items:index") + "?overdue=1").content.decode()
    assert "国务院常务会议精神传达学习安排" in overdue and "已超期" in overdue
    assert "关于做好春耕生产工作的通知" not in overdue
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = home.split('id="collector-reposting-heading"', 1)[1].split("</section>", 1)[0]
    assert "超过12小时未转载的重要信息" in panel
    overview = client.get(reverse("monitoring_overview")).content.decode()  # monitoring counts them per site
    portal_row = next(row for row in overview.split("<tr")[1:] if portal.name in row)
    department_row = next(row for row in overview.split("<tr")[1:] if department.name in row)
    overdue_count = CollectedItem.objects.overdue(timezone.now()).count()
    assert overdue_count >= 1
    assert f'<td class="reposts"><strong>{overdue_count}</strong>' in portal_row
    assert '<td class="reposts">0</td>' in department_row
