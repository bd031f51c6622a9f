"""Pure counting rules: which beacons count, the anonymous key, column roll-up."""

from datetime import date

import pytest

from govsite.analytics.counting import column_visitors, is_bot, page_path, roll_up, visitor_key


@pytest.mark.parametrize(("raw", "expected"), [
    ("/", "/"),
    ("/gzdt/", "/gzdt/"),
    ("/gzdt/index.html", "/gzdt/"),
    ("/gzdt/p/3/", "/gzdt/"),
    ("/gzdt/a?x=1", None),
    ("/static/govsite/css/site.css", None),
    ("/hudong/xiexin/", None),
    ("/documents/1/a.pdf", None),
    ("gzdt/", None),
    ("/../etc/", None),
    ("/" + "a/" * 300, None),
    ("/a\x00/", None),
    ("/\ud800/", None),
    ("/新闻/", "/新闻/"),
])
def test_page_path(raw, expected):
    assert page_path(raw) == expected


@pytest.mark.parametrize(("agent", "bot"), [
    ("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", True),
    ("Mozilla/5.0 (compatible; Googlebot/2.1)", True),
    ("curl/8.5.0", True),
    ("python-httpx/0.27", True),
    ("Mozilla/5.0 HeadlessChrome/120.0", True),
    ("", True),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0", False),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36", False),
])
def test_bots(agent, bot):
    assert is_bot(agent) is bot


def test_visitor_key_depends_on_salt_day_site_address_and_browser():
    day = date(2026, 3, 2)
    key = visitor_key(b"s" * 32, day, 1, "203.0.113.7", "UA")
    assert key == visitor_key(b"s" * 32, day, 1, "203.0.113.7", "UA") and len(key) == 32
    assert "203.0.113.7" not in key
    others = {visitor_key(b"t" * 32, day, 1, "203.0.113.7", "UA"), visitor_key(b"s" * 32, date(2026, 3, 3), 1,
              "203.0.113.7", "UA"), visitor_key(b"s" * 32, day, 2, "203.0.113.7", "UA"),
              visitor_key(b"s" * 32, day, 1, "203.0.113.8", "UA"), visitor_key(b"s" * 32, day, 1, "203.0.113.7", "UB")}
    assert key not in others and len(others) == 5


def test_roll_up_sums_a_column_with_its_descendants_only():
    pages = {"00010001": 5, "000100010001": 7, "0001000100010003": 1, "000100020001": 100}
    assert roll_up(pages, ["00010001", "000100010001", "00010003"]) == {
        "00010001": 13, "000100010001": 8, "00010003": 0}


def test_column_visitors_are_distinct_over_all_pages_inside():
    marks = [("000100010001", "a"), ("0001000100010002", "a"), ("0001000100010002", "b"), ("000100020001", "c")]
    assert column_visitors(marks, ["00010001", "000100010001", "00010002"]) == {
        "00010001": 2, "000100010001": 2, "00010002": 1}
