"""The report in the admin (R1): files with every cell counted or marked typed, publication refused until the
typed cells are filled, the link on the home page, the supervising overview, and each unit kept to its own."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from wagtail.models import ModelLogEntry

from govsite.reports import annual_form as form
from govsite.reports.models import WebsiteReport

from .checks import assert_every_cell_filled_or_marked, sheet_rows
from .conftest import BEIJING, YEAR, hand_values

pytestmark = pytest.mark.django_db


def url(record, year=YEAR, file_format=None) -> str:
    return f"/admin/website_reports/{record.pk}/{year}/" + (f"{file_format}/" if file_format else "")


def post_values(values: dict) -> dict:
    """The typed cells as the form sends them."""
    data = {"action": "save"}
    for key, value in values.items():
        data[key] = ("1" if value else "0") if isinstance(value, bool) else str(value)
    return data


def test_files_carry_every_cell_counted_or_marked_typed(client, people, year_of_records):
    client.force_login(people.editor)
    xlsx, docx = (client.get(url(year_of_records, file_format=f)) for f in ("xlsx", "docx"))
    assert xlsx.status_code == docx.status_code == 200
    cells = assert_every_cell_filled_or_marked(b"".join(xlsx.streaming_content), b"".join(docx.streaming_content))
    assert cells["总数"] == "8" and cells["留言办理：收到留言数量"] == "3"
    assert cells["注册用户数"] == form.HAND_MARK and cells["解读信息发布总数"] == form.HAND_MARK  # waits for a typed part
    annex = sheet_rows(b"".join(client.get(url(year_of_records, file_format="xlsx")).streaming_content))
    assert annex["附表：各栏目信息发布数量"][-1] == ("合计", None, 8)
    assert ModelLogEntry.objects.filter(action="govsite.reports.export").count() == 3


def test_publication_waits_for_the_typed_cells_then_shows_on_the_home_page(client, people, year_of_records):
    portal = year_of_records
    client.force_login(people.principal)
    response = client.post(url(portal), {"action": "publish"}, follow=True)
    errors = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("报表尚未填报" in e for e in errors) and any("注册用户数" in e and "填报日期" in e for e in errors)
    assert not WebsiteReport.objects.filter(status="published").exists()

    client.force_login(people.editor)
    partial = {k: v for k, v in hand_values().items() if k != "wechat_name"}
    client.post(url(portal), post_values(partial))
    client.force_login(people.principal)
    response = client.post(url(portal), {"action": "publish"}, follow=True)
    assert "以下手工填报项尚未填写：微信：名称" in response.content.decode()

    client.force_login(people.editor)
    client.post(url(portal), post_values(hand_values()))
    form_page = client.get(url(portal)).content.decode()
    assert '<option value="1" selected>是</option>' in form_page and "各项检查均已通过" in form_page
    client.force_login(people.principal)
    client.post(url(portal), {"action": "publish"})
    report = WebsiteReport.objects.get(record=portal, year=YEAR)
    assert report.status == "published" and report.page.live
    assert report.published_values["values"]["interpretations_total"] == 4  # 1 + 1 + 2 typed
    home, address = client.get("/").content.decode(), report.page.relative_url(portal.site)
    assert f'<a href="{address}">{YEAR}年度政府网站工作报表</a>' in home
    page = client.get(address).content.decode()
    assert "2（手工填报）" in page and "解读信息发布总数" in page
    actions = set(ModelLogEntry.objects.for_instance(report).values_list("action", flat=True))
    assert actions == {"govsite.reports.save", "govsite.reports.publish"}

    client.force_login(people.editor)
    response = client.post(url(portal), post_values(hand_values()), follow=True)
    assert "报表已发布，不能再修改" in response.content.decode()


def test_a_wrong_number_saves_nothing(client, people, portal):
    client.force_login(people.editor)
    response = client.post(url(portal), post_values({**hand_values(), "registered_users": "很多"}))
    assert response.status_code == 200 and "报表未保存" in response.content.decode()
    assert not WebsiteReport.objects.exists()


def test_the_overview_shows_each_sites_status_and_the_overdue_ones(client, people, portal, department):
    WebsiteReport.objects.create(record=portal, year=YEAR, status="published",
                                 published_at=dt.datetime(YEAR + 1, 1, 20, 9, tzinfo=BEIJING))
    WebsiteReport.objects.create(record=department, year=YEAR - 1, status="published",
                                 published_at=dt.datetime(YEAR, 3, 2, 9, tzinfo=BEIJING))
    client.force_login(people.office)
    page = client.get(f"/admin/website_reports/?year={YEAR}").content.decode()
    header = page.split("<header", 1)[1].split("</header>", 1)[0]
    assert "政府网站年度工作报表" in header  # the page names itself, not only 首页
    assert f'data-status="published">\n    <td><a href="{url(portal)}">' in page
    assert 'class="overdue" data-status="overdue"' in page and "逾期未发布" in page
    earlier = client.get(f"/admin/website_reports/?year={YEAR - 1}").content.decode()
    assert "逾期发布" in earlier and earlier.count('data-status="overdue"') == 1  # the portal's, never started
    current = client.get(f"/admin/website_reports/?year={YEAR + 1}").content.decode()
    assert current.count('data-status="not_started"') == 2

    client.force_login(people.editor)
    own = client.get(f"/admin/website_reports/?year={YEAR}").content.decode()
    assert portal.name in own and department.name not in own


def test_a_unit_cannot_open_another_units_report(client, people, portal):
    client.force_login(people.other_editor)
    assert client.get(url(portal)).status_code == 404
    assert client.get(url(portal, file_format="xlsx")).status_code == 404
    assert client.post(url(portal), post_values(hand_values())).status_code == 404
    assert not WebsiteReport.objects.exists()
    client.force_login(people.editor)
    own = client.get(url(portal)).content.decode()
    assert "平台数据：平台已发布信息（不含专题页本身），按发布日期统计" in own and "未能与原文逐字核实" in own
    assert client.get(url(portal, year=1999)).status_code == 404
