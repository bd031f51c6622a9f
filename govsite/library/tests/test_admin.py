"""信息资源库 in the admin (P10, G2): a system's token is shown once on creation, kept only as a digest and
its creation audited; the record listing filters by site and classification."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from govsite.audit.models import AuditEntry
from govsite.content.tests.factories import article, column_of
from govsite.library import events, tokens
from govsite.library.models import ApiClient
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    """The portal office with the library permissions the roles are to hold (listed in the closing report)."""
    user = make_user("library_office", Role.PORTAL_OFFICE)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="library", codename__in=[
        "view_libraryrecord", "view_apiclient", "add_apiclient", "change_apiclient"]))
    return user


def test_a_new_systems_token_is_shown_once_and_works_and_its_creation_is_audited_g2(client, office, department,
                                                                                     make_user):
    submitter = make_user("jtj_api", Role.EDITOR, department)
    client.force_login(office)
    response = client.post(reverse("library_clients:add"), {
        "name": "教体局办公系统", "record": department.pk, "can_read": "on", "can_write": "on",
        "submitter": submitter.pk, "active": "on"}, follow=True)
    page = response.content.decode()
    token = re.search(r"gsl_[\w-]+", page).group(0)
    stored = ApiClient.objects.get(name="教体局办公系统")
    assert stored.token_digest == tokens.digest(token) and token not in stored.token_digest
    assert Client().get("/api/library/items/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert token not in client.get(reverse("library_clients:edit", args=[stored.pk])).content.decode()
    entry = AuditEntry.objects.get(action=events.TOKEN_CREATE)
    assert entry.actor == office and entry.object_id == str(stored.pk) and token not in str(entry.data)


def test_a_writing_system_needs_a_submitter_g2(client, office, department):
    client.force_login(office)
    response = client.post(reverse("library_clients:add"), {
        "name": "无报送人系统", "record": department.pk, "can_write": "on", "active": "on"})
    assert "允许写入的系统须指定报送人" in response.content.decode()
    assert not ApiClient.objects.filter(name="无报送人系统").exists()
    assert not AuditEntry.objects.filter(action=events.TOKEN_CREATE).exists()


def test_the_record_listing_filters_by_site_p10(client, office, portal, department):
    article(column_of(portal, "测试要闻"), "门户要闻条目")
    article(column_of(department, "工作动态"), "教体局动态条目")
    client.force_login(office)
    listing = client.get(reverse("library_records:index"), {"record": department.pk}).content.decode()
    assert "教体局动态条目" in listing and "门户要闻条目" not in listing
