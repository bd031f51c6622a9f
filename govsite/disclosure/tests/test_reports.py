"""The annual disclosure report (R2): part three from the applications, part two from the catalogue, the check
that stops publication, the Word and Excel files, the command, and the admin pages of each role."""

from __future__ import annotations

import datetime as dt
import io
import json
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from govsite.content.models import ArticlePage
from govsite.content.tests.factories import article, column_of
from govsite.core.clock import clock_at
from govsite.disclosure import annual, reports
from govsite.disclosure.exports import PART_THREE_NOTE, report_docx, report_xlsx
from govsite.disclosure.models import AnnualReport, CatalogueEntry, DisclosureOffice, InformationRequest
from govsite.disclosure.report_views import PART_THREE_INPUT, ReportForm
from govsite.disclosure.rules import ApplicantType as A
from govsite.disclosure.rules import Outcome as O
from govsite.jobs.runs import run_inline
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db
Status = InformationRequest.Status
TITLE = "测试市教育体育局2026年政府信息公开工作年度报告"

# (applicant, received, answered, outcome, status) of the department's applications.
APPLICATIONS = [
    (A.NATURAL_PERSON, date(2025, 12, 20), date(2026, 1, 15), O.GRANTED, Status.ANSWERED),  # carried in, closed
    (A.BUSINESS, date(2025, 12, 28), None, None, Status.CONSULTING),  # carried in and out
    (A.NATURAL_PERSON, date(2025, 6, 1), date(2025, 6, 20), O.GRANTED, Status.ANSWERED),  # all in 2025
    (A.NATURAL_PERSON, date(2026, 2, 2), date(2026, 3, 1), O.GRANTED, Status.ANSWERED),
    (A.NATURAL_PERSON, date(2026, 3, 2), date(2026, 3, 25), O.PARTLY_GRANTED, Status.ANSWERED),
    (A.NATURAL_PERSON, date(2026, 4, 1), date(2026, 4, 20), O.WITHHELD_STATE_SECRET, Status.ANSWERED),
    (A.RESEARCH, date(2026, 5, 6), date(2026, 5, 30), O.UNAVAILABLE_NOT_HELD, Status.ANSWERED),
    (A.LEGAL_SERVICE, date(2026, 6, 1), date(2026, 6, 5), O.NOT_PROCESSED_REPEATED, Status.ANSWERED),
    (A.PUBLIC_INTEREST, date(2026, 7, 1), date(2026, 8, 1), O.OTHER_NOT_CORRECTED, Status.ANSWERED),
    (A.OTHER_ORGANISATION, date(2026, 9, 1), date(2026, 9, 9), O.WITHHELD_PROCESS, Status.ANSWERED),
    (A.BUSINESS, date(2026, 10, 10), date(2026, 10, 12), O.OTHER, Status.WITHDRAWN),
    (A.NATURAL_PERSON, date(2026, 11, 30), None, None, Status.PROCESSING),  # carried out
    (A.NATURAL_PERSON, None, None, None, Status.SUBMITTED),  # not yet received: not counted
]
NONZERO_2026 = {
    ("new", "natural"): 4, ("new", "business"): 1, ("new", "research"): 1, ("new", "public_interest"): 1,
    ("new", "legal_service"): 1, ("new", "other"): 1, ("new", "total"): 9,
    ("carried_in", "natural"): 1, ("carried_in", "business"): 1, ("carried_in", "total"): 2,
    ("granted", "natural"): 2, ("granted", "total"): 2,
    ("partly_granted", "natural"): 1, ("partly_granted", "total"): 1,
    ("withheld_state_secret", "natural"): 1, ("withheld_state_secret", "total"): 1,
    ("withheld_process", "other"): 1, ("withheld_process", "total"): 1,
    ("unavailable_not_held", "research"): 1, ("unavailable_not_held", "total"): 1,
    ("not_processed_repeated", "legal_service"): 1, ("not_processed_repeated", "total"): 1,
    ("other_not_corrected", "public_interest"): 1, ("other_not_corrected", "total"): 1,
    ("other", "business"): 1, ("other", "total"): 1,
    ("total", "natural"): 4, ("total", "business"): 1, ("total", "research"): 1, ("total", "public_interest"): 1,
    ("total", "legal_service"): 1, ("total", "other"): 1, ("total", "total"): 9,
    ("carried_out", "natural"): 1, ("carried_out", "business"): 1, ("carried_out", "total"): 2,
}


def apply(record, number: int, applicant, received, answered=None, outcome=None, status=Status.PROCESSING):
    return InformationRequest.objects.create(
        record=record, applicant_type=applicant, name="张三", phone="13812345678", description="2026年招生计划",
        query_code=f"T{record.pk}-{number:05d}", password_digest="x", received_on=received, answered_on=answered,
        outcome=outcome or "", status=status)


@pytest.fixture
def year_of_requests(department, portal):
    for number, row in enumerate(APPLICATIONS):
        apply(department, number, *row)
    apply(portal, 1, A.NATURAL_PERSON, date(2026, 5, 1), date(2026, 5, 6), O.GRANTED, Status.ANSWERED)


@pytest.fixture
def people(make_user, department, portal):
    return {
        "handler": make_user("dh1", Role.DISCLOSURE_HANDLER, department),
        "head": make_user("dhead1", Role.DISCLOSURE_HEAD, department),
        "other_handler": make_user("dh2", Role.DISCLOSURE_HANDLER, portal),
        "office": make_user("office1", Role.PORTAL_OFFICE),
    }


def run(*args) -> str:
    out = io.StringIO()
    call_command("disclosure", "report", *args, stdout=out)
    return out.getvalue()


def nonzero(cells_by_row: dict) -> dict:
    return {(row, column): n for row, cells in cells_by_row.items() for column, n in cells.items() if n}


def drafted(department, **fields) -> AnnualReport:
    report = reports.prepare(department, 2026)
    for name, value in {"part_one": "本年度，本局认真贯彻落实《中华人民共和国政府信息公开条例》。", **fields}.items():
        setattr(report, name, value)
    report.save()
    return report


# (a) The command counts part three from the applications, read-only.

def test_the_command_prints_every_cell_of_part_three_as_json(year_of_requests):
    data = json.loads(run("--site", "jtj.localhost", "--year", "2026", "--json"))
    assert (data["site"], data["year"]) == ("jtj.localhost", 2026)
    assert nonzero({row["key"]: row["cells"] for row in data["rows"]}) == NONZERO_2026
    assert data["check"] == {"rule": annual.CHECK_TEXT, "holds": True, "failures": []}
    assert [c["label"] for c in data["columns"]] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                                                    "其他", "总计"]
    assert not AnnualReport.objects.exists()  # read-only


def test_the_command_speaks_chinese_text_and_refuses_unknown_sites_and_years(year_of_requests):
    text = run("--site", "jtj.ceshi.gov.cn", "--year", "2026")
    assert "一、本年新收政府信息公开申请数量\t4\t1\t1\t1\t1\t1\t9" in text
    assert "勾稽关系（一 + 二 = 三（七） + 四）：成立" in text
    with pytest.raises(CommandError, match="找不到网站“nowhere.localhost”"):
        run("--site", "nowhere.localhost", "--year", "2026")
    for year in ("二〇二六", "1999", "2030"):
        with pytest.raises(CommandError, match="年"):
            run("--site", "jtj.localhost", "--year", year)


def test_the_command_writes_the_prepared_reports_files(year_of_requests, tmp_path):
    docx, xlsx = tmp_path / "report.docx", tmp_path / "report.xlsx"
    data = json.loads(run("--site", "jtj.localhost", "--year", "2026", "--json", "--docx", str(docx),
                          "--xlsx", str(xlsx)))
    assert data["files"] == [str(docx), str(xlsx)] and docx.read_bytes()[:2] == b"PK" == xlsx.read_bytes()[:2]
    report = AnnualReport.objects.get(year=2026)
    assert report.due_on == date(2027, 1, 31)  # a department: by 31 January (Art. 49)
    assert nonzero(report.part_three) == NONZERO_2026
    with pytest.raises(CommandError, match="无法写入文件"):
        run("--site", "jtj.localhost", "--year", "2026", "--docx", str(tmp_path / "missing" / "r.docx"))


# (b) The check stops publication; a balanced report is published under 年度报告.

def test_an_unbalanced_table_cannot_be_published_and_a_balanced_one_goes_live(year_of_requests, department, people):
    report = drafted(department)
    cells = {row: dict(values) for row, values in report.part_three.items()}
    cells["granted"]["natural"] = 3
    table, errors = annual.table_from_cells(cells)
    report = reports.update(report, people["handler"], {"part_three": table})
    assert errors == [] and report.part_three_edited
    with pytest.raises(reports.Refused) as refused:
        reports.publish(report, people["head"])
    assert "“自然人”列不平衡：一 + 二 = 5，三（七） + 四 = 6（应满足 一 + 二 = 三（七） + 四）" in refused.value.reasons
    assert report.page is None and AnnualReport.objects.get(pk=report.pk).status == AnnualReport.Status.DRAFT

    report = reports.recompute(report, people["handler"])
    assert not report.part_three_edited and reports.publish_problems(report) == []
    with pytest.raises(PermissionDenied):
        reports.publish(report, people["handler"])  # only the head publishes
    page = reports.publish(report, people["head"])
    assert page.live and page.title == TITLE
    assert page.get_parent().title == "年度报告" and page.get_parent().get_parent().title == "政府信息公开"
    assert page.get_parent().get_parent().get_parent().specific.get_site().hostname == "jtj.localhost"
    assert "（一）予以公开" in page.body and PART_THREE_NOTE in page.body
    assert [a.document.title for a in page.attachments.all()] == [f"{TITLE}（Word版）"]
    report.refresh_from_db()
    assert (report.status, report.page_id) == (AnnualReport.Status.PUBLISHED, page.pk) and report.published_at
    assert ModelLogEntry.objects.for_instance(report).filter(action="govsite.disclosure.report_publish").exists()
    again = reports.publish(report, people["head"])  # republished in place
    assert again.pk == page.pk and ArticlePage.objects.filter(title=TITLE).count() == 1


def test_an_empty_part_one_and_unbalanced_part_four_are_named(department):
    report = reports.prepare(department, 2026)
    report.part_four["reconsideration"].update(upheld=1, total=2)
    problems = reports.publish_problems(report)
    assert problems == ["第一部分“总体情况”不能为空", "第四部分“行政复议”的总计（2）应等于各结果之和（1）"]


def test_due_dates_follow_the_level(department, portal):
    assert reports.prepare(portal, 2026).due_on == date(2027, 3, 31)  # a local government: by 31 March
    DisclosureOffice.objects.create(record=department, agency_name="测试县教育体育局", unit_code="11530000015000000X",
                                    level="county", office_name="办公室", address="测试路1号", phone="0873-1")
    report = reports.prepare(department, 2026)
    assert report.due_on == date(2027, 3, 31)
    assert reports.report_title(report) == "测试县教育体育局2026年政府信息公开工作年度报告"


# (c) The Word and Excel files carry the format's labels and the numbers.

def test_the_word_file_has_the_title_parts_and_every_row_label(year_of_requests, department):
    from docx import Document

    document = Document(io.BytesIO(report_docx(drafted(department, part_five="一是……"))))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert texts[0] == TITLE
    assert [t for t in texts if t in annual.PART_TITLES] == list(annual.PART_TITLES)
    for label in [*annual.ROW_LABELS.values(), *annual.COLUMN_LABELS.values(), PART_THREE_NOTE, "（三）不予公开",
                  "第二十条第（八）项", "行政诉讼：复议后起诉", "一是……",
                  "本年度，本局认真贯彻落实《中华人民共和国政府信息公开条例》。"]:
        assert label in texts, label
    [part_three] = [t for t in document.tables if t.cell(0, 0).text == PART_THREE_NOTE]
    row = next(r for r in part_three.rows if r.cells[0].text == "一、本年新收政府信息公开申请数量")
    assert [c.text for c in row.cells[1:]] == ["4", "1", "1", "1", "1", "1", "9"]


def test_the_excel_file_has_one_sheet_per_table_part(year_of_requests, department):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(report_xlsx(drafted(department))))
    assert book.sheetnames == list(annual.PART_TITLES[1:4])
    sheet = book[annual.PART_TITLES[2]]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert rows["（一）予以公开"] == (2, 0, 0, 0, 0, 0, 2)
    assert rows["四、结转下年度继续办理"] == (1, 1, 0, 0, 0, 0, 2)
    assert rows[PART_THREE_NOTE][0] == "申请人情况" and rows["（三）不予公开"][0] is None
    assert rows[annual.ROW_LABELS["other_not_corrected"]] == (0, 0, 0, 1, 0, 0, 1)
    assert sheet["A1"].value == TITLE
    part_two = {row[0]: row[1:] for row in book[annual.PART_TITLES[1]].iter_rows(values_only=True) if row[0]}
    assert part_two["规章"] == (0, 0, 0) and part_two["行政事业性收费"][0] == 0


# (d) Part two counts the catalogue's rules and normative documents.

def catalogue(record, column, number: int, kind: str, formed_on: date, **fields) -> CatalogueEntry:
    """A published item with its catalogue entry (filed on publication, or created here) set as given."""
    page = article(column, f"测试文件{number}")
    entry, _created = CatalogueEntry.objects.update_or_create(page=page, defaults={
        "record": record, "index_number": f"TEST/2026-{number:05d}", "publisher": "测试市教育体育局",
        "formed_on": formed_on, "due_on": formed_on, "document_kind": kind, **fields})
    return entry


def test_part_two_counts_the_catalogue_and_keeps_the_typed_cells(department, portal):
    column = column_of(department, "信息公开制度")
    valid, invalid, repealed = (CatalogueEntry.Validity.VALID, CatalogueEntry.Validity.INVALID,
                                CatalogueEntry.Validity.REPEALED)
    catalogue(department, column, 1, "rules", date(2026, 3, 1), validity=valid)
    catalogue(department, column, 2, "rules", date(2024, 5, 1), validity=repealed, repealed_on=date(2026, 6, 1))
    catalogue(department, column, 3, "normative", date(2026, 2, 1), validity=valid)
    catalogue(department, column, 4, "normative", date(2025, 1, 1), validity=valid)
    catalogue(department, column, 5, "normative", date(2026, 4, 1), validity=invalid)
    catalogue(department, column, 6, "", date(2026, 4, 1), validity=valid)  # not a document of part two
    catalogue(department, column, 7, "normative", date(2025, 3, 1), validity=repealed, repealed_on=date(2025, 9, 1))
    catalogue(portal, column_of(portal, "信息公开制度"), 8, "rules", date(2026, 3, 1), validity=valid)
    assert reports.part_two_from_catalogue(department, 2026)["documents"] == {
        "rules": {"issued": 1, "repealed": 1, "in_force": 1},
        "normative": {"issued": 2, "repealed": 0, "in_force": 2},
    }
    assert reports.part_two_from_catalogue(department, 2025)["documents"]["normative"] == {
        "issued": 2, "repealed": 1, "in_force": 1}
    report = reports.prepare(department, 2026)
    report.part_two.update(licensing=12, fees="3.5")
    report.save()
    catalogue(department, column, 9, "rules", date(2026, 9, 1), validity=valid)
    report = reports.prepare(department, 2026)
    assert (report.part_two["licensing"], report.part_two["fees"]) == (12, "3.5")
    assert report.part_two["documents"]["rules"]["issued"] == 2


# (e) The admin pages: the unit's office prepares, edits and downloads; another unit's office cannot.

def denied(response) -> bool:
    """Wagtail answers a refused admin view with a redirect to the dashboard; a hidden report is a 404."""
    home = reverse("wagtailadmin_home")
    return response.status_code in (403, 404) or (response.status_code == 302 and response["Location"] == home)


def form_data(report: AnnualReport, **changes) -> dict:
    """What the edit form posts when nothing is changed, with `changes` typed over it."""
    data = {"action": "save", **ReportForm.initial_from(report)}
    data.update({PART_THREE_INPUT.format(row=row, column=column): report.part_three[row][column]
                 for row in annual.ROW_KEYS if row != annual.TOTAL for column in annual.COLUMNS[:-1]})
    return {**data, **changes}


def test_the_units_office_prepares_edits_and_downloads(client, year_of_requests, department, people):
    client.force_login(people["handler"])
    assert "测试市教育体育局" in client.get(reverse("disclosure_reports:index")).content.decode()
    response = client.post(reverse("disclosure_reports:prepare"), {"site": department.pk, "year": 2026})
    report = AnnualReport.objects.get(record=department, year=2026)
    assert response["Location"] == reverse("disclosure_reports:edit", args=[report.pk])
    page = client.get(response["Location"]).content.decode()
    assert "第一部分“总体情况”不能为空" in page and 'name="p3-granted-natural" value="2"' in page

    edit = reverse("disclosure_reports:edit", args=[report.pk])
    assert client.post(edit, form_data(report, part_one="草稿")).status_code == 302
    report.refresh_from_db()
    assert report.part_one == "草稿" and not report.part_three_edited  # an untouched table stays computed
    typed = form_data(report, part_one="本年度总体情况。", licensing=7, fees="1.25", **{"p3-granted-natural": "3"})
    assert client.post(edit, typed).status_code == 302
    report.refresh_from_db()
    assert report.part_one == "本年度总体情况。" and report.part_two["licensing"] == 7 and report.part_three_edited
    assert "“自然人”列不平衡" in client.get(edit).content.decode()
    assert client.post(edit, {"action": "recompute"}).status_code == 302
    report.refresh_from_db()
    assert not report.part_three_edited and report.part_three["granted"]["natural"] == 2

    for file_format, magic in (("docx", b"PK"), ("xlsx", b"PK")):
        response = client.get(reverse("disclosure_reports:file", args=[report.pk, file_format]))
        assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == magic
    assert client.get(reverse("disclosure_reports:file", args=[report.pk, "pdf"])).status_code == 404
    actions = set(ModelLogEntry.objects.for_instance(report).values_list("action", flat=True))
    assert {"govsite.disclosure.report_prepare", "govsite.disclosure.report_edit",
            "govsite.disclosure.report_recompute", "govsite.disclosure.report_export"} <= actions


def test_a_wrong_cell_shows_an_error_and_saves_nothing(client, year_of_requests, department, people):
    report = reports.prepare(department, 2026)
    client.force_login(people["handler"])
    edit = reverse("disclosure_reports:edit", args=[report.pk])
    for bad in ({"p3-new-natural": "两"}, {"p3-carried_in-business": "-1"}, {"licensing": "许多"},
                {"fees": "abc"}, {"p4_reconsideration_upheld": "-3"}):
        response = client.post(edit, form_data(report, part_one="不应保存", **bad))
        assert response.status_code == 200
        assert "年度报告未保存" in response.content.decode()
        fresh = AnnualReport.objects.get(pk=report.pk)
        assert fresh.part_one == "" and not fresh.part_three_edited and fresh.part_three == report.part_three
    page = client.post(edit, form_data(report, **{"p3-new-natural": "两"})).content.decode()
    assert "“一、本年新收政府信息公开申请数量”的“自然人”应为非负整数，收到“两”" in page
    assert 'name="p3-new-natural" value="两"' in page  # what was typed is shown again


def test_another_units_office_and_the_head_are_kept_to_their_part(client, year_of_requests, department, people):
    report = reports.prepare(department, 2026)
    edit = reverse("disclosure_reports:edit", args=[report.pk])
    client.force_login(people["other_handler"])
    assert "测试市教育体育局" not in client.get(reverse("disclosure_reports:index")).content.decode()
    assert denied(client.get(edit))
    assert denied(client.get(reverse("disclosure_reports:file", args=[report.pk, "docx"])))
    assert denied(client.post(reverse("disclosure_reports:prepare"), {"site": department.pk, "year": 2026}))
    assert denied(client.post(edit, form_data(report, part_one="越权")))

    client.force_login(people["head"])  # the head reads and publishes, but does not write the report
    assert client.get(edit).status_code == 200
    assert denied(client.post(edit, form_data(report, part_one="负责人改写")))
    assert client.post(edit, {"action": "publish"}, follow=True).status_code == 200
    assert AnnualReport.objects.get(pk=report.pk).status == AnnualReport.Status.DRAFT  # part one is empty
    AnnualReport.objects.filter(pk=report.pk).update(part_one="本年度总体情况。")
    client.post(edit, {"action": "publish"})
    assert AnnualReport.objects.get(pk=report.pk).page.title == TITLE
    assert AnnualReport.objects.get(pk=report.pk).record.site.hostname == "jtj.localhost"
    assert AnnualReport.objects.get(pk=report.pk).page.live

    client.force_login(people["office"])  # the portal office oversees and may refresh any site's report
    assert "测试市教育体育局" in client.get(reverse("disclosure_reports:index")).content.decode()
    assert client.post(edit, {"action": "prepare"}).status_code == 302
    assert denied(client.post(edit, form_data(report, part_one="主管改写")))


def test_an_unpublished_report_is_warned_of_before_and_after_its_date(department, make_user):
    """A department's 2026 report is due 2027-01-31 (Art. 49): told 15 days before, escalated after, once each."""
    DisclosureOffice.objects.create(record=department, agency_name="测试市教育体育局", unit_code="91110000600037341L",
                                    office_name="办公室", address="人民路1号", phone="0873-6000004")
    make_user("report_handler", Role.DISCLOSURE_HANDLER, department, email="ysq-report@ceshi.gov.cn")
    make_user("report_office", Role.PORTAL_OFFICE, email="office-report@ceshi.gov.cn")

    def warnings_on(day: dt.date) -> list:
        sent = len(mail.outbox)
        with clock_at(dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
            run_inline("disclosure.deadlines")
        return [m for m in mail.outbox[sent:] if "年度报告" in m.subject]

    assert warnings_on(dt.date(2027, 1, 15)) == []
    [near] = warnings_on(dt.date(2027, 1, 16))
    assert near.to == ["ysq-report@ceshi.gov.cn"] and "2027-01-31" in near.body
    assert warnings_on(dt.date(2027, 1, 20)) == []
    [late] = warnings_on(dt.date(2027, 2, 1))
    assert "office-report@ceshi.gov.cn" in late.to
    assert warnings_on(dt.date(2027, 2, 2)) == []
