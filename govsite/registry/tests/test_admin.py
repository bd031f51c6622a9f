"""The registry in the admin: refusing bad input in Chinese, recording each change (S2, S6)."""

import re

import pytest
from django.urls import reverse

from govsite.registry.models import SiteRecord, SiteRecordChange
from govsite.registry.views import EDIT_FIELDS
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


def form_data(record: SiteRecord, **changes) -> dict:
    data = {}
    for name in EDIT_FIELDS:
        value = getattr(record, f"{name}_id" if name == "parent" else name)
        data[name] = "" if value is None else value
    data.update(changes)
    return data


def test_office_edit_with_bad_icp_is_refused_in_chinese(client, make_user, portal):
    client.force_login(make_user("office", Role.PORTAL_OFFICE))
    response = client.post(
        reverse("site_records:edit", args=[portal.pk]), form_data(portal, icp_number="ICP备123")
    )
    assert response.status_code == 200
    assert "ICP备案号“ICP备123”格式不正确" in response.content.decode()
    portal.refresh_from_db()
    assert portal.icp_number == "滇ICP备05001234号-1"
    assert not SiteRecordChange.objects.exists()


def test_office_edit_is_recorded_and_shown_as_history(client, make_user, portal):
    office = make_user("office", Role.PORTAL_OFFICE)
    client.force_login(office)
    response = client.post(
        reverse("site_records:edit", args=[portal.pk]), form_data(portal, contact_phone="0873-6555555")
    )
    assert response.status_code == 302
    change = SiteRecordChange.objects.get(record=portal)
    assert (change.field, change.old_value, change.new_value, change.changed_by) == (
        "contact_phone", "0873-6000001", "0873-6555555", office
    )
    page = client.get(reverse("site_records:changes", args=[portal.pk])).content.decode()
    assert "备案变更记录" in page and "0873-6555555" in page and "office" in page


def test_office_opens_a_site_from_a_template_in_the_admin(client, make_user, portal):
    client.force_login(make_user("office", Role.PORTAL_OFFICE))
    data = form_data(portal, name="测试市审计局", short_name="审计局", site_type="department",
                     sponsor="测试市审计局", domain="sjj.ceshi.gov.cn", site_id_code="5325040011",
                     chinese_domain="测试市审计局.政务", parent=portal.pk)
    data.update(template="department", city="测试", hostname="sjj.localhost", port=80)
    response = client.post(reverse("site_records:add"), data)
    assert response.status_code == 302, re.findall(r'class="error-message"[^<]*<[^>]*>([^<]+)', response.content.decode())
    assert response["Location"] == reverse("site_records:index")
    record = SiteRecord.objects.get(domain="sjj.ceshi.gov.cn")
    assert record.site.root_page.get_children().count() == 9


def test_editor_cannot_change_the_registry(client, make_user, portal):
    client.force_login(make_user("editor", Role.EDITOR, portal))
    response = client.post(
        reverse("site_records:edit", args=[portal.pk]), form_data(portal, contact_phone="1")
    )
    assert response.status_code in (302, 403)
    portal.refresh_from_db()
    assert portal.contact_phone == "0873-6000001"
