"""The pure participation rules: the results deadline (I7), windows, counting, interview status (I8), units (I11)."""

import datetime as dt

import pytest

from govsite.participation import rules
from govsite.participation.rules import InterviewStatus, Window

D = dt.date


@pytest.mark.parametrize(
    ("ends_on", "due"),
    [
        (D(2026, 3, 15), D(2026, 4, 15)),  # the same day a month later
        (D(2026, 1, 31), D(2026, 2, 28)),  # clamped to February's end
        (D(2028, 1, 31), D(2028, 2, 29)),  # leap year
        (D(2028, 1, 29), D(2028, 2, 29)),
        (D(2027, 1, 29), D(2027, 2, 28)),
        (D(2026, 3, 31), D(2026, 4, 30)),  # April has 30 days
        (D(2026, 5, 31), D(2026, 6, 30)),
        (D(2026, 8, 31), D(2026, 9, 30)),
        (D(2026, 12, 31), D(2027, 1, 31)),  # over the year end
        (D(2026, 12, 1), D(2027, 1, 1)),
        (D(2028, 2, 29), D(2028, 3, 29)),
        (D(2026, 2, 28), D(2026, 3, 28)),
    ],
)
def test_results_are_due_one_calendar_month_after_the_end(ends_on, due):
    assert rules.results_due(ends_on) == due


def test_results_are_overdue_only_after_the_due_day():
    end = D(2026, 1, 31)
    assert not rules.results_overdue(end, None, D(2026, 2, 28))  # the due day itself is still in time
    assert rules.results_overdue(end, None, D(2026, 3, 1))
    assert not rules.results_overdue(end, D(2026, 2, 28), D(2026, 6, 1))  # published in time stays in time
    assert rules.results_overdue(end, D(2026, 3, 2), D(2026, 6, 1))  # published late stays late


def test_window_includes_both_days_and_refuses_in_chinese():
    start, end = D(2026, 3, 1), D(2026, 3, 31)
    assert rules.window(start, end, D(2026, 2, 28)) is Window.NOT_STARTED
    assert rules.window(start, end, start) is Window.OPEN
    assert rules.window(start, end, end) is Window.OPEN
    assert rules.window(start, end, D(2026, 4, 1)) is Window.CLOSED
    assert rules.window_refusal(start, end, D(2026, 3, 15)) is None
    assert rules.window_refusal(start, end, D(2026, 2, 1)) == "本次征集调查将于 2026-03-01 开始，目前尚未开放提交。"
    assert rules.window_refusal(start, end, D(2026, 4, 1)) == "本次征集调查已于 2026-03-31 结束，不再接收提交。"


def test_tally_counts_shares_of_respondents():
    results = rules.tally([(1, "满意"), (2, "基本满意"), (3, "不满意")], {1: 2, 3: 1}, 3)
    assert [(r.label, r.count, r.percent) for r in results] == [
        ("满意", 2, 66.7), ("基本满意", 0, 0.0), ("不满意", 1, 33.3)]
    assert rules.tally([(1, "甲")], {}, 0)[0].percent == 0.0  # nobody answered: no division by zero


def test_multiple_choice_shares_may_exceed_one_hundred_percent():
    results = rules.tally([(1, "医院"), (2, "学校")], {1: 4, 2: 3}, 4)
    assert [r.percent for r in results] == [100.0, 75.0]


def test_interview_status_follows_its_time():
    start = dt.datetime(2026, 5, 1, 15, tzinfo=dt.UTC)
    end = start + dt.timedelta(hours=2)
    assert rules.interview_status(start, end, start - dt.timedelta(seconds=1)) is InterviewStatus.ANNOUNCED
    assert rules.interview_status(start, end, start) is InterviewStatus.LIVE
    assert rules.interview_status(start, end, end) is InterviewStatus.FINISHED
    assert rules.question_refusal(InterviewStatus.LIVE) is None
    assert rules.question_refusal(InterviewStatus.FINISHED) == "本期访谈已结束，不再接收提问。"


def test_units_and_options_are_split_without_blanks_or_repeats():
    assert rules.split_units("市财政局、市水务局，市财政局; 市民政局\n") == ["市财政局", "市水务局", "市民政局"]
    assert rules.split_units("") == []
    assert rules.split_options(" 满意 \n\n基本满意\n满意\n") == ["满意", "基本满意"]


def test_sessions_sort_by_their_chinese_numbers():
    assert rules.chinese_number("十") == 10 and rules.chinese_number("十三") == 13
    assert rules.chinese_number("二十一") == 21 and rules.chinese_number("一百零二") == 102
    sessions = ["弥勒市第十届人民代表大会第二次会议", "弥勒市第九届人民代表大会第五次会议",
                "弥勒市第十届人民代表大会第三次会议", "弥勒市第十届人民代表大会第十一次会议"]
    assert sorted(sessions, key=rules.session_key, reverse=True) == [
        "弥勒市第十届人民代表大会第十一次会议", "弥勒市第十届人民代表大会第三次会议",
        "弥勒市第十届人民代表大会第二次会议", "弥勒市第九届人民代表大会第五次会议"]
    assert rules.session_key("政协弥勒市第10届委员会第3次会议")[:2] == (10, 3)
