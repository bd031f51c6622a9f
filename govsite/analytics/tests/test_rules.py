"""C6: persistently low columns (000 4.1.3; 001 §12; 003 §19)."""

from datetime import date

import pytest

from govsite.analytics.rules import LowTrafficRule, add_months, full_months, judge

TODAY = date(2026, 5, 17)
MONTHS = (date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1))


def test_full_months_are_the_last_complete_ones():
    assert full_months(TODAY, 3) == MONTHS
    assert full_months(date(2026, 1, 1), 2) == (date(2025, 11, 1), date(2025, 12, 1))
    assert add_months(date(2026, 12, 1), 1) == date(2027, 1, 1)


def test_low_only_when_every_judged_month_is_below_the_threshold():
    rule = LowTrafficRule()
    low = judge(dict.fromkeys(MONTHS, 29), date(2025, 1, 1), TODAY, rule)
    assert low.low and low.months == tuple((m, 29) for m in MONTHS)
    assert judge({}, date(2025, 1, 1), TODAY, rule).low  # no visits at all
    assert not judge({**dict.fromkeys(MONTHS, 5), MONTHS[1]: 30}, date(2025, 1, 1), TODAY, rule).low
    # Visits of the current, unfinished month are not judged.
    assert judge({**dict.fromkeys(MONTHS, 0), date(2026, 5, 1): 500}, date(2025, 1, 1), TODAY, rule).low


def test_young_columns_are_not_judged():
    rule = LowTrafficRule()
    assert judge({}, MONTHS[0], TODAY, rule).low
    assert not judge({}, date(2026, 2, 2), TODAY, rule).low


def test_site_threshold_and_bad_values():
    assert not judge(dict.fromkeys(MONTHS, 29), date(2025, 1, 1), TODAY, LowTrafficRule(10, 3, False)).low
    with pytest.raises(ValueError, match="正整数"):
        LowTrafficRule(0, 3)
