"""A person searches the demo portal from the header box and sees highlighted results (U1); a step of the
demo portal's browser test."""

from __future__ import annotations

WORD = "营商环境"


def a_person_searches_from_the_header_and_sees_highlighted_results(url: str, page) -> None:
    """Type a word in the header's box on the home page, submit, read the count and the marked words."""
    page.goto(url + "/")
    box = page.get_by_role("search").get_by_role("searchbox")
    box.fill(WORD)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.get_by_role("heading", level=1).inner_text() == "站内搜索"
    assert f"找到与“{WORD}”相关的结果" in page.locator(".search-count").inner_text()
    hits = page.locator(".search-hit")
    assert hits.count() > 0
    assert hits.first.locator("mark").first.inner_text() == WORD
    hits.first.get_by_role("link").first.click()
    assert WORD in page.get_by_role("heading", level=1).inner_text() + page.locator("main").inner_text()
