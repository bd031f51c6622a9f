"""Which backup files the rotation keeps (X6): the newest of each of the last 14 days with a backup, and the
newest of each of the last 12 months; other files in the folder are never touched."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from govsite.backup.rotation import backup_name, kept, made_at, to_delete

TODAY = date(2026, 3, 20)


def daily(days: int, hour: int = 3) -> list[str]:
    start = datetime(2026, 3, 20, hour)
    return [backup_name(start - timedelta(days=n)) for n in range(days)]


def test_x6_names_carry_the_time_and_a_second_backup_in_the_same_second_gets_a_suffix():
    moment = datetime(2026, 3, 1, 3, 0, 5)
    assert backup_name(moment) == "govsite-20260301-030005.gsbak"
    assert backup_name(moment, 2) == "govsite-20260301-030005-2.gsbak"
    assert made_at("govsite-20260301-030005-2.gsbak") == (moment, 2)
    assert made_at("notes.txt") is None and made_at("govsite-20261399-030005.gsbak") is None


def test_x6_the_newest_14_daily_backups_are_kept():
    names = daily(20)
    assert set(to_delete(names, TODAY, 14, months=0)) == set(names[14:])


def test_x6_of_several_backups_a_day_only_the_newest_counts():
    names = daily(3) + daily(3, hour=1)
    assert set(kept(names, TODAY, 14, months=0)) == set(daily(3))


def test_x6_the_newest_of_each_of_the_last_12_months_is_kept():
    names = daily(400)
    keep = kept(names, TODAY, 14)
    monthly = keep - set(names[:14])
    assert sorted(monthly) == sorted(
        backup_name(datetime(year, month, calendar.monthrange(year, month)[1], 3))
        for year, month in [(2025, m) for m in range(4, 13)] + [(2026, 1), (2026, 2)])
    assert backup_name(datetime(2025, 3, 31, 3)) not in keep  # the 13th month back
    assert len(to_delete(names, TODAY, 14)) == 400 - 14 - 11


def test_x6_a_gap_in_backups_never_deletes_the_last_good_ones():
    old = [backup_name(datetime(2026, 1, day, 3)) for day in range(1, 16)]
    assert to_delete(old, TODAY, 14) == [old[0]]


def test_x6_files_that_are_not_backups_are_left_alone():
    names = [*daily(20), "keys.tar", ".snapshot-x", "govsite-old.gsbak"]
    assert not {"keys.tar", ".snapshot-x", "govsite-old.gsbak"} & set(to_delete(names, TODAY, 14))
