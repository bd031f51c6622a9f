"""The link checker (M1) against real HTTP servers on 127.0.0.1: a site with every kind of broken link, a
second server on another port as an external site, bodies framed and compressed every way HTTP/1.1 allows,
a public server that picks the site by Host, and the `govsite linkcheck` command."""

from __future__ import annotations

import json
import socket
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from govsite.monitoring.linkcheck import (
    BrokenLink,
    extract_links,
    joined,
    joined_plainly,
    page_encoding,
    run_check,
)
from govsite.monitoring.management.commands.linkcheck import broken_text
from govsite.monitoring.tests.sites import LocalSite, file, page, redirect

HOME = """
<a href="about/">关于我们</a>
<a href="/news/1.html">新闻一</a><a href="/news/1.html#top">新闻一（锚点）</a><a href="news/1.html">新闻一（相对）</a>
<a href="/missing.html">已删除的页面</a>
<img src="/img/logo.png"><img src='/img/broken.png'>
<a href="/files/report.pdf">年度报告</a><a href=/files/gone.docx>失效附件</a>
<a href="{ext}/ok">外部网站</a><a href="{ext}/dead">失效外链</a><a href="{ext}/no-head">不支持 HEAD</a>
<a href="/flaky">偶发错误</a><a href="/slow">很慢的页面</a><a href="/loop-a">循环</a><a href="/old">旧地址</a>
<a href="/deep/article.html">已下线文章</a><a href="/far/0">多次跳转</a>
<a href="mailto:ban@ceshi.gov.cn">邮箱</a><a href="tel:0873-6000000">电话</a><a href="javascript:void(0)">脚本</a>
<a href="#main">本页</a>
<!-- <a href="/commented.html">注释里的链接</a> -->
"""


def build(main: LocalSite, external: LocalSite) -> None:
    """The test site: every path of HOME and what it leads to; the external site's three paths."""
    main.routes.update({
        "/": page(HOME.format(ext=external.url("").rstrip("/"))),
        "/about/": page('<a href="../missing.html">旧链接</a>'),
        "/news/1.html": page('<link rel="stylesheet" href="/css/site.css"><script src="../js/app.js"></script>'
                             '<iframe src="/embed.html"></iframe><a href="2.html">下一篇</a><a href="/missing.html">x</a>'),
        "/news/2.html": page('<a href="/">首页</a><a href="1.html">上一篇</a>'),
        "/news/3.html": page('<a href="/news/2.html">相关</a>'),
        "/embed.html": page(),
        "/img/logo.png": file("image/png"), "/files/report.pdf": file("application/pdf"),
        "/css/site.css": file("text/css"), "/js/app.js": file("text/javascript"),
        "/flaky": page(failures=1), "/slow": page(delay=3),
        "/loop-a": redirect("/loop-b"), "/loop-b": redirect("/loop-a"),
        "/old": redirect("/moved", 301), "/moved": redirect("/news/3.html"),
        "/deep/article.html": redirect("/"),
        **{f"/far/{hop}": redirect(f"/far/{hop + 1}") for hop in range(12)}, "/far/12": page(),
    })
    external.routes.update({"/ok": page(), "/no-head": page(head_status=405)})


@pytest.fixture(scope="module")
def checked():
    """One check of the test site with a 1-second timeout; the two servers stay up for their counts."""
    with LocalSite() as main, LocalSite() as external:
        build(main, external)
        yield run_check(main.url(), timeout=1), main, external


def broken_by_url(report) -> dict:
    return {link.url: link for link in report.broken}


def test_the_broken_links_and_why(checked):
    report, main, external = checked
    found = {url: (link.status, link.reason) for url, link in broken_by_url(report).items()}
    assert found == {
        main.url("/missing.html"): (404, "地址不存在"),
        main.url("/img/broken.png"): (404, "地址不存在"),
        main.url("/files/gone.docx"): (404, "地址不存在"),
        external.url("/dead"): (404, "地址不存在"),
        main.url("/slow"): (None, "超时"),
        main.url("/loop-a"): (None, "重定向循环"),
        main.url("/deep/article.html"): (200, "重定向到首页"),
        main.url("/far/0"): (None, "重定向次数过多"),
    }


def test_a_broken_link_lists_every_page_it_is_on(checked):
    report, main, _ = checked
    missing = broken_by_url(report)[main.url("/missing.html")]
    assert missing.sources == [main.url("/"), main.url("/about/"), main.url("/news/1.html")]


def test_pages_and_distinct_links_are_counted(checked):
    report, _, _ = checked
    # /, /about/, /news/1-3.html (3 reached through /old), /embed.html, /flaky (after its retry)
    assert report.pages == 7
    # 17 links on the home page, 4 more on /news/1.html, and /news/3.html reached through a redirect
    assert report.links == 22


def test_each_url_is_requested_once(checked):
    _, main, external = checked
    assert main.hits[("GET", "/news/1.html")] == 1  # linked four times, once with a fragment
    assert main.hits[("GET", "/missing.html")] == 1  # on three pages
    assert main.requests("/img/logo.png") == main.requests("/files/gone.docx") == 1
    assert main.requests("/commented.html") == 0
    assert external.requests("/ok") == external.requests("/dead") == 1


def test_files_and_external_links_are_checked_with_head(checked):
    _, main, external = checked
    for path in ("/img/logo.png", "/img/broken.png", "/files/report.pdf", "/css/site.css", "/js/app.js"):
        assert main.hits[("HEAD", path)] == 1, path
    assert external.hits[("HEAD", "/ok")] == 1


def test_a_refused_head_falls_back_to_get_and_is_not_broken(checked):
    report, _, external = checked
    assert (external.hits[("HEAD", "/no-head")], external.hits[("GET", "/no-head")]) == (1, 1)
    assert external.url("/no-head") not in broken_by_url(report)


def test_a_server_error_is_retried_and_recovers(checked):
    report, main, _ = checked
    assert main.hits[("GET", "/flaky")] == 2
    assert main.url("/flaky") not in broken_by_url(report)


def test_a_timeout_is_retried_once(checked):
    _, main, _ = checked
    assert main.hits[("GET", "/slow")] == 2


def test_redirect_chains_are_recorded(checked):
    report, main, _ = checked
    broken = broken_by_url(report)
    assert main.url("/old") not in broken  # 301 then 302 to a good page
    assert broken[main.url("/loop-a")].chain == [main.url(p) for p in ("/loop-a", "/loop-b", "/loop-a")]
    assert broken[main.url("/deep/article.html")].chain == [main.url("/deep/article.html"), main.url("/")]
    assert len(broken[main.url("/far/0")].chain) == 12


def test_relative_links_base_and_entities_are_resolved():
    markup = """<base href="/news/"><a href="2.html?a=1&amp;b=2#x">相对</a><img src = "//Static.Example.CN:80/a.png">
    <script>document.write('<a href="/written-by-script">');</script><a href="mailto:x@y.cn">邮箱</a>
    <link rel=stylesheet href=../css/site.css><a href='报告.pdf'>附件</a>"""
    assert extract_links(markup, "http://127.0.0.1:8000/index.html") == {
        "http://127.0.0.1:8000/news/2.html?a=1&b=2": True,
        "http://static.example.cn/a.png": False,
        "http://127.0.0.1:8000/css/site.css": False,
        "http://127.0.0.1:8000/news/报告.pdf": False,
    }


BASES = [
    "http://127.0.0.1:8000/", "http://127.0.0.1:8000/news/2024/a.html?from=/x/./y", "https://127.0.0.1/a//b/c.html",
    "http://127.0.0.1:8000/a/./b/", "http://127.0.0.1:8000/a;x/b.html;y", "http://127.0.0.1:8000/报告/",
]
PREFIXES = ["", "/", "http://127.0.0.1:8000", "http://127.0.0.1:8000/", "HTTP://127.0.0.1:8000/", "//127.0.0.1/"]


@given(st.sampled_from(BASES), st.sampled_from(PREFIXES), st.text("/.?;:&%=a报 \t\\", max_size=10))
def test_plain_links_are_joined_as_urllib_joins_them(base, prefix, rest):
    raw = prefix + rest
    if raw:  # what the fast path answers is what urllib says; it may leave any link to urllib
        assert joined_plainly(base, raw) in (None, joined(base, raw))


def test_a_gbk_page_is_read_in_its_own_encoding():
    body = '<meta charset="gb2312"><a href="/附件/通知.pdf">通知</a>'.encode("gbk")
    assert page_encoding("text/html", body) == "gb18030"
    assert list(extract_links(body.decode("gb18030"), "http://127.0.0.1:8000/")) == ["http://127.0.0.1:8000/附件/通知.pdf"]


def test_a_host_that_refuses_connections_is_reported_in_chinese():
    with socket.socket() as sock:  # a loopback port that nothing listens on once closed
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/page.html"
    with LocalSite({"/": page(f'<a href="{closed}">已关闭的网站</a>')}) as site:
        report = run_check(site.url())
    assert [(link.url, link.status, link.reason) for link in report.broken] == [(closed, None, "连接被拒绝")]


def test_chunked_compressed_and_unframed_pages_are_read():
    routes = {
        "/": page('<a href="/chunked.html">分块传输</a>', framing="chunked", gzip=True),
        "/chunked.html": page('<a href="/unframed.html">无长度</a>', framing="chunked"),
        "/unframed.html": page('<a href="/last.html">末页</a><a href="/gone.html">失效</a>', framing="close", gzip=True),
        "/last.html": page(),
    }
    with LocalSite(routes) as site:
        report = run_check(site.url())
    assert report.pages == 4
    assert [(link.url, link.sources) for link in report.broken] == [(site.url("/gone.html"), [site.url("/unframed.html")])]


def test_the_cookies_a_site_sets_are_sent_back():
    routes = {"/": page('<a href="/members.html">会员</a>', headers={"Set-Cookie": "session=1; Path=/"}),
              "/members.html": page(needs_cookie="session=1")}  # without it: sent to the home page
    with LocalSite(routes) as site:
        report = run_check(site.url())
    assert (report.pages, report.broken) == (2, [])


def test_a_site_behind_a_public_server_is_reached_through_its_host_header():
    with LocalSite(host="www.ceshi.gov.cn") as site, LocalSite() as external:
        site.routes.update({
            "/": page(f'<a href="/news.html">新闻</a><img src="/logo.png"><a href="{external.url("/ok")}">外链</a>'),
            "/news.html": page('<a href="/gone.html">失效</a>'), "/logo.png": file("image/png"),
        })
        external.routes["/ok"] = page()
        report = run_check(site.url(), host_header="www.ceshi.gov.cn")
        assert (report.pages, report.links) == (2, 5)
        assert [(link.url, link.status, link.sources) for link in report.broken] == [
            (site.url("/gone.html"), 404, [site.url("/news.html")])  # reported at the address crawled
        ]
        assert set(site.hosts) == {"www.ceshi.gov.cn"}
        assert set(external.hosts) == {external.url("").removeprefix("http://").rstrip("/")}
        without = run_check(site.url())
    assert [(link.url, link.status) for link in without.broken] == [(site.url(), 404)]


def test_max_pages_is_honoured():
    routes = {f"/p{n}": page(f'<a href="/p{n + 1}">下一页</a>') for n in range(1, 10)}
    with LocalSite({"/": page('<a href="/p1">第一页</a>'), **routes}) as site:
        report = run_check(site.url(), max_pages=3)
    assert (report.pages, report.links, report.broken) == (3, 4, [])
    assert [site.hits[("GET", p)] for p in ("/", "/p1", "/p2", "/p3")] == [1, 1, 1, 0]
    assert site.hits[("HEAD", "/p3")] == 1  # found on the last page crawled: checked, not crawled
    assert site.requests("/p4") == 0


def test_requests_to_one_host_stay_within_the_limit():
    slow = {f"/img/{n}.png": file("image/png", delay=0.2) for n in range(12)}
    markup = "".join(f'<img src="{path}">' for path in slow)
    with LocalSite({"/": page(markup), **slow}) as site:
        report = run_check(site.url(), per_host=3)
    assert report.broken == []
    assert 2 <= site.max_active <= 3


def test_requests_to_an_external_host_are_spaced_by_its_rate():
    with LocalSite() as external, LocalSite() as site:
        external.routes.update({f"/{n}": page() for n in range(6)})
        site.routes["/"] = page("".join(f'<a href="{external.url(f"/{n}")}">外链</a>' for n in range(6)))
        run_check(site.url(), external_rate=10)
    assert external.times[-1] - external.times[0] >= 0.45  # six requests at most ten a second


@pytest.fixture
def small_site():
    with LocalSite({"/": page('<a href="/ok.html">好</a><a href="/gone.html">坏</a>'),
                    "/ok.html": page('<a href="/gone.html">坏</a>')}) as site:
        yield site


def test_the_command_prints_the_report_as_json(small_site):
    out = StringIO()
    call_command("linkcheck", small_site.url(), "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "pages": 2, "links": 3,
        "broken": [{"url": small_site.url("/gone.html"), "status": 404, "reason": "地址不存在",
                    "sources": [small_site.url("/"), small_site.url("/ok.html")]}],
    }


def test_the_command_prints_a_chinese_summary(small_site):
    out = StringIO()
    call_command("linkcheck", small_site.url(), "--max-pages", "1", stdout=out)
    assert out.getvalue().splitlines() == [
        "共抓取 1 个页面，检查 3 个链接，发现 1 个失效链接：",
        f"[404 地址不存在] {small_site.url('/gone.html')}",
        f"    所在页面：{small_site.url('/')}",
    ]


def test_the_summary_shows_three_sources_and_how_many_there_are():
    sources = [f"http://127.0.0.1:8000/news/{n}.html" for n in range(5)]
    assert broken_text(BrokenLink("http://127.0.0.1:8000/a.pdf", None, "超时", sources)) == (
        "[超时] http://127.0.0.1:8000/a.pdf\n    所在页面：" + "、".join(sources[:3]) + " 等 5 个页面"
    )


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/", "127.0.0.1", "http://", "http://127.0.0.1:99999/"])
def test_the_command_refuses_a_bad_address(url):
    with pytest.raises(CommandError, match="网址.*无效"):
        call_command("linkcheck", url)


def test_the_command_refuses_a_bad_host_header():
    with pytest.raises(CommandError, match="(?s)主机名.*无效"):
        call_command("linkcheck", "http://127.0.0.1/", "--host-header", "www.ceshi.gov.cn\r\nX-Evil: 1")


def test_the_command_refuses_a_bad_page_budget():
    with pytest.raises(CommandError, match="须为正整数"):
        call_command("linkcheck", "http://127.0.0.1/", "--max-pages", "0")
