"""`govsite workdays`: JSON for automation, Chinese refusals for mistyped dates and numbers."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.workdays.management.commands.workdays import parse_date, parse_days
from govsite.workdays.models import CalendarYear, SpecialDay
from govsite.workdays.rules import missing_years_warning, years_to_confirm

pytestmark = pytest.mark.django_db
WARNING_2027 = "2027年的法定节假日和调休安排尚未录入工作日历，截止日期按周一至周五推算，可能不准确；请系统管理员录入后自动重算"


def workdays(*args: str) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


def test_add_prints_the_due_date():
    # Received Fri 2026-02-13. 1: Sat 02-14 (调休); 02-15..02-23 春节; 2: 02-24, 3: 02-25, 4: 02-26, 5: Fri 02-27.
    assert json.loads(workdays("add", "--from", "2026-02-13", "--days", "5", "--json")) == {
        "due": "2026-02-27", "from": "2026-02-13", "days": 5, "uncovered_years": [], "warning": "",
    }
    assert workdays("add", "--from", "2026-02-13", "--days", "5").strip() == (
        "2026-02-13（星期五）起算（当日不计入），第 5 个工作日是 2026-02-27（星期五）"
    )


def test_add_into_2027_warns():
    # Received Thu 2026-12-24. 1: 12-25, 2-5: 12-28..12-31, 6: Fri 2027-01-01 (guessed), 7: Mon 2027-01-04.
    assert json.loads(workdays("add", "--from", "2026-12-24", "--days", "7", "--json")) == {
        "due": "2027-01-04", "from": "2026-12-24", "days": 7, "uncovered_years": [2027], "warning": WARNING_2027,
    }
    assert WARNING_2027 in workdays("add", "--from", "2026-12-24", "--days", "7")


def test_between_counts_working_days():
    # After Fri 2026-09-18 up to Mon 10-12: 09-20 (调休), 09-21..09-24, 09-28..09-30, 10-08, 10-09, 10-10 (调休), 10-12.
    assert json.loads(workdays("between", "2026-09-18", "2026-10-12", "--json")) == {
        "from": "2026-09-18", "to": "2026-10-12", "working_days": 12, "uncovered_years": [], "warning": "",
    }
    backwards = json.loads(workdays("between", "2026-10-12", "2026-09-18", "--json"))
    assert backwards["working_days"] == -12
    # After Thu 2026-12-31 up to Fri 2027-01-08: 2027-01-01 and 01-04..01-08, Monday to Friday.
    crossing = json.loads(workdays("between", "2026-12-31", "2027-01-08", "--json"))
    assert (crossing["working_days"], crossing["uncovered_years"]) == (6, [2027])
    assert "工作日天数按周一至周五推算" in crossing["warning"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "--from", "2026-02-30", "--days", "5"), "起算日“2026-02-30”不是实际存在的日期"),
        (("add", "--from", "2026/02/13", "--days", "5"), "起算日“2026/02/13”格式不对，请按 YYYY-MM-DD 填写"),
        (("add", "--from", "20260213", "--days", "5"), "格式不对"),
        (("add", "--from", "２０２６-０２-１３", "--days", "5"), "格式不对"),
        (("add", "--from", "2026-02-13", "--days", "五"), "工作日天数“五”不是整数"),
        (("add", "--from", "2026-02-13", "--days", "2.5"), "工作日天数“2.5”不是整数"),
        (("add", "--from", "2026-02-13", "--days", "0"), "工作日天数必须是 1 到 10000 之间的整数"),
        (("add", "--from", "2026-02-13", "--days", "-3"), "工作日天数必须是 1 到 10000 之间的整数"),
        (("add", "--from", "2026-02-13", "--days", "99999999"), "工作日天数必须是 1 到 10000 之间的整数"),
        (("between", "2026-09-18", "明天"), "截止日“明天”格式不对"),
    ],
)
def test_bad_input_is_refused_in_chinese(args, message):
    with pytest.raises(CommandError, match=message):
        workdays(*args, "--json")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30))
def test_any_typed_text_is_a_date_and_a_number_or_a_chinese_refusal(date_text, days_text):
    for parse, text in ((lambda t: parse_date(t, "起算日"), date_text), (parse_days, days_text)):
        try:
            parse(text)
        except CommandError as error:
            assert "“" in str(error) and ("格式不对" in str(error) or "不是" in str(error))


def test_seed_reports_what_it_added():
    assert json.loads(workdays("seed", "--json"))["years"] == []  # migrate has seeded every year already
    CalendarYear.objects.filter(year=2026).delete()
    SpecialDay.objects.filter(date__year=2026).delete()
    report = json.loads(workdays("seed", "--json"))
    # 2026: 33 holidays (元旦 3, 春节 9, 清明 3, 劳动节 5, 端午 3, 中秋 3, 国庆 7) and 6 调休 days.
    assert (report["years"], report["days_added"], report["days_kept"]) == ([2026], 39, 0)
    assert report["skipped_years"] == list(range(2004, 2026)) and report["source"] == "chinesecalendar 1.11.0"
    assert SpecialDay.objects.filter(date__year=2026, kind=SpecialDay.Kind.HOLIDAY).count() == 33


def test_years_lists_each_year_and_the_missing_ones():
    CalendarYear.objects.create(year=2027)
    data = json.loads(workdays("years", "--json"))
    by_year = {row["year"]: row for row in data["years"]}
    assert by_year[2026] | {"confirmed_at": None} == {
        "year": 2026, "complete": True, "source": "chinesecalendar", "confirmed_by": None, "confirmed_at": None,
        "note": "chinesecalendar 1.11.0", "holidays": 33, "working_days": 6,
    }
    assert (by_year[2027]["complete"], by_year[2027]["holidays"]) == (False, 0)
    # The years to confirm depend on today (rules tested in test_rules): 2027 from November 2026 on.
    missing = years_to_confirm(timezone.localdate(), range(2004, 2027))
    assert data["missing_years"] == list(missing)
    assert data["warning"] == missing_years_warning(missing)
