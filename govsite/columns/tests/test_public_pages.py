"""Public pages: navigation hides empty columns (C5), footer and national metadata, links (C7, P2)."""

import re

import pytest
from django.core.exceptions import ValidationError

from govsite.content.tests.factories import article, column_of, interpretation, policy

pytestmark = pytest.mark.django_db


def path(page) -> str:
    """The page's path on its own site, as its links on that site show it."""
    return page.get_url_parts()[2]


def meta(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta name="([A-Za-z]+)" content="([^"]*)">', html))


def test_empty_columns_are_not_linked_and_answer_404(client, portal):
    news = column_of(portal, "测试要闻")
    article(news, "测试市召开安全生产工作会议")
    home = client.get("/").content.decode()
    assert ">政务要闻<" in home and "测试市召开安全生产工作会议" in home
    assert ">魅力测试<" not in home
    section = client.get(path(column_of(portal, "政务要闻"))).content.decode()
    assert ">测试要闻<" in section and ">视频新闻<" not in section and ">图片新闻<" not in section
    assert client.get(path(column_of(portal, "视频新闻"))).status_code == 404
    assert client.get(path(news)).status_code == 200


def test_link_column_counts_as_filled(client, portal):
    home = client.get("/").content.decode()
    assert ">政务公开<" in home  # 政务服务 links to the provincial platform
    response = client.get(path(column_of(portal, "政务服务")))
    assert response.status_code == 302 and response["Location"] == "https://zwfw.yn.gov.cn/"


def test_footer_carries_every_national_item(client, portal):
    article(column_of(portal, "测试要闻"), "测试新闻")
    html = client.get("/").content.decode()
    for text in ("我为政府网站找错", "测试市人民政府办公室", "测试市电子政务中心", "0873-6000001",
                 "5325040001", "滇ICP备05001234号-1", "滇公网安备 53250402000101号",
                 "党政机关网站标识"):
        assert text in html, text
    assert 'href="https://beian.miit.gov.cn/"' in html
    assert "正在建设" not in html


def test_home_links_the_superior_portal_and_key_columns(client, portal, department):
    article(column_of(department, "工作动态"), "教体局召开教师节表彰大会")
    html = client.get("/", HTTP_HOST="jtj.localhost").content.decode()
    assert 'href="http://testserver/"' in html and "测试市人民政府" in html
    assert "教体局召开教师节表彰大会" in html
    assert 'id="col-' in html  # a key-column block with direct link
    portal_html = client.get("/").content.decode()
    assert 'href="https://www.yn.gov.cn/"' in portal_html


def test_article_page_has_metadata_tags(client, portal):
    news = column_of(portal, "测试要闻")
    page = article(news, "测试市推进营商环境改革", author="李晓", summary="营商环境改革推进情况")
    tags = meta(client.get(path(page)).content.decode())
    assert tags["SiteName"] == "测试市人民政府"
    assert tags["SiteDomain"] == "www.ceshi.gov.cn"
    assert tags["SiteIDCode"] == "5325040001"
    assert tags["ColumnName"] == "测试要闻"
    assert tags["ColumnType"] == "工作动态"
    assert tags["ArticleTitle"] == "测试市推进营商环境改革"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", tags["PubDate"])
    assert tags["ContentSource"] == "测试市人民政府办公室"
    assert tags["Author"] == "李晓" and tags["Description"] == "营商环境改革推进情况"


def test_column_page_has_column_tags(client, portal):
    news = column_of(portal, "测试要闻")
    article(news, "一条新闻")
    tags = meta(client.get(path(news)).content.decode())
    assert tags["ColumnName"] == "测试要闻" and tags["ColumnType"] == "工作动态"
    assert "ArticleTitle" not in tags


def test_policy_and_interpretation_link_both_ways(client, portal):
    doc = policy(column_of(portal, "政府文件"), "测试市城乡居民医疗保险实施办法")
    chart = interpretation(column_of(portal, "政策解读"), "图解：城乡居民医疗保险实施办法", doc)
    policy_html = client.get(path(doc)).content.decode()
    assert "相关解读" in policy_html and path(chart) in policy_html and "图表解读" in policy_html
    for text in ("测政发〔2026〕3号", "532504/2026-00003", "2026-03-01", "有效", "综合政务"):
        assert text in policy_html
    interp_html = client.get(path(chart)).content.decode()
    assert path(doc) in interp_html and "解读文件" in interp_html


def test_column_listing_has_stable_archive_pages(client, portal):
    news = column_of(portal, "测试要闻")
    for i in range(25):
        article(news, f"第{i:02d}号新闻", days_ago=30 - i)
    index = client.get(path(news)).content.decode()
    assert index.index("第24号新闻") < index.index("第23号新闻")
    assert "第05号新闻" in index and "第04号新闻" not in index
    assert f'href="{path(news)}p/1/"' in index  # 更早信息: the page holding item 04
    oldest = client.get(path(news) + "p/1/").content.decode()
    assert "第00号新闻" in oldest and "第19号新闻" in oldest and "第20号新闻" not in oldest
    assert f'href="{path(news)}p/2/"' in oldest
    newest = client.get(path(news) + "p/2/").content.decode()
    assert "第20号新闻" in newest and "第24号新闻" in newest
    assert client.get(path(news) + "p/3/").status_code == 404


def test_placeholder_text_is_refused_in_items(portal):
    news = column_of(portal, "测试要闻")
    page = article(news, "测试")
    page.body = "<p>本栏目正在建设中</p>"
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "正在建设中" in str(caught.value)


def test_unknown_page_is_a_chinese_404(client, portal):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()
