"""The collector's pure rules (G1, P8): encoding, extraction, cleaning, dedupe, breakage, deadlines."""

from datetime import datetime, timedelta

import pytest

from govsite.collector.cleaning import clean_body, content_hash, rewrite_links
from govsite.collector.encoding import decode
from govsite.collector.extraction import (
    SelectorError,
    Selectors,
    UpstreamDate,
    parse_date,
    parse_detail,
    parse_feed,
    parse_list,
    validate_selector,
    walk_list,
)
from govsite.collector.health import meta_mismatch, nothing_found
from govsite.collector.reposting import countdown, is_important, is_overdue, keywords, repost_due

LIST = """<html><body><div class="nav"><a href="/">首页</a></div>
<ul class="list"><li><a href="./202603/t20260301_1.html" title="关于印发《测试办法》的通知">关于印发…</a>
<span>2026-03-01</span></li><li><a href="../zcwj/t20260302_2.html">省政府常务会议</a></li></ul>
<div class="page"><a class="next" href="index_1.html">下一页</a></div></body></html>"""

DETAIL = """<html><head><meta name="SiteName" content="云南省人民政府"><meta name="ColumnName" content="政策文件">
<meta name="PubDate" content="2026-03-01 09:30"></head><body><h1 class="t">关于印发《测试办法》的通知</h1>
<div class="info">发布时间：2026年03月01日</div><div id="zoom"><p>各州、市人民政府：</p>
<p style="color:red" onclick="x()">现将办法印发给你们。<img src="img/a.png" alt="示意图"></p>
<script>alert(1)</script><a href="files/banfa.pdf">附件：测试办法.pdf</a></div></body></html>"""


def test_header_charset_wins_then_meta_then_utf8_then_gb18030_g1():
    text = "云南省人民政府"
    assert decode(text.encode("gbk"), "text/html; charset=GBK") == text
    assert decode(f"<meta charset='gb2312'>{text}".encode("gbk")).endswith(text)
    assert decode(text.encode("utf-8")) == text
    assert decode(text.encode("gb18030")) == text  # no declaration, not UTF-8: the Chinese fallback
    assert decode(f"<meta charset='utf-8'>{text}".encode("gbk")).endswith(text)  # a wrong declaration


def test_list_links_are_absolute_with_titles_and_next_page_g1():
    links, following = parse_list(LIST, "http://up.example/xxgk/index.html", Selectors(links="ul.list a",
                                                                                       next_page="a.next"))
    assert [link.url for link in links] == ["http://up.example/xxgk/202603/t20260301_1.html",
                                            "http://up.example/zcwj/t20260302_2.html"]
    assert links[0].title == "关于印发《测试办法》的通知"
    assert following == "http://up.example/xxgk/index_1.html"


def test_xpath_selects_as_css_does_and_bad_selectors_are_refused_in_chinese_g1():
    links, _next = parse_list(LIST, "http://up.example/", Selectors(links="//ul[@class='list']//a"))
    assert len(links) == 2
    with pytest.raises(SelectorError, match="CSS选择器"):
        validate_selector("ul[[")
    with pytest.raises(SelectorError, match="XPath选择器"):
        validate_selector("//ul[")


def test_pagination_follows_next_pages_up_to_the_cap_and_never_loops_g1():
    def page(n):
        return f"<a class='i' href='/a{n}.html'>第{n}条</a><a class='next' href='/list{(n + 1) % 3}.html'>下一页</a>"

    fetched = []

    def fetch(url):
        fetched.append(url)
        return page(int(url[-6]))

    selectors = Selectors(links="a.i", next_page="a.next")
    assert len(walk_list("http://up.example/list0.html", fetch, selectors, max_pages=10)) == 3  # 0→1→2→0 stops
    fetched.clear()
    assert len(walk_list("http://up.example/list0.html", fetch, selectors, max_pages=2)) == 2
    assert len(fetched) == 2


def test_detail_by_selectors_keeps_title_date_body_files_and_meta_g1():
    detail = parse_detail(DETAIL, "http://up.example/xxgk/t1.html",
                          Selectors(title="h1.t", date="div.info", body="#zoom"))
    assert detail.title == "关于印发《测试办法》的通知"
    assert detail.published == UpstreamDate(datetime(2026, 3, 1), precise=False)
    assert [a.url for a in detail.attachments] == ["http://up.example/xxgk/files/banfa.pdf"]
    assert detail.images == ("http://up.example/xxgk/img/a.png",)
    assert detail.meta["SiteName"] == "云南省人民政府"


def test_without_selectors_the_meta_tags_and_trafilatura_find_the_item_g1():
    long_text = "".join(f"<p>第{n}条 为规范测试工作，根据有关法律法规，结合本省实际，制定本办法。</p>" for n in range(8))
    page = DETAIL.replace("<p>各州、市人民政府：</p>", long_text)
    detail = parse_detail(page, "http://up.example/xxgk/t1.html", Selectors())
    assert detail.title == "关于印发《测试办法》的通知"  # no selector, no ArticleTitle tag: the <h1>
    assert detail.published == UpstreamDate(datetime(2026, 3, 1, 9, 30), precise=True)
    assert "第7条 为规范测试工作" in detail.body_html
    assert [a.url for a in detail.attachments] == ["http://up.example/xxgk/files/banfa.pdf"]


def test_feed_items_rss_and_atom_g1():
    rss = b"<rss><channel><item><title>\xe9\x80\x9a\xe7\x9f\xa5</title><link>/a.html</link></item></channel></rss>"
    atom = b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>T</title><link href='b.html'/></entry></feed>"
    assert [(i.url, i.title) for i in parse_feed(rss, "http://up.example/rss.xml")] == [
        ("http://up.example/a.html", "通知")]
    assert parse_feed(atom, "http://up.example/f/")[0].url == "http://up.example/f/b.html"
    with pytest.raises(SelectorError, match="RSS"):
        parse_feed(b"<html>", "http://up.example/")


@pytest.mark.parametrize(("text", "expected"), [
    ("发布时间：2026-03-01 09:30", UpstreamDate(datetime(2026, 3, 1, 9, 30), True)),
    ("2026年3月1日", UpstreamDate(datetime(2026, 3, 1), False)),
    ("2026/03/01", UpstreamDate(datetime(2026, 3, 1), False)),
    ("2026-02-30", None),
    ("无日期", None),
])
def test_dates_in_the_forms_government_sites_write_them_g1(text, expected):
    assert parse_date(text) == expected


def test_body_is_cleaned_of_scripts_styles_and_handlers_g1():
    body = parse_detail(DETAIL, "http://up.example/x/t1.html", Selectors(body="#zoom")).body_html
    cleaned = clean_body(body + "<a href='javascript:evil()'>点</a>", "http://up.example/x/t1.html")
    assert "script" not in cleaned and "alert" not in cleaned and "onclick" not in cleaned
    assert "style" not in cleaned and "javascript" not in cleaned and "<div" not in cleaned
    assert "<p>各州、市人民政府：</p>" in cleaned


def test_stored_files_are_linked_in_the_library_and_unstored_images_dropped_g1():
    body = ('<p>见<a href="http://up.example/f/a.pdf">附件</a><img src="http://up.example/i/1.png" alt="图一">'
            '<img src="http://up.example/i/2.png" alt="图二"></p>')
    body += '<p><a href="http://up.example/f/virus.pdf">危险附件</a></p>'
    rewritten = rewrite_links(body, {"http://up.example/f/a.pdf": 7}, {"http://up.example/i/1.png": 9},
                              frozenset({"http://up.example/f/virus.pdf"}))
    assert '<a linktype="document" id="7">附件</a>' in rewritten
    assert '<embed embedtype="image" id="9" format="fullwidth" alt="图一"/>' in rewritten
    assert "2.png" not in rewritten and "图二" in rewritten
    assert "virus" not in rewritten and "<p>危险附件</p>" in rewritten


def test_content_hash_ignores_markup_spacing_and_width_g1():
    same = content_hash("通知", "<p>各单位：\n  请于３月１日前报送。</p>")
    assert content_hash("通知", "<div><span>各单位：</span>请于3月1日前报送。</div>") == same
    assert content_hash("通知", "<p>各单位：请于3月2日前报送。</p>") != same


def test_a_source_that_found_items_before_and_none_now_is_broken_g1():
    assert "上次采集找到 5 条" in nothing_found(0, 5)
    assert nothing_found(0, 0) is None and nothing_found(3, 5) is None


def test_meta_tags_must_match_the_expected_site_and_column_g1():
    meta = {"SiteName": "云南省人民政府", "ColumnName": "政策文件"}
    assert meta_mismatch(meta, "云南省人民政府", "政策文件") is None
    assert meta_mismatch(meta, "", "") is None  # nothing expected, nothing checked
    assert "ColumnName 应为“政策解读”，实际为“政策文件”" in meta_mismatch(meta, "云南省人民政府", "政策解读")
    assert "SiteName 应为“云南省人民政府”，实际为缺失" in meta_mismatch({}, "云南省人民政府", "")


def test_importance_by_source_or_keyword_p8():
    rules = keywords("国务院，常务会议、 政策")
    assert rules == ["国务院", "常务会议", "政策"]
    assert is_important(False, rules, "国务院常务会议部署稳就业")
    assert is_important(True, [], "省政府召开座谈会")
    assert not is_important(False, rules, "省政府召开座谈会")


def test_deadline_counts_from_upstream_time_when_known_to_the_minute_else_from_collection_p8():
    collected = datetime(2026, 3, 1, 15, 0)
    assert repost_due(collected, UpstreamDate(datetime(2026, 3, 1, 9, 30), True)) == datetime(2026, 3, 1, 21, 30)
    assert repost_due(collected, UpstreamDate(datetime(2026, 3, 1), False)) == datetime(2026, 3, 2, 3, 0)
    assert repost_due(collected, None) == datetime(2026, 3, 2, 3, 0)


def test_countdown_and_overdue_flags_p8():
    due = datetime(2026, 3, 1, 21, 30)
    assert countdown(due, due - timedelta(hours=5, minutes=12)) == "剩余 5小时12分"
    assert countdown(due, due + timedelta(hours=1, minutes=3)) == "已超期 1小时3分"
    assert not is_overdue(due, None, due)
    assert is_overdue(due, None, due + timedelta(minutes=1))
    assert not is_overdue(due, due - timedelta(hours=1), due + timedelta(days=1))  # reposted in time
    assert is_overdue(due, due + timedelta(hours=1), due + timedelta(days=1))  # reposted late
    assert not is_overdue(None, None, due)
