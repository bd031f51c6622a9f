"""Rate strings and windows (I1): what "5/10m" means, and Chinese errors for what it cannot mean."""

import pytest

from govsite.formguard.rates import Rate, minutes_to_wait, parse_rate, window_at
from govsite.formguard.refusal import Refused


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("5/10m", Rate(5, 600)),
        ("100/h", Rate(100, 3600)),
        ("3/30s", Rate(3, 30)),
        (" 20 / 1d ", Rate(20, 86400)),
        ("1/7d", Rate(1, 7 * 86400)),
    ],
)
def test_rate_strings(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("5 per minute", "格式不正确"),
        ("5/10", "格式不正确"),
        ("5/10w", "格式不正确"),
        ("-1/m", "格式不正确"),
        ("", "格式不正确"),
        (5, "格式不正确"),
        ("0/m", "至少为1"),
        ("5/8d", "1秒到7天"),
        ("5/0s", "1秒到7天"),
    ],
)
def test_bad_rate_strings_are_refused_in_chinese(text, words):
    with pytest.raises(Refused) as refused:
        parse_rate(text)
    assert words in refused.value.message and "限流规则" in refused.value.message


def test_windows_are_aligned_and_count_down():
    assert window_at(1200.0, 600).index == window_at(1799.9, 600).index
    assert window_at(1200.0, 600).seconds_left == 600
    assert window_at(1799.5, 600).seconds_left == 1
    assert window_at(1800.0, 600).index == window_at(1200.0, 600).index + 1


@pytest.mark.parametrize(("seconds", "minutes"), [(1, 1), (59, 1), (60, 1), (61, 2), (600, 10)])
def test_wait_is_rounded_up_to_whole_minutes(seconds, minutes):
    assert minutes_to_wait(seconds) == minutes
