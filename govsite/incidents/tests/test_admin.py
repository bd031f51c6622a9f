"""The security records in the admin (X8, X9), as the security administrator uses them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from govsite.audit.actions import EXPORT
from govsite.audit.models import AuditEntry
from govsite.incidents.golive_rules import CHECKS
from govsite.incidents.models import Drill, GoLiveReview, Incident

pytestmark = pytest.mark.django_db


def local(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


def incident_form(**overrides) -> dict:
    """The incident edit form with one timeline step, as the admin posts it."""
    data = {
        "title": "门户网站首页被篡改", "level": "larger", "category": "tampering", "record": "",
        "occurred_at": "2026-03-02 08:10", "discovered_at": "2026-03-02 08:30", "contained_at": "2026-03-02 08:50",
        "recovered_at": "2026-03-02 09:40", "description": "首页横幅被替换为不良图片",
        "evidence": "保留了篡改文件与访问日志", "measures": "防篡改系统自动恢复，封禁来源地址", "status": "recovered",
        "reported_at": "", "reported_by": "", "reported_to": "", "summary": "",
        "events-TOTAL_FORMS": "1", "events-INITIAL_FORMS": "0", "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
        "events-0-at": "2026-03-02 08:35", "events-0-action": "值班员发现篡改，报告分管领导", "events-0-actor": "值班员张某",
        "events-0-ORDER": "1", "events-0-id": "", "events-0-DELETE": "",
    }
    return {**data, **overrides}


def errors(response) -> str:
    return response.content.decode()


def test_x8_an_incident_is_registered_with_its_timeline_and_the_creation_is_audited(client, security_admin, portal):
    client.force_login(security_admin)
    response = client.post(reverse("incidents_incident:add"), incident_form(record=portal.pk))
    assert response.status_code == 302, errors(response)
    incident = Incident.objects.get()
    assert incident.record == portal and incident.status == "recovered"
    (step,) = incident.events.all()
    assert step.actor == "值班员张某" and timezone.localtime(step.at) == local("2026-03-02 08:35")
    entry = AuditEntry.objects.get(action="wagtail.create", object_type="incidents.incident")
    assert entry.actor == security_admin and entry.object_id == str(incident.pk) and entry.site == portal


def test_x8_recovered_before_occurred_is_refused_in_chinese_and_nothing_is_stored(client, security_admin):
    client.force_login(security_admin)
    response = client.post(reverse("incidents_incident:add"), incident_form(recovered_at="2026-03-02 07:00"))
    assert response.status_code == 200
    assert "恢复时间不能早于发生时间" in errors(response)
    assert not Incident.objects.exists()


def test_x8_an_incident_is_closed_only_with_a_post_incident_report(client, security_admin):
    client.force_login(security_admin)
    client.post(reverse("incidents_incident:add"), incident_form())
    incident = Incident.objects.get()
    edit = reverse("incidents_incident:edit", args=[incident.pk])
    step = {"events-INITIAL_FORMS": "1", "events-0-id": str(incident.events.get().pk)}
    closing = incident_form(status="closed", reported_at="2026-03-02 10:00", reported_by="李某",
                            reported_to="市委网信办", **step)
    response = client.post(edit, closing)
    assert response.status_code == 200
    assert "没有事后总结报告不能结案" in errors(response)
    incident.refresh_from_db()
    assert incident.status == "recovered"
    response = client.post(edit, {**closing, "summary": "原因：编辑器插件漏洞。整改：升级插件，加强口令管理。"})
    assert response.status_code == 302, errors(response)
    incident.refresh_from_db()
    assert incident.status == "closed" and incident.events.count() == 1
    assert AuditEntry.objects.filter(action="wagtail.edit", object_id=str(incident.pk)).exists()


def test_x8_a_post_incident_report_upload_must_be_a_real_document(client, security_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(security_admin)
    fake = SimpleUploadedFile("总结报告.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("incidents_incident:add"), incident_form(summary_document=fake))
    assert response.status_code == 200 and not Incident.objects.exists()
    assert "的内容是可执行程序，不能上传" in errors(response)


def test_x8_a_drill_report_is_kept_and_its_download_is_audited(client, security_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    client.force_login(security_admin)
    response = client.post(reverse("incidents_drill:add"), {
        "held_on": "2026-03-01", "kind": "live", "title": "首页篡改应急演练", "plan": "门户网站应急预案",
        "units": "市政府办公室、维护公司", "people": "12", "process": "模拟篡改并恢复", "problems": "恢复用时过长",
        "improvements": "缩短巡检间隔", "report": "",
        "report_document": SimpleUploadedFile("../演练报告.docx", buffer.getvalue())})
    assert response.status_code == 302, errors(response)
    drill = Drill.objects.get()
    assert drill.report_document.name.startswith("incidents/drills/2026/") and ".." not in drill.report_document.name
    link = reverse("incidents_document", args=["drill", drill.pk])
    assert f'href="{link}"' in client.get(reverse("incidents_drill:index")).content.decode()
    download = client.get(link)
    assert b"".join(download.streaming_content) == buffer.getvalue()
    assert AuditEntry.objects.filter(action=EXPORT, actor=security_admin, data__rows=1).exists()


def test_x8_the_listing_flags_a_larger_incident_not_reported_in_time(client, security_admin):
    found = timezone.now() - dt.timedelta(hours=5)
    Incident.objects.create(title="数据泄露", level="larger", category="data_leak", discovered_at=found,
                            description="名单泄露")
    client.force_login(security_admin)
    listing = client.get(reverse("incidents_incident:index")).content.decode()
    assert "仍未报告" in listing
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "安全管理待办" in home and "安全事件“数据泄露”" in home


def test_x8_the_incident_register_is_exported_as_xlsx_and_the_export_is_audited(client, security_admin):
    Incident.objects.create(title="拒绝服务攻击", level="ordinary", category="denial_of_service",
                            discovered_at=local("2026-03-01 10:00"), description="流量攻击")
    Incident.objects.create(title="首页故障", level="ordinary", category="failure",
                            discovered_at=local("2026-03-03 10:00"), description="服务器宕机")
    client.force_login(security_admin)
    response = client.get(reverse("incidents_incident:index"), {"category": "failure", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("事件名称", "事件级别", "事件类别")
    assert [row[0] for row in rows[1:]] == ["首页故障"]
    assert rows[1][5] == dt.datetime(2026, 3, 3, 10, 0)  # the wall-clock time in Asia/Shanghai
    entry = AuditEntry.objects.get(action=EXPORT)
    assert entry.actor == security_admin and entry.data["rows"] == 1 and "安全事件" in entry.action_label


def review_form(record, decision: str, failing: str | None = None, note: str = "") -> dict:
    data = {"record": record.pk, "kind": "function", "subject": "在线留言附件上传", "reviewer": "市网络安全测评中心",
            "reviewed_on": "2026-03-05", "decision": decision, "remarks": ""}
    for code, _label in CHECKS:
        data[f"result_{code}"] = "failed" if code == failing else "passed"
        data[f"note_{code}"] = note if code == failing else ""
    return data


def test_x9_a_go_live_review_is_refused_while_a_check_fails(client, security_admin, department):
    client.force_login(security_admin)
    add = reverse("incidents_golive:add")
    response = client.post(add, review_form(department, "passed", failing="uploads", note="未校验文件内容"))
    assert response.status_code == 200 and not GoLiveReview.objects.exists()
    assert "有检查项不通过，不能评估为通过：上传文件检查（类型、大小、内容）（X9）" in errors(response)
    response = client.post(add, review_form(department, "rejected", failing="uploads"))
    assert "“上传文件检查（类型、大小、内容）”为“不通过”时须填写说明" in errors(response)
    response = client.post(add, review_form(department, "rejected", failing="uploads", note="未校验文件内容"))
    assert response.status_code == 302, errors(response)
    review = GoLiveReview.objects.get()
    assert review.failed_count == 1 and review.checks["uploads"] == {"result": "failed", "note": "未校验文件内容"}
    edit = client.get(reverse("incidents_golive:edit", args=[review.pk])).content.decode()
    assert "未校验文件内容" in edit
    response = client.post(reverse("incidents_golive:edit", args=[review.pk]), review_form(department, "passed"))
    assert response.status_code == 302, errors(response)
    review.refresh_from_db()
    assert review.decision == "passed" and review.failed_count == 0


def test_x8_a_drill_in_the_future_or_without_people_is_refused(client, security_admin):
    client.force_login(security_admin)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(reverse("incidents_drill:add"), {
        "held_on": tomorrow.isoformat(), "kind": "tabletop", "title": "网页篡改应急处置演练", "plan": "",
        "units": "市政府办公室", "people": "0", "process": "推演", "problems": "", "improvements": "", "report": ""})
    page = errors(response)
    assert response.status_code == 200 and "日期不能晚于今天" in page
    assert not Drill.objects.exists()


def test_x8_the_drill_listing_reminds_when_no_drill_was_ever_recorded(client, security_admin):
    client.force_login(security_admin)
    listing = client.get(reverse("incidents_drill:index")).content.decode()
    assert "尚无应急演练记录" in listing


def test_only_holders_of_the_permission_see_the_records(client, make_user, department):
    from govsite.review.roles import Role

    client.force_login(make_user("plain_editor_sec", Role.EDITOR, department))
    assert client.get(reverse("incidents_incident:index")).status_code in (302, 403)
