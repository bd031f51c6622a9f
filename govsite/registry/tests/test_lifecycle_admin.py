"""The lifecycle in the admin (buttons, small forms, permission) and in `govsite lifecycle` (S3-S6)."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from conftest import department_fields
from govsite.registry.lifecycle_rules import CLOSING_ITEMS, OPENING_ITEMS
from govsite.registry.models import SiteChecklistItem, SiteDowntime, SiteRecord
from govsite.registry.opening import open_site
from govsite.registry.tests.test_admin import form_data
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_site_cache():
    """Sites opened by other tests are rolled back, but Wagtail's cache of site root paths keeps them."""
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture
def office(make_user):
    return make_user("office", Role.PORTAL_OFFICE)


@pytest.fixture
def planning_site(portal):
    fields = department_fields(
        portal, name="测试市审计局", short_name="审计局", sponsor="测试市审计局", domain="sjj.ceshi.gov.cn",
        site_id_code="5325040011", chinese_domain="测试市审计局.政务",
    )
    return open_site(fields, hostname="sjj.localhost", template="department", city="测试", status="planning")


def url(name: str, record) -> str:
    return reverse(f"site_records:lifecycle_{name}", args=[record.pk])


def status_of(record) -> str:
    return SiteRecord.objects.get(pk=record.pk).status


def local(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def test_edit_page_offers_the_steps_open_to_the_site(client, office, department, planning_site):
    client.force_login(office)
    html = client.get(reverse("site_records:edit", args=[department.pk])).content.decode()
    assert url("offline", department) in html and url("outage", department) in html and url("migrate", department) in html
    assert url("online", department) not in html and url("back_online", department) not in html
    html = client.get(reverse("site_records:edit", args=[planning_site.pk])).content.decode()
    assert url("checklist", planning_site) in html and url("online", planning_site) in html
    assert url("offline", planning_site) not in html


def test_only_holders_of_change_permission_may_act(client, make_user, department):
    client.force_login(make_user("editor", Role.EDITOR, department))
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert client.get(url("offline", department))["Location"] == reverse("wagtailadmin_home")
    end = timezone.now() + dt.timedelta(days=3)
    response = client.post(url("offline", department), {"reason": "整改", "planned_end": local(end)})
    assert response["Location"] == reverse("wagtailadmin_home")
    assert status_of(department) == "running"


def test_offline_form_refuses_31_days_in_chinese_and_accepts_10(client, office, department):
    client.force_login(office)
    too_long = local(timezone.now() + dt.timedelta(days=31, minutes=5))
    response = client.post(url("offline", department), {"reason": "改版", "planned_end": too_long})
    assert response.status_code == 200 and "不得超过30天" in response.content.decode()
    assert status_of(department) == "running"
    response = client.post(url("offline", department), {"reason": "改版", "planned_end": local(timezone.now() + dt.timedelta(days=10))})
    assert response.status_code == 302 and response["Location"] == reverse("site_records:edit", args=[department.pk])
    assert status_of(department) == "offline"
    html = client.get(reverse("site_records:edit", args=[department.pk])).content.decode()
    assert url("back_online", department) in html
    assert client.post(url("back_online", department)).status_code == 302
    assert status_of(department) == "running"


def test_checklist_form_then_online(client, office, planning_site):
    client.force_login(office)
    response = client.post(url("online", planning_site))
    assert response.status_code == 200 and "开通检查尚未完成" in response.content.decode()
    today = f"{timezone.localdate():%Y-%m-%d}"
    for item in OPENING_ITEMS:
        response = client.post(url("checklist", planning_site), {"item": item, "done_on": today, "note": "文号"})
        assert response.status_code == 302 and response["Location"] == url("checklist", planning_site)
    page = client.get(url("checklist", planning_site)).content.decode()
    assert "等级保护测评" in page and "office" in page
    assert client.post(url("online", planning_site)).status_code == 302
    assert status_of(planning_site) == "running"


def test_outage_migration_and_close_forms(client, office, department):
    client.force_login(office)
    start = local(timezone.now() - dt.timedelta(hours=2))
    assert client.post(url("outage", department), {"cause": "断电", "start": start}).status_code == 302
    assert url("outage_end", department) in client.get(reverse("site_records:edit", args=[department.pk])).content.decode()
    assert client.post(url("outage_end", department), {}).status_code == 302
    response = client.post(url("migrate", department), {"target_url": "https://jtj.new.ceshi.gov.cn", "destination": ""})
    assert response.status_code == 302 and status_of(department) == "migrating"
    response = client.post(url("close", department))
    assert response.status_code == 200 and "注销手续尚未完成" in response.content.decode()
    today = f"{timezone.localdate():%Y-%m-%d}"
    for item in CLOSING_ITEMS:
        client.post(url("checklist", department), {"item": item, "done_on": today})
    assert client.post(url("close", department)).status_code == 302
    assert status_of(department) == "migrated"


def run(*args) -> str:
    out = io.StringIO()
    call_command("lifecycle", *args, stdout=out)
    return out.getvalue()


def test_cli_show_as_json(department):
    state = json.loads(run("show", "jtj.localhost", "--json"))
    assert (state["status"], state["status_label"]) == ("running", "运行")
    assert state["allowed"] == ["offline", "migrate"]


def test_cli_takes_a_planning_site_online(planning_site, office):
    with pytest.raises(CommandError, match="还缺"):
        run("online", "sjj.localhost")
    for item in OPENING_ITEMS:
        run("checklist", "sjj.ceshi.gov.cn", "--item", item, "--date", "2026-01-05", "--note", "文号", "--user", "office")
    assert SiteChecklistItem.objects.filter(record=planning_site, recorded_by=office).count() == 6
    assert "网站已开通上线" in run("online", "sjj.localhost", "--user", "office")
    assert status_of(planning_site) == "running"


def test_cli_refuses_bad_steps_and_changes_nothing(department):
    with pytest.raises(CommandError, match="须处于“临时下线”状态"):
        run("back-online", "jtj.localhost")
    with pytest.raises(CommandError, match="不能登记"):
        run("checklist", "jtj.localhost", "--item", "icp", "--date", "2026-01-05")
    with pytest.raises(CommandError, match="格式不正确"):
        run("offline", "jtj.localhost", "--reason", "整改", "--end", "明天")
    end = timezone.localtime(timezone.now() + dt.timedelta(days=40))
    with pytest.raises(CommandError, match="不得超过30天"):
        run("offline", "jtj.localhost", "--reason", "整改", "--end", f"{end:%Y-%m-%dT%H:%M}")
    with pytest.raises(CommandError, match="找不到网站"):
        run("show", "nowhere.localhost")
    assert status_of(department) == "running" and not SiteDowntime.objects.exists()


def test_cli_offline_outage_migrate_close(department):
    end = timezone.localtime(timezone.now() + dt.timedelta(days=5))
    assert "临时下线" in run("offline", "jtj.localhost", "--reason", "整改", "--end", f"{end:%Y-%m-%dT%H:%M}")
    run("back-online", "jtj.localhost")
    start = timezone.localtime(timezone.now() - dt.timedelta(hours=80))
    run("outage", "jtj.localhost", "--cause", "断网", "--start", f"{start:%Y-%m-%dT%H:%M}")
    assert status_of(department) == "offline"
    run("back-online", "jtj.localhost")
    run("migrate", "jtj.localhost", "--to", "https://jtj.new.ceshi.gov.cn")
    with pytest.raises(CommandError, match="注销手续尚未完成"):
        run("close", "jtj.localhost")
    for item in CLOSING_ITEMS:
        run("checklist", "jtj.localhost", "--item", item, "--date", f"{timezone.localdate():%Y-%m-%d}")
    state = json.loads(run("close", "jtj.localhost", "--json"))
    assert state["status"] == "migrated" and state["notice_keep_until"]


def test_cli_escalate_runs_the_job(department):
    SiteDowntime.objects.create(record=department, kind="outage", reason="断电",
                                start=timezone.now() - dt.timedelta(hours=80))
    assert "1 个网站" in run("escalate")
    assert status_of(department) == "offline"


def test_sites_create_in_planning(portal):
    fields = department_fields(None, name="测试市卫生健康局", short_name="卫健局", sponsor="测试市卫生健康局",
                               domain="wjj.ceshi.gov.cn", site_id_code="5325040012", chinese_domain="测试市卫生健康局.政务")
    fields.pop("parent")
    out = io.StringIO()
    call_command("sites", "create", "--template", "department", "--hostname", "wjj.localhost", "--city", "测试",
                 "--parent", "www.ceshi.gov.cn", "--status", "planning", *[f"{k}={v}" for k, v in fields.items()],
                 stdout=out)
    assert SiteRecord.objects.get(domain="wjj.ceshi.gov.cn").status == "planning"


def test_admin_opens_a_site_in_planning(client, office, portal):
    client.force_login(office)
    data = form_data(portal, name="测试市审计局", short_name="审计局", site_type="department", sponsor="测试市审计局",
                     domain="sjj.ceshi.gov.cn", site_id_code="5325040011", chinese_domain="测试市审计局.政务",
                     parent=portal.pk)
    data.update(template="department", city="测试", hostname="sjj.localhost", port=80, planning="on")
    assert client.post(reverse("site_records:add"), data).status_code == 302
    assert SiteRecord.objects.get(domain="sjj.ceshi.gov.cn").status == "planning"
