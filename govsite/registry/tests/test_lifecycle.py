"""A site's lifecycle (S3-S6): each step good and bad, its notices, redirects, public pages, audit and history."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from conftest import department_fields
from govsite.audit.models import AuditEntry
from govsite.content.models import ArticlePage
from govsite.registry import lifecycle
from govsite.registry.lifecycle_rules import CLOSING_ITEMS, OPENING_ITEMS, ChecklistItem
from govsite.registry.models import SiteChecklistItem, SiteDowntime, SiteRecord
from govsite.registry.opening import open_site
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_site_cache():
    """Sites opened by other tests are rolled back, but Wagtail's cache of site root paths keeps them."""
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()

MIDDLEWARE = "govsite.registry.middleware.SiteStatusMiddleware"


@pytest.fixture
def office(make_user):
    return make_user("office", Role.PORTAL_OFFICE)


@pytest.fixture
def planning_site(portal, office):
    fields = department_fields(
        portal, name="测试市审计局", short_name="审计局", sponsor="测试市审计局", domain="sjj.ceshi.gov.cn",
        site_id_code="5325040011", chinese_domain="测试市审计局.政务",
    )
    return open_site(fields, hostname="sjj.localhost", template="department", city="测试", user=office,
                     status="planning")


@pytest.fixture
def status_pages(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]


def notices(record, title_part: str):
    return ArticlePage.objects.live().descendant_of(record.site.root_page).filter(
        kind="notice", title__contains=title_part
    )


def status_history(record):
    return list(record.changes.filter(field="status").values_list("old_value", "new_value", "changed_by__username"))


def record_all(record, items, user):
    for item in items:
        lifecycle.record_item(record, item, done_on=timezone.localdate(), user=user)


def test_open_site_keeps_running_by_default_and_planning_on_request(department, planning_site):
    assert department.status == "running"
    assert SiteRecord.objects.get(pk=planning_site.pk).status == "planning"
    with pytest.raises(ValidationError, match="只能处于"):
        open_site(department_fields(None), hostname="x.localhost", template="department", city="测试", status="closed")


def test_checklist_item_is_recorded_with_date_number_and_who(planning_site, office):
    entry = lifecycle.record_item(planning_site, "icp", done_on=dt.date(2026, 1, 5), user=office)
    assert (entry.done_on, entry.note, entry.recorded_by) == (dt.date(2026, 1, 5), planning_site.icp_number, office)
    entry = lifecycle.record_item(planning_site, "security_assessment", done_on=dt.date(2026, 1, 6),
                                  note="测评报告 No.2026-018", user=office)
    assert entry.note == "测评报告 No.2026-018"
    assert AuditEntry.objects.filter(action="govsite.site.checklist", site=planning_site).count() == 2


def test_checklist_refuses_items_of_the_wrong_phase_and_future_dates(planning_site, department):
    with pytest.raises(ValidationError, match="晚于今天"):
        lifecycle.record_item(planning_site, "icp", done_on=timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="不能登记"):
        lifecycle.record_item(department, "icp", done_on=timezone.localdate())
    assert not SiteChecklistItem.objects.exists()


def test_online_with_one_item_missing_is_refused_and_changes_nothing(planning_site, office, portal):
    record_all(planning_site, [i for i in OPENING_ITEMS if i != ChecklistItem.PSB], office)
    audit_before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="还缺 公安机关联网备案"):
        lifecycle.go_online(planning_site, user=office)
    assert SiteRecord.objects.get(pk=planning_site.pk).status == "planning"
    assert not notices(portal, "开通运行").exists()
    assert AuditEntry.objects.count() == audit_before
    assert not status_history(planning_site)


def test_online_publishes_the_opening_notice_on_the_portal_audits_and_records(planning_site, office, portal):
    record_all(planning_site, OPENING_ITEMS, office)
    record = lifecycle.go_online(planning_site, user=office)
    assert record.status == "running"
    notice = notices(portal, "关于测试市审计局开通运行的公告").get()
    assert notice.get_parent().title == "公示公告" and "5325040011" in notice.body
    entry = AuditEntry.objects.get(action="govsite.site.online")
    assert (entry.site, entry.actor, entry.action_label) == (record, office, "网站开通上线")
    assert status_history(record) == [("筹建", "运行", "office")]
    with pytest.raises(ValidationError, match="不能办理“开通上线”"):
        lifecycle.go_online(record, user=office)


def test_temporary_offline_publishes_notices_on_site_and_portal(department, portal, office):
    end = timezone.now() + dt.timedelta(days=10)
    downtime = lifecycle.take_offline(department, reason="网站安全整改", planned_end=end, user=office)
    assert SiteRecord.objects.get(pk=department.pk).status == "offline"
    assert downtime.site_notice.specific.get_parent().title == "通知公告"
    assert downtime.site_notice.get_site() == department.site
    assert downtime.portal_notice.get_site() == portal.site
    assert "网站安全整改" in downtime.portal_notice.specific.body
    assert status_history(department) == [("运行", "临时下线", "office")]
    assert AuditEntry.objects.filter(action="govsite.site.offline", site=department).exists()


def test_offline_of_the_portal_itself_publishes_one_notice(portal, office):
    downtime = lifecycle.take_offline(portal, reason="机房搬迁", planned_end=timezone.now() + dt.timedelta(days=2))
    assert downtime.site_notice == downtime.portal_notice
    assert notices(portal, "临时下线").count() == 1


def test_offline_over_30_days_is_refused_and_changes_nothing(department, portal):
    with pytest.raises(ValidationError, match="不得超过30天"):
        lifecycle.take_offline(department, reason="改版", planned_end=timezone.now() + dt.timedelta(days=31))
    assert SiteRecord.objects.get(pk=department.pk).status == "running"
    assert not SiteDowntime.objects.exists() and not notices(portal, "临时下线").exists()


def test_second_offline_in_the_same_year_is_refused(department, office):
    lifecycle.take_offline(department, reason="整改", planned_end=timezone.now() + dt.timedelta(days=1))
    lifecycle.back_online(department, user=office)
    with pytest.raises(ValidationError, match="每年不得超过1次"):
        lifecycle.take_offline(department, reason="再次整改", planned_end=timezone.now() + dt.timedelta(days=1))
    assert SiteRecord.objects.get(pk=department.pk).status == "running"


def test_back_online_ends_the_offline_and_is_refused_when_running(department, office):
    with pytest.raises(ValidationError, match="须处于“临时下线”状态"):
        lifecycle.back_online(department)
    lifecycle.take_offline(department, reason="整改", planned_end=timezone.now() + dt.timedelta(days=1))
    downtime = lifecycle.back_online(department, user=office)
    assert downtime.ended_at is not None
    assert status_history(department) == [("临时下线", "运行", "office"), ("运行", "临时下线", None)]
    assert AuditEntry.objects.filter(action="govsite.site.back_online", actor=office).exists()


def test_outage_is_not_counted_and_ends_without_offline(department, office):
    start = timezone.now() - dt.timedelta(hours=5)
    outage = lifecycle.report_outage(department, cause="市政施工断电", start=start, user=office)
    assert SiteRecord.objects.get(pk=department.pk).status == "running"
    with pytest.raises(ValidationError, match="尚未结束"):
        lifecycle.take_offline(department, reason="整改", planned_end=timezone.now() + dt.timedelta(days=1))
    lifecycle.end_outage(department, user=office)
    outage.refresh_from_db()
    assert outage.ended_at is not None
    lifecycle.take_offline(department, reason="整改", planned_end=timezone.now() + dt.timedelta(days=1))
    assert AuditEntry.objects.filter(action="govsite.site.outage_end").exists()


def test_outage_of_71_hours_is_not_escalated_73_is(department, portal):
    now = timezone.now()
    outage = lifecycle.report_outage(department, cause="光缆被挖断", start=now - dt.timedelta(hours=70))
    assert lifecycle.escalate_outages(now + dt.timedelta(hours=1)) == []
    assert SiteRecord.objects.get(pk=department.pk).status == "running"
    [offline] = lifecycle.escalate_outages(now + dt.timedelta(hours=3))
    assert (offline.kind, offline.outage, offline.start) == ("offline", outage, outage.start)
    assert offline.planned_end == outage.start + dt.timedelta(days=30)
    assert SiteRecord.objects.get(pk=department.pk).status == "offline"
    assert notices(portal, "临时下线").exists() and notices(department, "临时下线").exists()
    assert AuditEntry.objects.get(action="govsite.site.outage_escalate").action_label == "不可抗力中断超过72小时转为临时下线"
    assert lifecycle.escalate_outages(now + dt.timedelta(hours=4)) == []


def test_outage_reported_after_73_hours_is_escalated_at_once_and_counts_for_the_year(department):
    lifecycle.report_outage(department, cause="被责令紧急关停", start=timezone.now() - dt.timedelta(hours=73))
    assert SiteRecord.objects.get(pk=department.pk).status == "offline"
    lifecycle.back_online(department)
    outage = SiteDowntime.objects.get(kind="outage")
    assert outage.ended_at is not None
    with pytest.raises(ValidationError, match="每年不得超过1次"):
        lifecycle.take_offline(department, reason="整改", planned_end=timezone.now() + dt.timedelta(days=1))


def test_outage_on_a_site_not_running_is_refused(planning_site):
    with pytest.raises(ValidationError, match="只有处于“运行”状态"):
        lifecycle.report_outage(planning_site, cause="断电")


def migrate_department(department, office, target="https://jtj.new.ceshi.gov.cn"):
    lifecycle.start_migration(department, target_url=target, destination="测试市教育局网站", user=office)
    record_all(department, CLOSING_ITEMS, office)
    return lifecycle.close_site(department, user=office)


def test_migration_hangs_the_home_banner_and_keeps_the_site_serving(department, office, client, status_pages):
    record = lifecycle.start_migration(department, target_url="https://jtj.new.ceshi.gov.cn", user=office)
    assert record.status == "migrating" and "https://jtj.new.ceshi.gov.cn" in record.home_banner
    response = client.get("/", HTTP_HOST="jtj.localhost")
    assert response.status_code == 200
    assert response.context["site_record"].home_banner == record.home_banner
    assert ("运行", "迁移中", "office") in status_history(record)


def test_migration_needs_a_destination_and_a_valid_url(department):
    with pytest.raises(ValidationError, match="迁移后网址或原有内容去向"):
        lifecycle.start_migration(department)
    with pytest.raises(ValidationError, match="不是有效的网址"):
        lifecycle.start_migration(department, target_url="jtj new")
    assert SiteRecord.objects.get(pk=department.pk).status == "running"


def test_closing_before_registrations_are_cancelled_is_refused(department, office):
    lifecycle.start_migration(department, target_url="https://jtj.new.ceshi.gov.cn", user=office)
    lifecycle.record_item(department, "icp_cancelled", done_on=timezone.localdate(), user=office)
    with pytest.raises(ValidationError, match="还缺 注销公安机关备案、注销党政机关网站标识"):
        lifecycle.close_site(department, user=office)
    assert SiteRecord.objects.get(pk=department.pk).status == "migrating"
    assert not Redirect.objects.exists()


def test_finished_migration_redirects_every_live_page_and_announces_on_the_portal(department, portal, office):
    live = Page.objects.live().descendant_of(department.site.root_page, inclusive=True).count()
    record = migrate_department(department, office)
    assert record.status == "migrated"
    redirects = Redirect.objects.filter(site=department.site)
    assert redirects.count() == live
    home = redirects.get(old_path="/")
    assert home.redirect_link == "https://jtj.new.ceshi.gov.cn/" and home.is_permanent
    notice = notices(portal, "整合迁移").get()
    assert record.closing_notice_id == notice.pk and "https://jtj.new.ceshi.gov.cn" in notice.body
    assert record.notice_keep_until == timezone.localdate() + dt.timedelta(days=30)
    assert AuditEntry.objects.get(action="govsite.site.finish_migration").data["redirects"] == live


def test_closing_without_new_address_ends_permanently_offline(department, portal, office):
    lifecycle.start_migration(department, destination="门户网站“部门信息”栏目", user=office)
    record_all(department, CLOSING_ITEMS, office)
    record = lifecycle.close_site(department, user=office)
    assert record.status == "closed" and not Redirect.objects.exists()
    assert "门户网站“部门信息”栏目" in notices(portal, "永久下线").get().body
    with pytest.raises(ValidationError, match="不能办理"):
        lifecycle.start_migration(record, destination="别处")


def test_portal_notice_may_not_be_removed_within_30_days(department, portal, office, client, admin_user):
    record = migrate_department(department, office)
    notice = record.closing_notice
    assert "须保留至" in lifecycle.notice_removal_refusal(notice)
    assert "须保留至" in lifecycle.notice_removal_refusal(notice.get_parent())
    assert lifecycle.notice_removal_refusal(notice, today=record.notice_keep_until) is None
    assert lifecycle.notice_removal_refusal(department.site.root_page) is None
    client.force_login(admin_user)
    response = client.post(f"/admin/pages/{notice.pk}/unpublish/", follow=True)
    assert "须保留至" in response.content.decode()
    assert Page.objects.get(pk=notice.pk).live
    client.post(f"/admin/pages/{notice.pk}/delete/")
    assert Page.objects.filter(pk=notice.pk).exists()


def test_offline_site_answers_503_in_chinese_then_serves_again(department, office, client, status_pages):
    assert client.get("/", HTTP_HOST="jtj.localhost").status_code == 200
    end = timezone.now() + dt.timedelta(days=2)
    lifecycle.take_offline(department, reason="系统安全加固", planned_end=end, user=office)
    response = client.get("/", HTTP_HOST="jtj.localhost")
    html = response.content.decode()
    assert response.status_code == 503 and "网站临时下线公告" in html and "系统安全加固" in html
    assert 2 * 86400 - 120 < int(response["Retry-After"]) <= 2 * 86400
    assert client.get("/", HTTP_HOST="testserver").status_code == 200
    assert client.get("/admin/login/", HTTP_HOST="jtj.localhost").status_code == 200
    lifecycle.back_online(department, user=office)
    assert client.get("/", HTTP_HOST="jtj.localhost").status_code == 200


def test_planning_site_is_not_public_yet(planning_site, client, status_pages):
    response = client.get("/", HTTP_HOST="sjj.localhost")
    assert response.status_code == 503 and "网站筹建中" in response.content.decode()


def test_migrated_site_redirects_old_addresses_and_answers_410_elsewhere(department, office, client, status_pages):
    migrate_department(department, office)
    column = Page.objects.live().descendant_of(department.site.root_page).filter(title="通知公告").get()
    path = column.relative_url(department.site)
    response = client.get(path, HTTP_HOST="jtj.localhost")
    assert (response.status_code, response["Location"]) == (301, "https://jtj.new.ceshi.gov.cn" + path)
    gone = client.get("/no-such-page/", HTTP_HOST="jtj.localhost")
    assert gone.status_code == 410 and "整合迁移" in gone.content.decode()
