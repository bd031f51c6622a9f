"""Rectification deadlines and the check cycle (M4), on the 2026 calendar."""

from datetime import date

from govsite.monitoring.rectification_rules import Severity, Status, after_check, fingerprint, fix_due
from govsite.workdays.package import package_calendar

CALENDAR = package_calendar()


def test_the_worse_the_problem_the_shorter_the_time():
    friday = date(2026, 9, 25)  # 中秋 rests; 9-28 Monday is the next working day
    assert fix_due(CALENDAR, date(2026, 9, 24), Severity.VETO) == date(2026, 9, 28)
    assert fix_due(CALENDAR, friday, Severity.HIGH) == date(2026, 9, 29)
    assert fix_due(CALENDAR, date(2026, 9, 29), Severity.MEDIUM) == date(2026, 10, 9)  # 9-30, then 10-8, 10-9
    assert fix_due(CALENDAR, date(2026, 9, 29), Severity.LOW) == date(2026, 10, 12)  # Saturday 10-10 is the 4th


def test_a_check_verifies_what_went_away_and_reopens_what_came_back():
    assert after_check(Status.OPEN, still_found=True) == (Status.OPEN, False)
    assert after_check(Status.FIXED, still_found=False) == (Status.VERIFIED, False)
    assert after_check(Status.FIXED, still_found=True) == (Status.OPEN, True)
    assert after_check(Status.VERIFIED, still_found=True) == (Status.OPEN, True)
    assert after_check(Status.OPEN, still_found=False) == (Status.VERIFIED, False)


def test_the_same_problem_on_the_same_page_is_one_item():
    assert fingerprint("broken_link", "http://a/1") == fingerprint("broken_link", "http://a/1")
    assert fingerprint("broken_link", "http://a/1") != fingerprint("empty_column", "http://a/1")
