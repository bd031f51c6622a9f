"""The statutory clock of 依申请公开 (I9; 条例 Art. 30-33) and the catalogue's rules (P1), against dates
counted by hand on the 2026 calendar (Spring Festival 2-16…2-23 with 2-14 and 2-28 worked, Qingming 4-6,
National Day 10-1…10-7 with 10-10 worked)."""

from datetime import date

import pytest

from govsite.disclosure import rules
from govsite.disclosure.rules import Channel, Consultation, GovernmentLevel
from govsite.workdays.package import package_calendar


@pytest.fixture(scope="module")
def calendar():
    return package_calendar()  # the State Council's schedules up to 2026, as the platform seeds them


def test_reply_is_due_on_the_20th_working_day_after_receipt(calendar):
    clock = rules.request_clock(calendar, date(2026, 3, 2))
    assert clock.due == date(2026, 3, 30)
    assert clock.correction_notice_due == date(2026, 3, 11)


def test_national_day_and_its_adjusted_saturday(calendar):
    # 9-25 and 10-1…10-7 rest, Saturday 10-10 is worked: the 20th working day is 10-28.
    assert rules.request_clock(calendar, date(2026, 9, 23)).due == date(2026, 10, 28)


def test_spring_festival_and_its_two_working_saturdays(calendar):
    assert rules.request_clock(calendar, date(2026, 2, 6)).due == date(2026, 3, 12)


def test_correction_stops_the_clock_and_restarts_it_from_the_corrected_application(calendar):
    waiting = rules.request_clock(calendar, date(2026, 3, 2), correction_requested_on=date(2026, 3, 5))
    assert waiting.waiting_for_correction and waiting.due is None
    restarted = rules.request_clock(calendar, date(2026, 3, 2), correction_requested_on=date(2026, 3, 5),
                                    corrected_on=date(2026, 3, 16))
    assert restarted.clock_start == date(2026, 3, 16)
    assert restarted.due == date(2026, 4, 14)  # Qingming (4-6) does not count


def test_a_correction_notice_after_seven_working_days_is_late(calendar):
    assert not rules.correction_notice_late(calendar, date(2026, 3, 2), date(2026, 3, 11))
    assert rules.correction_notice_late(calendar, date(2026, 3, 2), date(2026, 3, 12))


def test_corrected_application_needs_a_notice_before_it(calendar):
    with pytest.raises(ValueError, match="没有补正通知"):
        rules.request_clock(calendar, date(2026, 3, 2), corrected_on=date(2026, 3, 6))
    with pytest.raises(ValueError, match="不能早于"):
        rules.request_clock(calendar, date(2026, 3, 2), correction_requested_on=date(2026, 3, 6),
                            corrected_on=date(2026, 3, 5))


def test_third_party_consultation_does_not_count(calendar):
    # Sent 3-10, answered 3-20: 8 working days left out, so 28 working days after 3-2 (4-6 rests).
    clock = rules.request_clock(calendar, date(2026, 3, 2),
                                consultations=(Consultation(date(2026, 3, 10), date(2026, 3, 20)),))
    assert clock.paused_days == 8
    assert clock.due == date(2026, 4, 10)


def test_a_silent_third_party_pauses_the_clock_for_15_working_days_at_most(calendar):
    clock = rules.request_clock(calendar, date(2026, 3, 2), consultations=(Consultation(date(2026, 3, 10)),),
                                today=date(2026, 5, 1))
    assert clock.paused_days == 15
    assert clock.due == date(2026, 4, 21)


def test_an_open_consultation_pauses_up_to_today(calendar):
    clock = rules.request_clock(calendar, date(2026, 3, 2), consultations=(Consultation(date(2026, 3, 10)),),
                                today=date(2026, 3, 13))
    assert clock.paused_days == 3
    assert clock.due == date(2026, 4, 2)


def test_one_extension_of_at_most_20_working_days(calendar):
    assert rules.request_clock(calendar, date(2026, 3, 2), extension_days=20).due == date(2026, 4, 28)
    assert rules.extension_refusal(20, extended_before=False) is None
    assert "最长不得超过 20" in rules.extension_refusal(21, extended_before=False)
    assert "只能延长一次" in rules.extension_refusal(5, extended_before=True)
    assert "至少" in rules.extension_refusal(0, extended_before=False)


def test_every_rule_at_once(calendar):
    # Corrected 3-16 (clock from there), consultation 3-20 → 3-27 (5 days), extended 10: 35 working days
    # after 3-16 with 4-6 resting: 4-14 is the 20th, 4-21 the 25th, 4-28 the 30th, 5-8 the 35th (5-1…5-5 rest,
    # Saturday 5-9 is worked but comes after).
    clock = rules.request_clock(
        calendar, date(2026, 3, 2), correction_requested_on=date(2026, 3, 5), corrected_on=date(2026, 3, 16),
        consultations=(Consultation(date(2026, 3, 20), date(2026, 3, 27)),), extension_days=10,
    )
    assert clock.paused_days == 5
    assert clock.due == date(2026, 5, 8)


def test_a_year_without_a_calendar_is_flagged(calendar):
    clock = rules.request_clock(calendar, date(2026, 12, 21))
    assert clock.uncovered_years == (2027,)


def test_receipt_date_follows_the_channel():
    submitted = date(2026, 3, 6)
    assert rules.receipt_date(Channel.IN_PERSON, submitted, None) == submitted
    assert rules.receipt_date(Channel.ONLINE, submitted, date(2026, 3, 9)) == date(2026, 3, 9)
    assert rules.receipt_date(Channel.SIGNED_POST, submitted, date(2026, 3, 10)) == date(2026, 3, 10)
    with pytest.raises(ValueError, match="双方确认之日"):
        rules.receipt_date(Channel.ONLINE, submitted, None)
    with pytest.raises(ValueError, match="不能早于"):
        rules.receipt_date(Channel.FAX, submitted, date(2026, 3, 5))


def test_near_due(calendar):
    assert rules.is_near_due(calendar, date(2026, 3, 25), date(2026, 3, 30))  # 3 working days left
    assert not rules.is_near_due(calendar, date(2026, 3, 24), date(2026, 3, 30))
    assert not rules.is_near_due(calendar, date(2026, 3, 31), date(2026, 3, 30))


def test_proactive_disclosure_within_20_working_days(calendar):
    assert rules.proactive_due(calendar, date(2026, 9, 23)).due == date(2026, 10, 28)


def test_annual_report_due_dates():
    assert rules.annual_report_due(GovernmentLevel.DEPARTMENT, 2026) == date(2027, 1, 31)
    assert rules.annual_report_due(GovernmentLevel.COUNTY, 2026) == date(2027, 3, 31)


def test_extra_categories_of_article_21():
    assert "房屋征收" in rules.extra_categories(GovernmentLevel.CITY)
    assert "宅基地使用情况审核" in rules.extra_categories(GovernmentLevel.TOWNSHIP)
    assert rules.extra_categories(GovernmentLevel.DEPARTMENT) == ()


def test_index_numbers():
    assert rules.unit_code_error("91110000600037341L") is None
    assert "校验位" in rules.unit_code_error("91110000600037341A")
    assert "18 位" in rules.unit_code_error("abc")
    assert rules.index_number("91110000600037341l", 2026, 7) == "91110000600037341L/2026-00007"
    assert rules.INDEX_NUMBER.match("91110000600037341L/2026-00007")


def test_every_outcome_of_the_report_has_a_row():
    groups = [o.group for o in rules.Outcome]
    assert groups.count(rules.OutcomeGroup.WITHHELD) == 8
    assert groups.count(rules.OutcomeGroup.UNAVAILABLE) == 3
    assert groups.count(rules.OutcomeGroup.NOT_PROCESSED) == 5
    assert groups.count(rules.OutcomeGroup.OTHER) == 3
    assert rules.Outcome.WITHHELD_STATE_SECRET.full_label == "不予公开：1.属于国家秘密"


def test_local_government_catalogues_add_the_article_21_columns():
    from govsite.columns.templates import TEMPLATES

    def statutory(template: str) -> list[str]:
        [catalogue] = [c for c in TEMPLATES[template][1] if c.title == "政府信息公开"]
        [content] = [c for c in catalogue.children if c.title == "法定主动公开内容"]
        return [c.title for c in content.children]

    assert len(statutory("department")) == 15
    city = statutory("city_portal")
    assert city[:15] == statutory("department") and city[15:] == list(rules.ARTICLE_21_CITY_COUNTY)
