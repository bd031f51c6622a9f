"""Reply deadlines of letters (I3) on the real 2026 calendar the platform seeds from chinesecalendar.

Dates are counted by hand in each test's comments: 2026 holidays per the State Council's notice —
春节 02-15..02-23 (Sat 02-14 and Sat 02-28 work), 清明 04-04..04-06, 端午 06-19..06-21,
中秋 09-25..09-27, 国庆 10-01..10-07 (Sun 09-20 and Sat 10-10 work). 2027 is not in the package.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from govsite.audit.models import AuditEntry
from govsite.core.clock import clock_at
from govsite.core.errors import Refused
from govsite.formguard.testing import solved_captcha
from govsite.interaction import handling, listing, rules
from govsite.interaction.models import Extension, Letter, LetterSettings
from govsite.interaction.rules import PROFILE_001, PROFILE_003, PROFILE_004, LetterKind
from govsite.review.roles import Role
from govsite.workdays.models import CalendarYear, SpecialDay
from govsite.workdays.package import package_calendar

BEIJING = dt.timezone(dt.timedelta(hours=8))
NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕7号）"
WARNING_2027 = "2027年的节假日安排尚未录入工作日历，答复期限按周一至周五推算，录入后自动重算"


def beijing(month: int, day: int, hour: int = 10, minute: int = 0, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BEIJING)


def clock_entries(letter: Letter) -> list[dict]:
    """What the hash-chained audit log holds of the letter's clock changes, oldest first."""
    entries = AuditEntry.objects.filter(action="govsite.letter.clock", object_type="interaction.letter",
                                        object_id=str(letter.pk)).order_by("seq")
    return [{**entry.data["detail"], "actor": entry.actor_name} for entry in entries]


def use_profile(site, profile: rules.DeadlineProfile) -> None:
    LetterSettings.objects.update_or_create(record=site, defaults={"profile": profile.key})


# --- The pure rules, on the package's calendar (the same days the platform seeds) ---------------------------

def test_profiles_follow_their_seeds():
    assert [PROFILE_004.reply_days(kind, False) for kind in LetterKind] == [2, 5, 5, 10, 10]  # 004 §20
    assert {PROFILE_003.reply_days(kind, False) for kind in LetterKind} == {5}  # 003 §28
    assert {PROFILE_001.reply_days(kind, False) for kind in LetterKind} == {5}  # 001 §12
    assert PROFILE_003.reply_days(LetterKind.CONSULTATION, True) == PROFILE_001.reply_days(LetterKind.HELP, True) == 1
    assert rules.DEFAULT_PROFILE is PROFILE_004


def test_extension_rules_of_each_profile():
    refuse = PROFILE_004.extension_refusal
    assert refuse(LetterKind.COMPLAINT, False, False, 10) is None
    assert refuse(LetterKind.COMPLAINT, False, False, 11) == "延期最多 10 个工作日，即不超过原办理时限（I3）"
    assert refuse(LetterKind.COMPLAINT, False, False, 0) == "延期天数至少为 1 个工作日"
    assert refuse(LetterKind.COMPLAINT, False, True, 1) == "每件信件只能延期一次（I3）"
    assert refuse(LetterKind.CONSULTATION, False, False, 1) == (
        "按“咨询2日、求助建议5日、投诉举报10日”，咨询类事项不得申请延期（I3）")
    assert PROFILE_003.extension_refusal(LetterKind.CONSULTATION, False, False, 5) is None
    # 001 §12: 5 working days, "最迟不超过10个工作日": the extension is at most 5 more.
    assert PROFILE_001.extension_refusal(LetterKind.COMPLAINT, False, False, 6) == (
        "延期最多 5 个工作日，即不超过原办理时限（I3）")
    assert PROFILE_001.extension_refusal(LetterKind.CONSULTATION, True, False, 2) == (
        "延期最多 1 个工作日，即不超过原办理时限（I3）")


def test_reply_due_on_the_package_calendar():
    calendar = package_calendar()
    # Received Wed 09-30 (not counted); 10-01..10-07 国庆. 1: 10-08, 2: 10-09, 3: Sat 10-10 (调休),
    # 4-8: 10-12..10-16, 9: 10-19, 10: Tue 10-20.
    assert rules.reply_due(calendar, dt.date(2026, 9, 30), 10) == rules.Clock(dt.date(2026, 10, 20))
    # The extension counts on from the due date: 1-3: 10-21..10-23, 4-8: 10-26..10-30, 9: 11-02, 10: Tue 11-03.
    assert rules.extended_due(calendar, dt.date(2026, 10, 20), 10) == rules.Clock(dt.date(2026, 11, 3))
    # Thu 12-24: 1: 12-25, 2-5: 12-28..12-31, then 2027 counted Monday to Friday: 6: 01-01 … 10: Thu 01-07.
    assert rules.reply_due(calendar, dt.date(2026, 12, 24), 10) == rules.Clock(dt.date(2027, 1, 7), (2027,))
    # Answered before receipt never counts negative; 09-30 → 10-30: 10-08, 10-09, 10-10 and 15 more.
    assert rules.working_days_taken(calendar, dt.date(2026, 10, 2), dt.date(2026, 10, 1)) == 0
    assert rules.working_days_taken(calendar, dt.date(2026, 9, 30), dt.date(2026, 10, 30)) == 18


def test_the_reminder_comes_one_working_day_before_across_a_holiday():
    calendar = package_calendar()
    due = dt.date(2026, 6, 22)  # Mon; Fri 06-19 is 端午
    assert rules.needs_reminder(calendar, dt.date(2026, 6, 18), due, 1)  # Thu: only Mon 06-22 is left
    assert not rules.needs_reminder(calendar, dt.date(2026, 6, 17), due, 1)  # Wed: Thu and Mon are left
    assert rules.needs_reminder(calendar, due, due, 1)
    assert not rules.needs_reminder(calendar, dt.date(2026, 6, 23), due, 1)  # past: escalated instead


# --- Letters received on the platform: the clock set at receipt -------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "at", "received", "due"), [
    # Wed 09-30 +10: see test_reply_due_on_the_package_calendar.
    (LetterKind.COMPLAINT, beijing(9, 30), "2026-09-30", "2026-10-20"),
    (LetterKind.REPORT, beijing(9, 30), "2026-09-30", "2026-10-20"),
    # Fri 02-13 +2: 1: Sat 02-14 (调休), 02-15..02-23 春节, 2: Tue 02-24.
    (LetterKind.CONSULTATION, beijing(2, 13), "2026-02-13", "2026-02-24"),
    # Fri 02-13 +5: 02-14, 02-24, 02-25, 02-26, 5: Fri 02-27.
    (LetterKind.SUGGESTION, beijing(2, 13), "2026-02-13", "2026-02-27"),
    # Thu 02-26 +5: 1: 02-27, 2: Sat 02-28 (调休), 3-5: 03-02..03-04.
    (LetterKind.HELP, beijing(2, 26), "2026-02-26", "2026-03-04"),
    # Received on a holiday, Sat 10-03: 1: 10-08, 2: 10-09.
    (LetterKind.CONSULTATION, beijing(10, 3, 15), "2026-10-03", "2026-10-09"),
    # Received on Sat 10-10, a 调休 working day: the day of receipt never counts. 1: 10-12, 2: 10-13.
    (LetterKind.CONSULTATION, beijing(10, 10), "2026-10-10", "2026-10-13"),
    # No seed moves a letter written after hours to the next day: the Beijing date of receipt counts.
    # Thu 06-04 23:30: 1: Fri 06-05, 2: Mon 06-08. Fri 06-05 00:30 (Thu 16:30 UTC): 1: 06-08, 2: 06-09.
    (LetterKind.CONSULTATION, beijing(6, 4, 23, 30), "2026-06-04", "2026-06-08"),
    (LetterKind.CONSULTATION, beijing(6, 5, 0, 30), "2026-06-05", "2026-06-09"),
])
def test_the_clock_starts_the_day_after_receipt(write_letter, kind, at, received, due):
    letter = Letter.objects.get(pk=write_letter(kind=kind, at=at).pk)
    assert (letter.received_on.isoformat(), letter.due_on.isoformat(), letter.due_uncertain_years) == (
        received, due, [])
    assert clock_entries(letter) == [{"old_due": None, "new_due": due, "reason": "受理", "uncovered_years": [],
                                      "actor": ""}]


@pytest.mark.django_db
@pytest.mark.parametrize(("profile", "expected"), [
    # Wed 09-30: 2 → Fri 10-09; 5 → 10-08, 10-09, 10-10, 10-12, Tue 10-13; 10 → Tue 10-20.
    (PROFILE_004, {"consultation": "2026-10-09", "suggestion": "2026-10-13", "help": "2026-10-13",
                   "complaint": "2026-10-20", "report": "2026-10-20"}),
    (PROFILE_003, dict.fromkeys(LetterKind, "2026-10-13")),
    (PROFILE_001, dict.fromkeys(LetterKind, "2026-10-13")),
])
def test_the_site_profile_sets_the_days_by_kind(write_letter, portal, profile, expected):
    use_profile(portal, profile)
    due = {kind.value: write_letter(kind=kind, at=beijing(9, 30)).due_on.isoformat() for kind in LetterKind}
    assert due == {str(kind): day for kind, day in expected.items()}


@pytest.mark.django_db
def test_a_site_without_settings_uses_the_default_profile(write_letter, portal):
    assert not LetterSettings.objects.filter(record=portal).exists()
    assert handling.profile_of(portal) is PROFILE_004
    assert write_letter(kind=LetterKind.CONSULTATION, at=beijing(9, 30)).due_on == dt.date(2026, 10, 9)


@pytest.mark.django_db
@pytest.mark.parametrize("profile", [PROFILE_004, PROFILE_003, PROFILE_001])
def test_a_simple_question_is_due_the_next_working_day(write_letter, people, portal, profile):
    use_profile(portal, profile)
    # Received Fri 04-03; 04-04..04-06 清明. Simple: 1: Tue 04-07.
    letter = write_letter(kind=LetterKind.CONSULTATION, at=beijing(4, 3))
    with clock_at(beijing(4, 3, 11)):
        handling.sort(letter, people.hotline, kind=LetterKind.CONSULTATION, simple=True)
    letter.refresh_from_db()
    assert letter.due_on == dt.date(2026, 4, 7)
    change = clock_entries(letter)[-1]
    assert (change["new_due"], change["reason"], change["actor"]) == ("2026-04-07", "分拣后按类别重新计算", "hotline1")
    # Sorted back: the profile's own limit, still counted from receipt (2: Wed 04-08; 5: 04-07..04-10, Mon 04-13).
    handling.sort(letter, people.hotline, kind=LetterKind.CONSULTATION, simple=False)
    letter.refresh_from_db()
    assert letter.due_on == (dt.date(2026, 4, 8) if profile is PROFILE_004 else dt.date(2026, 4, 13))


# --- Extensions: once, at most as long as the limit, with a reason, approved by the hotline centre ----------

@pytest.fixture
def complaint(write_letter, people, department):
    """A complaint received Wed 09-30 (due Tue 10-20), dispatched to the department."""
    letter = write_letter(kind=LetterKind.COMPLAINT, at=beijing(9, 30))
    with clock_at(beijing(9, 30, 11)):
        handling.dispatch(letter, people.hotline, department)
    return letter


@pytest.mark.django_db
def test_one_extension_is_granted_and_a_second_refused(complaint, people):
    with clock_at(beijing(10, 14)):
        with pytest.raises(Refused, match="申请延期须说明理由"):
            handling.request_extension(complaint, people.handler, 10, "  ")
        with pytest.raises(Refused, match=r"延期最多 10 个工作日，即不超过原办理时限（I3）"):
            handling.request_extension(complaint, people.handler, 11, "需现场勘验")
        assert not complaint.extensions.exists()
        extension = handling.request_extension(complaint, people.handler, 10, "需会同住建部门现场勘验")
        with pytest.raises(Refused, match="已有待审批的延期申请"):
            handling.request_extension(complaint, people.handler, 5, "再申请一次")
        with pytest.raises(Refused, match="只有热线中心可以审批延期"):
            handling.decide_extension(extension, people.handler, True)
    with clock_at(beijing(10, 15)):
        handling.decide_extension(extension, people.hotline, True, "同意")
    complaint.refresh_from_db()
    extension.refresh_from_db()
    # Tue 10-20 + 10: 10-21..10-23, 10-26..10-30, 11-02, Tue 11-03.
    assert (complaint.due_on, complaint.extended) == (dt.date(2026, 11, 3), True)
    assert (extension.status, extension.old_due, extension.new_due, extension.decided_by) == (
        Extension.Status.APPROVED, dt.date(2026, 10, 20), dt.date(2026, 11, 3), people.hotline)
    assert listing.writer_timeline(complaint)[-1].text == "办理时限延长至 2026-11-03"
    assert clock_entries(complaint)[-1] == {"old_due": "2026-10-20", "new_due": "2026-11-03", "reason": "批准延期",
                                            "uncovered_years": [], "actor": "hotline1"}

    with pytest.raises(Refused, match="每件信件只能延期一次（I3）"):
        handling.request_extension(complaint, people.handler, 1, "仍需时间")
    assert complaint.extensions.count() == 1

    # Answered Fri 10-30, after the first limit but within the extended one: on time, 18 working days.
    handling.submit_reply(complaint, people.handler, "您好，经现场勘验，问题已整改完毕。")
    with clock_at(beijing(10, 30)):
        handling.approve_reply(complaint, people.approver)
    complaint.refresh_from_db()
    assert (complaint.on_time, complaint.working_days) == (True, 18)


@pytest.mark.django_db
def test_a_refused_extension_leaves_the_clock_and_the_one_extension(complaint, people):
    extension = handling.request_extension(complaint, people.handler, 3, "材料未齐")
    handling.decide_extension(extension, people.hotline, False, "请按期办理")
    complaint.refresh_from_db()
    assert (complaint.due_on, complaint.extended) == (dt.date(2026, 10, 20), False)
    assert [c["reason"] for c in clock_entries(complaint)] == ["受理"]
    second = handling.request_extension(complaint, people.handler, 3, "材料仍未齐，需补充调查")
    handling.decide_extension(second, people.hotline, True)
    complaint.refresh_from_db()
    assert complaint.due_on == dt.date(2026, 10, 23)  # 10-21, 10-22, 10-23


@pytest.mark.django_db
def test_consultations_are_extended_only_where_the_profile_allows(write_letter, people, portal, department):
    letter = write_letter(kind=LetterKind.CONSULTATION, at=beijing(9, 30))
    handling.dispatch(letter, people.hotline, department)
    with pytest.raises(Refused, match="咨询类事项不得申请延期"):
        handling.request_extension(letter, people.handler, 1, "需要核实政策")
    use_profile(portal, PROFILE_003)
    handling.sort(letter, people.hotline, kind=LetterKind.CONSULTATION, simple=False)
    letter.refresh_from_db()
    assert letter.due_on == dt.date(2026, 10, 9)  # a letter keeps the clock it was received with
    later = write_letter(kind=LetterKind.CONSULTATION, at=beijing(9, 30))
    handling.dispatch(later, people.hotline, department)
    with pytest.raises(Refused, match="延期最多 5 个工作日"):
        handling.request_extension(later, people.handler, 6, "需要核实政策")
    handling.decide_extension(handling.request_extension(later, people.handler, 5, "需要核实政策"),
                              people.hotline, True)
    later.refresh_from_db()
    assert later.due_on == dt.date(2026, 10, 20)  # 10-13 + 5: 10-14..10-16, 10-19, 10-20


@pytest.mark.django_db
def test_under_001_the_latest_reply_is_ten_working_days(write_letter, people, portal, department):
    use_profile(portal, PROFILE_001)
    letter = write_letter(kind=LetterKind.COMPLAINT, at=beijing(9, 30))
    handling.dispatch(letter, people.hotline, department)
    with pytest.raises(Refused, match="延期最多 5 个工作日"):
        handling.request_extension(letter, people.handler, 6, "情况复杂")
    handling.decide_extension(handling.request_extension(letter, people.handler, 5, "情况复杂"), people.hotline, True)
    letter.refresh_from_db()
    assert letter.due_on == dt.date(2026, 10, 20)  # the 10th working day after 09-30


@pytest.mark.django_db
def test_the_second_extension_is_refused_on_the_letter_page(client, complaint, people):
    handling.decide_extension(handling.request_extension(complaint, people.handler, 2, "需调取监控"),
                              people.hotline, True)
    client.force_login(people.handler)
    url = reverse("letters:handle", args=[complaint.pk])
    response = client.post(url, {"action": "request_extension", "request_extension-days": "3",
                                 "request_extension-reason": "仍需时间"})
    page = response.content.decode()
    assert response.status_code == 200 and "每件信件只能延期一次（I3）" in page
    assert "需调取监控" in page and complaint.extensions.count() == 1


@pytest.mark.django_db
def test_re_sorting_keeps_an_approved_extension(complaint, people):
    handling.decide_extension(handling.request_extension(complaint, people.handler, 10, "需现场勘验"),
                              people.hotline, True)
    handling.sort(complaint, people.hotline, kind=LetterKind.REPORT, simple=False)
    complaint.refresh_from_db()
    assert complaint.due_on == dt.date(2026, 11, 3)  # still 10 days from receipt plus the 10 granted


# --- A returned order: the clock keeps running from receipt ----------------------------------------------

@pytest.mark.django_db
def test_a_returned_order_does_not_stop_or_restart_the_clock(complaint, people, portal, department):
    handling.dispatch(complaint, people.hotline, portal, "改派")
    with clock_at(beijing(10, 16)):
        handling.return_order(complaint, people.other_handler, "不属于本单位职责")
    with clock_at(beijing(10, 19)):
        handling.dispatch(complaint, people.hotline, department, "请教体局办理")
    complaint.refresh_from_db()
    assert (complaint.status, complaint.due_on) == (Letter.Status.DISPATCHED, dt.date(2026, 10, 20))
    assert [c["reason"] for c in clock_entries(complaint)] == ["受理"]
    # The unit that gets it back late has the remaining day, and may ask for the one extension.
    extension = handling.request_extension(complaint, people.handler, 10, "退回改派耽误时间")
    handling.decide_extension(extension, people.hotline, True)
    complaint.refresh_from_db()
    assert complaint.due_on == dt.date(2026, 11, 3)


# --- A year the calendar lacks: a provisional date, said so, recounted once the year is entered ------------

def follow_page(client, letter: Letter) -> str:
    response = client.post(reverse("interaction:follow"), {
        "query_code": letter.query_code, "password": letter.password, **solved_captcha()})
    assert response.status_code == 200
    return response.content.decode()


def admin_pages(client, user, letter: Letter) -> tuple[str, str]:
    """The letter's own page and the list of letters, as `user` sees them."""
    client.force_login(user)
    page = client.get(reverse("letters:handle", args=[letter.pk])).content.decode()
    index = client.get(reverse("letters:index")).content.decode()
    client.logout()
    return page, index


@pytest.mark.django_db
def test_a_due_date_in_a_missing_year_is_provisional_until_the_year_is_entered(
    client, write_letter, people, make_user, django_capture_on_commit_callbacks
):
    letter = write_letter(kind=LetterKind.COMPLAINT, at=beijing(12, 24))
    stored = Letter.objects.get(pk=letter.pk)
    # Thu 12-24: 1: 12-25, 2-5: 12-28..12-31; 2027 Monday to Friday: 6: 01-01, 7-10: 01-04..01-07.
    assert (stored.due_on, stored.due_uncertain_years, stored.due_warning) == (dt.date(2027, 1, 7), [2027],
                                                                               WARNING_2027)
    page = follow_page(client, letter)
    assert "2027-01-07" in page and WARNING_2027 in page
    for user in (people.hotline, people.office):
        page, index = admin_pages(client, user, letter)
        assert "2027-01-07" in page and WARNING_2027 in page
        assert "2027-01-07（节假日未录入，待重算）" in index

    sysadmin = make_user("sysadmin", Role.SYSTEM_ADMIN)
    client.force_login(sysadmin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workdays_days:add"), {"date": "2027-01-01", "kind": "holiday", "name": "元旦"})
    assert response.status_code == 302
    stored.refresh_from_db()
    assert (stored.due_on, stored.due_uncertain_years) == (dt.date(2027, 1, 7), [2027])  # not confirmed yet
    confirm_url = reverse("workdays_years:confirm", args=[CalendarYear.objects.get(year=2027).pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(confirm_url, {"note": NOTICE_2027}).status_code == 302
    client.logout()

    stored.refresh_from_db()
    # 1-5 as before; 01-01 元旦 rests; 6-9: 01-04..01-07, 10: Fri 01-08.
    assert (stored.due_on, stored.due_uncertain_years, stored.due_warning) == (dt.date(2027, 1, 8), [], "")
    page = follow_page(client, letter)
    assert "2027-01-08" in page and "尚未录入工作日历" not in page
    page, index = admin_pages(client, people.hotline, letter)
    assert "2027-01-08" in page and "尚未录入工作日历" not in page and "待重算" not in index
    assert clock_entries(letter)[-1] == {"old_due": "2027-01-07", "new_due": "2027-01-08",
                                         "reason": "工作日历变更后重新计算", "uncovered_years": [], "actor": ""}



def confirm_2027(admin, django_capture_on_commit_callbacks) -> CalendarYear:
    """What an administrator does once the State Council publishes 2027: 元旦 entered, the year confirmed."""
    with django_capture_on_commit_callbacks(execute=True):
        day = SpecialDay(date=dt.date(2027, 1, 1), kind=SpecialDay.Kind.HOLIDAY, name="元旦")
        day.entered_by_hand(admin)
        day.save()
        year = CalendarYear.ensure(2027, admin)
    with django_capture_on_commit_callbacks(execute=True):
        year.mark_complete(admin, NOTICE_2027)
    return year


@pytest.mark.django_db
def test_an_extension_over_the_missing_year_is_recounted_and_a_reopened_year_warns_again(
    write_letter, people, department, make_user, django_capture_on_commit_callbacks
):
    letter = write_letter(kind=LetterKind.COMPLAINT, at=beijing(12, 24))
    handling.dispatch(letter, people.hotline, department)
    handling.decide_extension(handling.request_extension(letter, people.handler, 10, "跨年度，需多部门会商"),
                              people.hotline, True)
    letter.refresh_from_db()
    # 01-07 (provisional) + 10, Monday to Friday: 01-08, 01-11..01-15, 01-18..01-21.
    assert (letter.due_on, letter.due_uncertain_years) == (dt.date(2027, 1, 21), [2027])
    admin = make_user("sysadmin", Role.SYSTEM_ADMIN)
    year = confirm_2027(admin, django_capture_on_commit_callbacks)
    letter.refresh_from_db()
    # 01-08 + 10: 01-11..01-15, 01-18..01-22.
    assert (letter.due_on, letter.due_uncertain_years, letter.extended) == (dt.date(2027, 1, 22), [], True)

    # Confirmed in error: deadlines in 2027 are provisional again, and say so.
    with django_capture_on_commit_callbacks(execute=True):
        year.reopen(admin)
    letter.refresh_from_db()
    assert (letter.due_on, letter.due_uncertain_years, letter.due_warning) == (dt.date(2027, 1, 21), [2027],
                                                                               WARNING_2027)
    assert [(c["old_due"], c["new_due"], c["reason"]) for c in clock_entries(letter)] == [
        (None, "2027-01-07", "受理"), ("2027-01-07", "2027-01-21", "批准延期"),
        ("2027-01-21", "2027-01-22", "工作日历变更后重新计算"), ("2027-01-22", "2027-01-21", "工作日历变更后重新计算")]


@pytest.mark.django_db
def test_a_corrected_holiday_recounts_open_letters_of_that_year(
    write_letter, make_user, django_capture_on_commit_callbacks
):
    open_letter = write_letter(kind=LetterKind.COMPLAINT, at=beijing(9, 30))
    later = write_letter(kind=LetterKind.COMPLAINT, at=beijing(11, 2))
    with django_capture_on_commit_callbacks(execute=True):
        SpecialDay.objects.get(date=dt.date(2026, 10, 7)).delete()
    open_letter.refresh_from_db()
    later.refresh_from_db()
    # 10-07 is a working day now: 1: 10-07, 2: 10-08, 3: 10-09, 4: 10-10, 5-9: 10-12..10-16, 10: Mon 10-19.
    assert open_letter.due_on == dt.date(2026, 10, 19)
    assert later.due_on == dt.date(2026, 11, 16)  # counted after the change: untouched
    assert [c["reason"] for c in clock_entries(open_letter)] == ["受理", "工作日历变更后重新计算"]
    assert [c["reason"] for c in clock_entries(later)] == ["受理"]


@pytest.mark.django_db
def test_every_clock_change_of_a_letter_is_in_the_audit_log(write_letter, people, department):
    letter = write_letter(kind=LetterKind.SUGGESTION, at=beijing(9, 30))
    handling.sort(letter, people.hotline, kind=LetterKind.COMPLAINT, simple=False)
    handling.sort(letter, people.hotline, kind=LetterKind.COMPLAINT, simple=False)  # nothing changes
    handling.dispatch(letter, people.hotline, department)
    handling.decide_extension(handling.request_extension(letter, people.handler, 4, "需要调查"), people.hotline, True)
    assert [(c["old_due"], c["new_due"], c["reason"], c["actor"]) for c in clock_entries(letter)] == [
        (None, "2026-10-13", "受理", ""),
        ("2026-10-13", "2026-10-20", "分拣后按类别重新计算", "hotline1"),
        ("2026-10-20", "2026-10-26", "批准延期", "hotline1"),  # 10-21, 10-22, 10-23, Mon 10-26
    ]
    labels = set(AuditEntry.objects.filter(action="govsite.letter.clock").values_list("action_label", flat=True))
    assert labels == {"答复期限变更"}
    assert ModelLogEntry.objects.for_instance(letter).filter(action="govsite.letter.clock").count() == 3


@pytest.mark.django_db
def test_a_provisional_date_confirmed_unchanged_loses_its_warning_on_the_record(
    write_letter, make_user, django_capture_on_commit_callbacks
):
    letter = write_letter(kind=LetterKind.CONSULTATION, at=beijing(1, 4, year=2027))
    assert (letter.due_on, letter.due_uncertain_years) == (dt.date(2027, 1, 6), [2027])  # Mon 01-04: 01-05, 01-06
    confirm_2027(make_user("sysadmin", Role.SYSTEM_ADMIN), django_capture_on_commit_callbacks)
    letter.refresh_from_db()
    assert (letter.due_on, letter.due_uncertain_years, letter.due_warning) == (dt.date(2027, 1, 6), [], "")
    assert clock_entries(letter)[-1] == {"old_due": "2027-01-06", "new_due": "2027-01-06",
                                         "reason": "工作日历变更后重新计算", "uncovered_years": [], "actor": ""}
