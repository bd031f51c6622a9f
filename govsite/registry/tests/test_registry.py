"""The site registry: opening a site, refusing bad input, recording every change (S1, S2, S6)."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import Collection, Page, Site

from conftest import PORTAL_FIELDS, department_fields
from govsite.audit.models import AuditEntry
from govsite.columns.models import ColumnPage, HomePage
from govsite.registry.models import SiteRecord, SiteRecordChange
from govsite.registry.opening import open_site
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_opening_a_site_builds_its_whole_tree(portal):
    home = portal.site.root_page.specific
    assert isinstance(home, HomePage) and home.title == "测试市人民政府"
    titles = set(ColumnPage.objects.descendant_of(home).values_list("title", flat=True))
    assert {"魅力测试", "测试要闻", "政务公开", "信息公开目录", "法定主动公开内容", "公务员招考"} <= titles
    assert ColumnPage.objects.descendant_of(home).live().count() == 70  # 63 + the 7 of Art. 21
    assert portal.collection.name == "测试市人民政府"
    assert set(portal.role_groups.values_list("role", flat=True)) == {
        Role.EDITOR, Role.FIRST_REVIEW, Role.SECOND_REVIEW, Role.FINAL_REVIEW, Role.PRINCIPAL,
        Role.LETTER_HANDLER, Role.LETTER_APPROVER, Role.DISCLOSURE_HANDLER, Role.DISCLOSURE_HEAD,
    }


def test_department_site_sits_under_its_portal(department, portal):
    assert department.parent == portal
    assert department.superior == ("测试市人民政府", "http://testserver/")
    assert ColumnPage.objects.descendant_of(department.site.root_page).filter(title="工作动态").exists()


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("site_id_code", "12345", "网站标识码"),
        ("icp_number", "ICP 123", "ICP备案号"),
        ("psb_number", "滇公网安备 123号", "公安机关备案号"),
        ("domain", "abc.ceshi.gov.cn", "拼音首字母"),
        ("chinese_domain", "jtj.政务", "中文域名"),
    ],
)
def test_bad_registry_input_is_refused_and_nothing_is_created(portal, field, value, words):
    before = (Page.objects.count(), Site.objects.count(), Collection.objects.count(), SiteRecord.objects.count())
    with pytest.raises(ValidationError) as caught:
        open_site(department_fields(portal, **{field: value}), hostname="x.localhost",
                  template="department", city="测试")
    assert words in " ".join(caught.value.message_dict[field])
    after = (Page.objects.count(), Site.objects.count(), Collection.objects.count(), SiteRecord.objects.count())
    assert after == before


def test_domain_exception_needs_a_reason(portal):
    fields = department_fields(
        portal, name="测试市教育局", domain="edu.ceshi.gov.cn", site_id_code="5325040009"
    )
    with pytest.raises(ValidationError):
        open_site(fields, hostname="edu.localhost", template="department", city="测试")
    fields["domain_exception_reason"] = "沿用2010年起使用的域名"
    record = open_site(fields, hostname="edu.localhost", template="department", city="测试")
    assert record.domain == "edu.ceshi.gov.cn"


def test_duplicate_site_id_code_is_refused(portal):
    with pytest.raises(ValidationError) as caught:
        open_site(department_fields(portal, site_id_code=PORTAL_FIELDS["site_id_code"]),
                  hostname="x.localhost", template="department", city="测试")
    assert "site_id_code" in caught.value.message_dict


def test_every_change_is_recorded_with_who_old_and_new(portal, make_user):
    officer = make_user("office", Role.PORTAL_OFFICE)
    portal.contact_phone = "0873-6999999"
    portal.person_in_charge = "李新"
    portal.save(changed_by=officer)
    rows = {c.field: c for c in SiteRecordChange.objects.filter(record=portal)}
    assert set(rows) == {"contact_phone", "person_in_charge"}
    assert rows["contact_phone"].old_value == "0873-6000001"
    assert rows["contact_phone"].new_value == "0873-6999999"
    assert rows["person_in_charge"].changed_by == officer
    assert rows["person_in_charge"].field_label == "网站负责人"


def test_cli_lists_every_site_with_registry_fields(portal):
    data = json.loads(run("sites", "list", "--json"))
    assert [d["domain"] for d in data] == ["www.ceshi.gov.cn", "jtj.ceshi.gov.cn"]
    dept = data[1]
    for key in ("name", "site_type", "sponsor", "organizer", "person_in_charge", "person_phone",
                "person_email", "site_id_code", "icp_number", "psb_number", "chinese_domain"):
        assert dept[key], key
    assert dept["parent"] == "www.ceshi.gov.cn" and dept["site_type_label"] == "部门网站"


def test_cli_set_refuses_bad_input_and_changes_nothing(portal):
    with pytest.raises(CommandError) as caught:
        run("sites", "set", "www.ceshi.gov.cn", "icp_number=坏号码", "contact_phone=1")
    assert "ICP备案号" in str(caught.value)
    portal.refresh_from_db()
    assert portal.icp_number == PORTAL_FIELDS["icp_number"] and portal.contact_phone == "0873-6000001"
    assert not SiteRecordChange.objects.exists()


def test_cli_set_and_history(portal, make_user):
    make_user("office", Role.PORTAL_OFFICE)
    run("sites", "set", "www.ceshi.gov.cn", "contact_phone=0873-6111111", "--user", "office")
    entry = AuditEntry.objects.filter(action="wagtail.edit").latest("seq")
    assert (entry.actor_name, entry.site) == ("office", portal)
    history = json.loads(run("sites", "history", "www.ceshi.gov.cn", "--json"))
    assert history == [
        {**history[0], "changed_by": "office", "field": "contact_phone",
         "old": "0873-6000001", "new": "0873-6111111"}
    ]


def test_cli_create_opens_a_site_from_a_template(portal):
    run("sites", "create", "--template", "department", "--hostname", "wjj.localhost", "--city", "测试",
        "--parent", "www.ceshi.gov.cn",
        *[f"{k}={v}" for k, v in department_fields(None, name="测试市卫生健康局", short_name="卫健局",
          sponsor="测试市卫生健康局", domain="wjj.ceshi.gov.cn", site_id_code="5325040005",
          chinese_domain="测试市卫生健康局.政务").items() if k != "parent"])
    record = SiteRecord.objects.get(domain="wjj.ceshi.gov.cn")
    assert record.parent == portal
    assert ColumnPage.objects.descendant_of(record.site.root_page).count() == 28


def test_cli_unknown_field_is_named(portal):
    with pytest.raises(CommandError, match="不认识的字段：colour"):
        run("sites", "set", "www.ceshi.gov.cn", "colour=red")
