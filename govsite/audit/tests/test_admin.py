"""The auditor's view in the admin: read, filter, export to Excel; nobody else may look (X1)."""

from io import BytesIO

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from govsite.audit.chain import record
from govsite.audit.models import AuditEntry
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db
INDEX = "audit_log:index"


@pytest.fixture
def auditor(make_user):
    user = make_user("auditor1", Role.AUDITOR)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="audit", codename="view_auditentry"))
    return user


@pytest.fixture
def entries(make_user, portal):
    actor = make_user("editor9", None)
    return [
        record("govsite.test", actor=actor, site=portal, label="甲操作", ip="10.1.1.1"),
        record("govsite.other", label="乙操作"),
    ]


def test_auditor_sees_entries_and_filters_them(client, auditor, entries, portal):
    client.force_login(auditor)
    page = client.get(reverse(INDEX)).content.decode()
    assert "甲操作" in page and "乙操作" in page and "导出 Excel" in page
    for params in ({"action": "govsite.test"}, {"site": portal.pk}, {"actor_name": "editor9"}):
        filtered = client.get(reverse(INDEX), params).content.decode()
        assert "甲操作" in filtered and "乙操作" not in filtered, params
    today = timezone.localdate(entries[0].at).isoformat()  # the filter speaks Beijing dates
    assert "甲操作" in client.get(reverse(INDEX), {"at_from": today, "at_to": today}).content.decode()
    assert "甲操作" not in client.get(reverse(INDEX), {"at_to": "2000-01-01"}).content.decode()
    detail = client.get(reverse("audit_log:inspect", args=[entries[0].pk])).content.decode()
    assert entries[0].hash in detail and "10.1.1.1" in detail
    assert reverse(INDEX) in client.get(reverse("wagtailadmin_home")).content.decode()


def test_auditor_downloads_the_filtered_rows_as_xlsx_and_the_export_is_recorded(client, auditor, entries):
    client.force_login(auditor)
    response = client.get(reverse(INDEX), {"action": "govsite.test", "export": "xlsx"}, REMOTE_ADDR="10.3.3.3")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = list(openpyxl.load_workbook(BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[0][:5] == ("序号", "时间", "操作人", "操作代码", "操作")
    assert [row[4] for row in rows[1:]] == ["甲操作"] and rows[1][0] == entries[0].seq
    export = AuditEntry.objects.filter(action="govsite.export").first()
    assert (export.actor, export.ip) == (auditor, "10.3.3.3")
    assert export.data == {"kind": "audit_log", "rows": 1, "contains_personal_data": True}


def test_superuser_may_read_the_log(client, make_user, entries):
    client.force_login(make_user("root", None, is_superuser=True))
    assert client.get(reverse(INDEX)).status_code == 200


def test_others_are_refused(client, make_user, entries, portal):
    editor = make_user("editor1", Role.EDITOR, portal)
    client.force_login(editor)
    for params in ({}, {"export": "xlsx"}):
        response = client.get(reverse(INDEX), params)
        assert response.status_code in (302, 403) and "甲操作" not in response.content.decode()
    assert reverse(INDEX) not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert not AuditEntry.objects.filter(action="govsite.export").exists()
