"""Alert routing (M5, M7): quiet hours hold ordinary alerts, never veto-level ones; heightened periods
deliver everything at once; the officer on duty is found by shift."""

from datetime import datetime, time

from govsite.monitoring.alert_rules import Level, QuietHours, Shift, deliver_at, on_duty

QUIET = QuietHours(time(22, 0), time(7, 30))
NIGHT = datetime(2026, 6, 3, 23, 15)
MORNING = datetime(2026, 6, 4, 7, 30)


def test_ordinary_alerts_wait_for_the_morning_veto_level_ones_do_not():
    assert deliver_at(Level.WARNING, NIGHT, QUIET, heightened=False) == MORNING
    assert deliver_at(Level.NOTICE, datetime(2026, 6, 4, 3, 0), QUIET, heightened=False) == MORNING
    assert deliver_at(Level.VETO, NIGHT, QUIET, heightened=False) == NIGHT
    assert deliver_at(Level.WARNING, datetime(2026, 6, 4, 9, 0), QUIET, heightened=False) == datetime(2026, 6, 4, 9)


def test_in_a_heightened_period_every_alert_goes_out_at_once():
    assert deliver_at(Level.NOTICE, NIGHT, QUIET, heightened=True) == NIGHT


def test_quiet_hours_within_one_day():
    lunch = QuietHours(time(12, 0), time(13, 0))
    assert lunch.contains(datetime(2026, 6, 4, 12, 30)) and not lunch.contains(datetime(2026, 6, 4, 13, 0))
    assert deliver_at(Level.WARNING, datetime(2026, 6, 4, 12, 30), lunch, False) == datetime(2026, 6, 4, 13, 0)


def test_the_officer_on_duty_and_the_handover():
    shifts = [Shift("张值班", datetime(2026, 6, 3, 8), datetime(2026, 6, 3, 20)),
              Shift("李值班", datetime(2026, 6, 3, 20), datetime(2026, 6, 4, 8))]
    assert on_duty(shifts, datetime(2026, 6, 3, 19, 59)) == ["张值班"]
    assert on_duty(shifts, NIGHT) == ["李值班"]
    assert on_duty(shifts, datetime(2026, 6, 4, 8)) == []
