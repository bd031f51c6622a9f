"""Co-built columns end to end (P9; 004 §11(4)): a named unit's editor submits into another site's column,
that site's reviewers approve; an editor of a unit not named is refused."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from conftest import department_fields
from govsite.audit.models import AuditEntry
from govsite.content.models import ArticlePage
from govsite.content.tests.factories import column_of
from govsite.registry.opening import open_site
from govsite.review.roles import Role
from govsite.sharing import events
from govsite.sharing.models import CoBuiltColumn

from .conftest import CHECKLIST, act, approve_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def co_built(department, portal):
    """B's 工作动态 is co-built with the portal's unit."""
    column = CoBuiltColumn.objects.create(column=column_of(department, "工作动态"), note="全市教育工作动态")
    column.units.add(portal)
    return column


@pytest.fixture
def other_unit_editor(portal, make_user):
    fields = department_fields(portal, name="测试市审计局", short_name="审计局", sponsor="测试市审计局",
                               domain="sjj.ceshi.gov.cn", site_id_code="5325040011",
                               chinese_domain="测试市审计局.政务")
    record = open_site(fields, hostname="sjj.localhost", template="department", city="测试")
    return make_user("audit_editor", Role.EDITOR, record)


def submit(client, user, co_built, title="市政府办公室参与教育督导检查"):
    client.force_login(user)
    return client.post(reverse("sharing_contribute"), {"co_built": co_built.pk, "title": title,
                                                       "body": "督导检查覆盖<全市>中小学。"})


def test_p9_named_unit_submits_and_column_site_reviewers_approve(client, co_built, portal, side_a, side_b):
    response = submit(client, side_a["editor"], co_built)
    assert response.status_code == 302
    page = ArticlePage.objects.child_of(co_built.column).get(title="市政府办公室参与教育督导检查")
    assert not page.live and page.source == portal.name
    assert page.get_latest_revision_as_object().body == "<p>督导检查覆盖&lt;全市&gt;中小学。</p>"
    with pytest.raises(PermissionDenied):  # the submitter's own site's reviewers have no say
        act(page, side_a["first"], "approve", comment="", **CHECKLIST)
    page = approve_all(page, side_b)
    assert page.live
    assert AuditEntry.objects.filter(action=events.CONTRIBUTE, object_id=str(page.pk)).exists()


def test_p9_unnamed_unit_is_refused_in_chinese(client, co_built, other_unit_editor):
    response = submit(client, other_unit_editor, co_built, title="审计局报送的信息")
    assert response.status_code == 200
    assert "您所在单位不是栏目“工作动态”的共建单位，不能报送" in response.content.decode()
    assert not ArticlePage.objects.filter(title="审计局报送的信息").exists()
    assert AuditEntry.objects.filter(action=events.CONTRIBUTE_REFUSED, actor=other_unit_editor).exists()


def test_p9_contribute_page_names_the_users_co_built_columns(client, co_built, side_a, other_unit_editor):
    client.force_login(side_a["editor"])
    assert "您所在单位参与共建的栏目：\n    工作动态" in client.get(reverse("sharing_contribute")).content.decode()
    menu_link = f'"{reverse("sharing_contribute")}"'  # the sidebar's menu, as the page's JSON carries it
    assert menu_link in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(other_unit_editor)
    assert menu_link not in client.get(reverse("wagtailadmin_home")).content.decode()  # not named: no menu
    client.force_login(side_a["editor"])
    response = client.post(reverse("sharing_contribute"), {"co_built": co_built.pk, "title": "", "body": ""})
    assert "请填写标题" in response.content.decode()
