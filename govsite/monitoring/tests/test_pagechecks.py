"""Footer set, national meta tags and empty columns: on our own rendered pages and on other sites' HTML."""

from __future__ import annotations

import pytest

from govsite.monitoring.pagechecks import column_placeholder, footer_findings, is_empty_column, meta_findings

# The footer of a typical site on another platform: scripts that draw the 找错 and 党政机关 marks.
OTHER_SITE_FOOTER = """<html><body>
<div class="header"><a href="/">首页</a></div>
<div id="bottom">
  <script id="_jiucuo_" sitecode="1100000088" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>
  <span id="_ideConac"><script src="https://dcs.conac.cn/js/01/000/0000/60429971/CA010000000604299710001.js">
  </script></span>
  <p>主办：北京市人民政府办公厅　承办：北京市政务服务管理局</p>
  <p>网站标识码：1100000088　<a href="https://beian.miit.gov.cn/">京ICP备05060933号</a></p>
  <p><a href="http://www.beian.gov.cn/">京公网安备 11010502039222号</a>　<a href="/lxwm/">联系我们</a></p>
</div></body></html>"""

NON_COMPLIANT_FOOTER = """<html><body><div class="content">正文</div>
<table class="foot"><tr><td>版权所有：某某县人民政府　地址：某某县人民路1号</td></tr>
<tr><td>网站标识码：53250400　蒙ICP备号　<a href="http://www.beian.gov.cn/">公网安备号</a></td></tr></table>
</body></html>"""


def test_a_typical_other_site_footer_is_complete():
    assert footer_findings(OTHER_SITE_FOOTER) == []


def test_a_non_compliant_footer_lists_every_gap():
    assert footer_findings(NON_COMPLIANT_FOOTER) == [
        "页脚缺少“我为政府网站找错”入口",
        "页脚缺少党政机关网站标识",
        "页脚网站标识码“53250400”格式不正确（应为10位数字或字母）",
        "页脚ICP备案号格式不正确（应如“滇ICP备05001234号-1”）",
        "页脚公安机关备案号格式不正确（应如“滇公网安备 53250402000101号”，14位数字）",
        "页脚缺少网站主办单位",
        "页脚缺少联系方式（电话、邮箱或“联系我们”）",
    ]


def test_a_blank_sponsor_and_a_page_without_footer():
    blank = "<footer><dl><dt>主办单位</dt><dd></dd><dt>承办单位</dt><dd>某中心</dd></dl></footer>"
    assert "页脚网站主办单位未填写" in footer_findings(blank)
    assert len(footer_findings("")) == 7
    # No footer element: the whole page is searched.
    assert "页脚缺少网站主办单位" not in footer_findings("<p>主办单位：某某县人民政府办公室 电话：0873-6000001</p>")


def test_numbers_inside_other_codes_are_not_a_phone():
    page = "<footer>滇公网安备 53250402000101号</footer>"
    assert "页脚缺少联系方式（电话、邮箱或“联系我们”）" in footer_findings(page)


ARTICLE_META = """<html><head>
<meta name="SiteName" content="测试市人民政府"><meta name="SiteDomain" content="www.ceshi.gov.cn">
<meta name="SiteIDCode" content="5325040001"><meta name="ColumnName" content="测试要闻">
<meta name="ColumnDescription" content="测试要闻"><meta name="ColumnKeywords" content="测试要闻">
<meta name="ColumnType" content="工作动态"><meta name="ArticleTitle" content="测试市召开会议">
<meta name="PubDate" content="2026-03-01 09:30"><meta name="ContentSource" content="测试市人民政府办公室">
</head><body></body></html>"""


def test_complete_article_meta_passes_for_every_kind():
    for kind in ("site", "column", "article"):
        assert meta_findings(ARTICLE_META, kind) == []


def test_missing_and_malformed_meta():
    page = (ARTICLE_META.replace('name="SiteName"', 'name="sitename"')
            .replace("www.ceshi.gov.cn", "https://www.ceshi.gov.cn/")
            .replace('content="5325040001"', 'content=""')
            .replace("工作动态", "新闻")
            .replace("2026-03-01 09:30", "2026/03/01")
            .replace('<meta name="ContentSource" content="测试市人民政府办公室">', ""))
    assert meta_findings(page, "site") == [
        "元数据 SiteName（网站名称） 名称大小写不符：页面写作“sitename”",
        "元数据 SiteDomain（网站域名） 格式不正确：“https://www.ceshi.gov.cn/”，应为域名本身，不带“http://”和路径",
        "元数据 SiteIDCode（网站标识码） 内容为空",
    ]
    assert meta_findings(page, "article")[3:] == [
        "元数据 ColumnType（栏目类型） 格式不正确：“新闻”，不是国家规定的栏目类型",
        "元数据 PubDate（发布时间） 格式不正确：“2026/03/01”，应为“YYYY-MM-DD HH:MM”",
        "缺少元数据 ContentSource（文章来源）",
    ]


def test_pub_date_must_be_zero_padded_and_real():
    for bad in ("2026-3-1 9:30", "2026-02-30 09:30", "2026-03-01"):
        page = ARTICLE_META.replace("2026-03-01 09:30", bad)
        assert meta_findings(page, "article") == [f"元数据 PubDate（发布时间） 格式不正确：“{bad}”，应为“YYYY-MM-DD HH:MM”"]


def test_unknown_page_kind_is_refused():
    with pytest.raises(ValueError, match="未知的页面类型"):
        meta_findings(ARTICLE_META, "topic")


def column_page(content: str) -> str:
    return f"""<html><body><div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; 工作动态</div>
<div id="content"><h2>工作动态</h2>{content}</div>
<div class="footer">主办单位：某某县人民政府</div></body></html>"""


def test_placeholder_and_empty_columns():
    building = column_page("<p>本栏目正在建设中，敬请期待！</p>")
    assert column_placeholder(building) == "正在建设中" and is_empty_column(building)
    assert is_empty_column(column_page("<ul></ul>"))
    assert not is_empty_column(column_page('<ul><li><a href="/a/1.html">县长主持召开常务会议</a> 2026-06-01</li></ul>'))


def test_a_news_title_is_not_a_placeholder():
    news = column_page('<ul><li><a href="/a/2.html">县图书馆新馆正在建设中</a></li></ul>')
    assert column_placeholder(news) is None and not is_empty_column(news)


def test_sub_column_links_inside_main_are_content():
    page = ('<html><body><nav class="mainnav"><a href="/">首页</a></nav><main><h1>政务公开</h1>'
            '<nav class="sub-columns"><ul><li><a href="/zwgk/zcwj/">政策文件</a></li></ul></nav></main></body></html>')
    assert not is_empty_column(page)


@pytest.mark.django_db
def test_our_own_pages_pass_every_check(client, portal):
    from govsite.content.tests.factories import article, column_of

    news = column_of(portal, "测试要闻")
    item = article(news, "测试市召开安全生产工作会议")
    home = client.get("/").content.decode()
    assert footer_findings(home) == [] and meta_findings(home, "site") == []
    column = client.get(news.get_url_parts()[2]).content.decode()
    assert meta_findings(column, "column") == [] and not is_empty_column(column)
    assert column_placeholder(column) is None
    page = client.get(item.get_url_parts()[2]).content.decode()
    assert footer_findings(page) == [] and meta_findings(page, "article") == []
