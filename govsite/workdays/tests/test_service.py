"""The calendar in the database: seeded from chinesecalendar, cached per process, recounted on change."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from govsite.audit.models import AuditEntry
from govsite.review.roles import Role
from govsite.workdays import service
from govsite.workdays.models import CalendarYear, Source, SpecialDay
from govsite.workdays.package import package_calendar
from govsite.workdays.rules import DueDate
from govsite.workdays.seeding import seed_from_package
from govsite.workdays.service import add_working_days, is_working_day, working_days_between
from govsite.workdays.signals import calendar_changed

pytestmark = pytest.mark.django_db
NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知"


def test_migrate_seeds_every_year_chinesecalendar_covers():
    assert service.current_calendar() == package_calendar()
    years = CalendarYear.objects.order_by("year")
    assert [(y.year, y.complete, y.source) for y in years] == [(y, True, Source.PACKAGE) for y in range(2004, 2027)]
    # Received Fri 2026-02-13. 1: Sat 02-14 (调休); 02-15..02-23 春节; 2: 02-24, 3: 02-25, 4: 02-26, 5: Fri 02-27.
    assert add_working_days(date(2026, 2, 13), 5) == DueDate(date(2026, 2, 27), ())
    assert is_working_day(date(2026, 2, 14)) and not is_working_day(date(2026, 2, 16))
    # After Fri 09-18 up to Mon 10-12: 09-20 (调休), 09-21..09-24, 09-28..09-30, 10-08, 10-09, 10-10 (调休), 10-12.
    assert working_days_between(date(2026, 9, 18), date(2026, 10, 12)).days == 12


def test_a_2027_holiday_entered_by_hand_counts_once_the_year_is_confirmed(make_user, django_capture_on_commit_callbacks):
    admin = make_user("calendar_admin", Role.SYSTEM_ADMIN)
    seen: list[tuple[tuple[int, ...], DueDate]] = []

    def recount(sender, years, **kwargs):  # what the letters app does: recount at once
        seen.append((years, add_working_days(date(2026, 12, 24), 7)))

    calendar_changed.connect(recount, dispatch_uid="workdays-test-recount")
    try:
        # Received Thu 2026-12-24. 1: 12-25, 2: 12-28, 3: 12-29, 4: 12-30, 5: 12-31,
        # 6: Fri 2027-01-01 (2027 not entered: Monday to Friday), 7: Mon 2027-01-04.
        assert add_working_days(date(2026, 12, 24), 7) == DueDate(date(2027, 1, 4), (2027,))
        with django_capture_on_commit_callbacks(execute=True):
            SpecialDay.objects.create(date=date(2027, 1, 1), kind=SpecialDay.Kind.HOLIDAY, name="元旦")
            year = CalendarYear.ensure(2027, admin)
        assert add_working_days(date(2026, 12, 24), 7) == DueDate(date(2027, 1, 4), (2027,))  # not confirmed yet
        with django_capture_on_commit_callbacks(execute=True):
            year.mark_complete(admin, NOTICE_2027)
    finally:
        calendar_changed.disconnect(dispatch_uid="workdays-test-recount")
    # 1-5 as before; 2027-01-01 元旦 rests; 6: Mon 2027-01-04, 7: Tue 2027-01-05.
    assert add_working_days(date(2026, 12, 24), 7) == DueDate(date(2027, 1, 5), ())
    assert seen[-1] == ((2027,), DueDate(date(2027, 1, 5), ()))
    assert [years for years, _due in seen] == [(2027,), (2027,), (2027,)]  # the day, the year row, the confirmation
    confirmation = AuditEntry.objects.get(action="govsite.workdays.confirm_year")
    assert confirmation.actor_name == "calendar_admin" and confirmation.data["detail"]["note"] == NOTICE_2027


def test_a_year_is_confirmed_only_with_its_notice_and_at_least_one_holiday(make_user):
    admin = make_user("calendar_admin", Role.SYSTEM_ADMIN)
    year = CalendarYear.ensure(2027, admin)
    with pytest.raises(ValidationError, match="请填写依据"):
        year.mark_complete(admin, "  ")
    with pytest.raises(ValidationError, match="2027年尚未录入任何法定节假日，不能确认完整"):
        year.mark_complete(admin, NOTICE_2027)
    assert not CalendarYear.objects.get(year=2027).complete


def test_reopening_a_year_brings_the_warning_back(make_user):
    admin = make_user("calendar_admin", Role.SYSTEM_ADMIN)
    CalendarYear.objects.get(year=2026).reopen(admin)
    # Received Fri 2026-02-13, 2026 counted Monday to Friday: 02-16, 02-17, 02-18, 02-19, Fri 02-20.
    assert add_working_days(date(2026, 2, 13), 5) == DueDate(date(2026, 2, 20), (2026,))
    assert AuditEntry.objects.filter(action="govsite.workdays.reopen_year", actor_name="calendar_admin").exists()


def test_a_change_made_by_another_process_is_seen_through_the_version_in_the_cache():
    built = service.current_calendar()
    assert service.current_calendar() is built  # kept in this process
    # Another process turns Sat 2026-02-14 into a holiday: no signal reaches this one, only its new version.
    SpecialDay.objects.filter(date=date(2026, 2, 14)).update(kind=SpecialDay.Kind.HOLIDAY)
    assert is_working_day(date(2026, 2, 14))
    cache.set("workdays:calendar-version", "set-by-another-process", timeout=None)
    assert not is_working_day(date(2026, 2, 14))


def test_seeding_again_adds_nothing_and_never_undoes_an_administrators_work(make_user, django_capture_on_commit_callbacks):
    admin = make_user("calendar_admin", Role.SYSTEM_ADMIN)
    report = seed_from_package()
    assert (report.years, report.days_added, report.skipped_years) == ((), 0, tuple(range(2004, 2027)))

    corrected = SpecialDay.objects.get(date=date(2026, 10, 1))
    corrected.name = "国庆节（已核对）"
    corrected.entered_by_hand(admin)
    corrected.save()
    SpecialDay.objects.filter(date=date(2026, 10, 2)).delete()
    SpecialDay.objects.filter(date=date(2025, 1, 1)).delete()  # removed from a year still in the calendar
    CalendarYear.objects.filter(year=2026).delete()  # 2026 is seeded again

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = seed_from_package()
    assert report.years == (2026,) and report.days_added == 1 and report.days_kept == 38  # 33 holidays + 6 调休, less 1
    assert callbacks, "the seeding announces the change"
    assert SpecialDay.objects.get(date=date(2026, 10, 1)).name == "国庆节（已核对）"
    assert SpecialDay.objects.get(date=date(2026, 10, 2)).source == Source.PACKAGE
    assert not SpecialDay.objects.filter(date=date(2025, 1, 1)).exists()
    assert CalendarYear.objects.get(year=2026).complete
    assert AuditEntry.objects.filter(action="govsite.workdays.seed", object_repr="2026年").exists()
