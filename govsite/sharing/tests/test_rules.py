"""The copy's link back and address (P9), without Django."""

from govsite.sharing.links import copy_slug, with_origin_link


def test_p9_copy_links_back_to_the_original_escaped():
    body = with_origin_link("<p>正文</p>", "https://www.ceshi.gov.cn/a?x=1&y=2", "原文链接：测试市<政府>")
    assert body == ('<p>正文</p><p><a href="https://www.ceshi.gov.cn/a?x=1&amp;y=2">'
                    "原文链接：测试市&lt;政府&gt;</a></p>")


def test_p9_copy_slug_is_unique_per_original():
    assert copy_slug("t20260301", 42) == "t20260301-p42"
    assert copy_slug("t20260301", 42) != copy_slug("t20260301", 43)
