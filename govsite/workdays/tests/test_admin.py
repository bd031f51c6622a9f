"""The 工作日历 admin: administrators enter days and confirm years, logged; others look or are refused."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from govsite.audit.models import AuditEntry
from govsite.review.roles import Role
from govsite.workdays.models import CalendarYear, Source, SpecialDay
from govsite.workdays.rules import missing_years_warning
from govsite.workdays.service import add_working_days, years_to_confirm

pytestmark = pytest.mark.django_db
NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕7号）"
NEW_YEAR_2027 = {"date": "2027-01-01", "kind": "holiday", "name": "元旦"}
PANEL_HEADING = "工作日历：节假日安排待录入"


@pytest.fixture
def sysadmin(client, make_user):
    user = make_user("sysadmin", Role.SYSTEM_ADMIN)
    client.force_login(user)
    return user


def test_an_administrator_enters_a_2027_holiday_and_confirms_the_year(
    client, sysadmin, changes, django_capture_on_commit_callbacks
):
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps("工作日历") in menu  # the sidebar menu is JSON, characters escaped
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workdays_days:add"), NEW_YEAR_2027)
    assert response.status_code == 302
    day = SpecialDay.objects.get(date=date(2027, 1, 1))
    assert (day.kind, day.name, day.source, day.entered_by) == ("holiday", "元旦", Source.MANUAL, sysadmin)
    created = AuditEntry.objects.get(action="wagtail.create", object_type="workdays.specialday", object_id=str(day.pk))
    assert created.actor_name == "sysadmin"
    year = CalendarYear.objects.get(year=2027)
    assert not year.complete and changes == [(2027,), (2027,)]

    confirm_url = reverse("workdays_years:confirm", args=[year.pk])
    assert confirm_url in client.get(reverse("workdays_years:index")).content.decode()
    page = client.get(confirm_url).content.decode()
    assert "2027-01-01" in page and "元旦" in page and "星期五" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(confirm_url, {"note": NOTICE_2027}).status_code == 302
    year.refresh_from_db()
    assert (year.complete, year.confirmed_by, year.note, year.source) == (True, sysadmin, NOTICE_2027, Source.MANUAL)
    assert changes[-1] == (2027,)
    # Received Thu 2026-12-24. 1: 12-25, 2-5: 12-28..12-31; 2027-01-01 元旦; 6: Mon 01-04, 7: Tue 01-05.
    assert add_working_days(date(2026, 12, 24), 7).due == date(2027, 1, 5)
    assert AuditEntry.objects.filter(action="govsite.workdays.confirm_year", actor_name="sysadmin").exists()


def test_editing_and_deleting_a_day_are_logged(client, sysadmin):
    day = SpecialDay.objects.get(date=date(2026, 10, 7))
    response = client.post(reverse("workdays_days:edit", args=[day.pk]),
                           {"date": "2026-10-07", "kind": "holiday", "name": "国庆节（已核对）"})
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.name, day.source, day.entered_by) == ("国庆节（已核对）", Source.MANUAL, sysadmin)
    assert AuditEntry.objects.filter(action="wagtail.edit", object_id=str(day.pk), actor_name="sysadmin").exists()

    assert client.post(reverse("workdays_days:delete", args=[day.pk])).status_code == 302
    assert not SpecialDay.objects.filter(date=date(2026, 10, 7)).exists()
    assert AuditEntry.objects.filter(action="wagtail.delete", object_id=str(day.pk), actor_name="sysadmin").exists()
    # Received Wed 09-30; 10-01..10-06 国庆节; 1: Wed 10-07, no longer a holiday.
    assert add_working_days(date(2026, 9, 30), 1).due == date(2026, 10, 7)


def test_the_list_filters_by_year_and_kind(client, sysadmin):
    page = client.get(reverse("workdays_days:index"), {"year": "2026", "kind": "working_day"}).content.decode()
    for adjusted in ("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"):
        assert adjusted in page
    assert "2026-02-16" not in page and "2025-" not in page


def test_mistakes_are_refused_in_chinese(client, sysadmin):
    response = client.post(reverse("workdays_days:add"), {"date": "2027-01-06", "kind": "working_day", "name": "元旦"})
    assert "调休上班日应是周六或周日：2027-01-06 是星期三，本来就是工作日" in response.content.decode()
    response = client.post(reverse("workdays_days:add"), {"date": "2026-02-14", "kind": "holiday", "name": "春节"})
    assert response.status_code == 200 and SpecialDay.objects.get(date=date(2026, 2, 14)).kind == "working_day"
    assert not SpecialDay.objects.filter(date=date(2027, 1, 6)).exists()

    year = CalendarYear.objects.create(year=2027)
    confirm_url = reverse("workdays_years:confirm", args=[year.pk])
    response = client.post(confirm_url, {"note": NOTICE_2027}, follow=True)
    assert "2027年尚未录入任何法定节假日，不能确认完整" in response.content.decode()
    client.post(reverse("workdays_days:add"), NEW_YEAR_2027)
    response = client.post(confirm_url, {"note": ""}, follow=True)
    assert "请填写依据" in response.content.decode()
    year.refresh_from_db()
    assert not year.complete


def test_the_dashboard_warns_of_a_missing_year(client, make_user, portal):
    this_year = timezone.localdate().year  # this year is always required, whatever the month
    CalendarYear.objects.filter(year=this_year).delete()
    missing = years_to_confirm()
    assert this_year in missing
    for username, role, record in (("sysadmin", Role.SYSTEM_ADMIN, None), ("office", Role.PORTAL_OFFICE, None),
                                   ("hotline", Role.HOTLINE, None), ("editor", Role.EDITOR, portal)):
        client.force_login(make_user(username, role, record))
        page = client.get(reverse("wagtailadmin_home")).content.decode()
        if role == Role.EDITOR:
            assert PANEL_HEADING not in page
        else:
            assert PANEL_HEADING in page and missing_years_warning(missing) in page
            assert ("录入节假日与调休" in page) == (role == Role.SYSTEM_ADMIN)


def test_the_portal_office_and_the_hotline_look_but_do_not_change(client, make_user):
    for username, role in (("office", Role.PORTAL_OFFICE), ("hotline", Role.HOTLINE)):
        client.force_login(make_user(username, role))
        assert client.get(reverse("workdays_days:index")).status_code == 200
        assert client.get(reverse("workdays_years:index")).status_code == 200
        client.post(reverse("workdays_days:add"), NEW_YEAR_2027)
        year = CalendarYear.objects.get(year=2026)
        client.post(reverse("workdays_years:confirm", args=[year.pk]))
        assert not SpecialDay.objects.filter(date=date(2027, 1, 1)).exists()
        assert CalendarYear.objects.get(year=2026).complete


def test_a_portal_editor_cannot_open_or_change_the_calendar(client, make_user, portal):
    client.force_login(make_user("editor", Role.EDITOR, portal))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert json.dumps("工作日历") not in menu
    for url in (reverse("workdays_days:index"), reverse("workdays_days:add"), reverse("workdays_years:index")):
        assert client.get(url).status_code != 200
    day = SpecialDay.objects.get(date=date(2026, 2, 14))
    client.post(reverse("workdays_days:add"), NEW_YEAR_2027)
    client.post(reverse("workdays_days:delete", args=[day.pk]))
    assert not SpecialDay.objects.filter(date=date(2027, 1, 1)).exists()
    assert SpecialDay.objects.filter(pk=day.pk).exists()
