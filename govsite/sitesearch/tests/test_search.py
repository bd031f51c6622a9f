"""The public search on indexed pages (U1): Chinese words, scope, filters, exclusions and the results page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from govsite.content.tests.factories import column_of

from .conftest import article

pytestmark = pytest.mark.django_db


def titles(client, host: str = "testserver", **query) -> list[str]:
    response = client.get("/search/", query, HTTP_HOST=host)
    assert response.status_code == 200, response.content.decode()[:2000]
    return [hit.page.title for hit in response.context["outcome"].hits]


def test_two_character_words_names_and_phrases_inside_long_sentences_are_found(client, corpus):
    assert titles(client, q="医保") == ["关于进一步做好城乡居民医保参保缴费工作的通知"]
    assert titles(client, q="张三丰") == ["全市安全生产工作会议召开"]  # only in the body
    assert titles(client, q="营商环境") == ["测试市人民政府关于印发优化营商环境若干措施的通知"]
    assert titles(client, q="城乡居民医保缴费") == ["关于进一步做好城乡居民医保参保缴费工作的通知"]
    assert titles(client, q="张三李") == []


def test_a_traditional_character_query_finds_simplified_text(client, corpus):
    assert titles(client, q="醫保繳費") == ["关于进一步做好城乡居民医保参保缴费工作的通知"]


def test_one_site_by_default_and_the_whole_platform_on_request(client, corpus):
    assert titles(client, "jtj.localhost", q="医保") == ["全市中小学春季开学工作有序推进"]
    assert sorted(titles(client, q="医保", scope="all")) == [
        "全市中小学春季开学工作有序推进", "关于进一步做好城乡居民医保参保缴费工作的通知"]


def test_the_whole_platform_leaves_out_sites_the_public_cannot_see(client, department, corpus):
    from govsite.registry.models import SiteRecord

    SiteRecord.objects.filter(pk=department.pk).update(status="offline")
    assert titles(client, q="医保", scope="all") == ["关于进一步做好城乡居民医保参保缴费工作的通知"]


def test_filters_by_column_type_and_date(client, portal, corpus):
    news = column_of(portal, "测试要闻")
    assert titles(client, q="通知", column=str(news.pk)) == ["关于进一步做好城乡居民医保参保缴费工作的通知"]
    assert titles(client, q="通知", type="content.policypage") == ["测试市人民政府关于印发优化营商环境若干措施的通知"]
    today = timezone.localdate()
    assert titles(client, q="工作", **{"from": str(today - dt.timedelta(days=10))}) == [
        "关于进一步做好城乡居民医保参保缴费工作的通知"]
    assert titles(client, q="工作", to=str(today - dt.timedelta(days=30))) == ["全市安全生产工作会议召开"]


def test_order_by_date_lists_the_newest_first(client, corpus):
    assert titles(client, q="工作", order="date") == ["关于进一步做好城乡居民医保参保缴费工作的通知",
                                                     "全市安全生产工作会议召开"]


def test_unpublished_and_private_pages_are_not_found_archived_ones_are_marked(client, portal, corpus):
    corpus["medical"].unpublish()
    assert titles(client, q="医保") == []
    PageViewRestriction.objects.create(page=corpus["leader"], restriction_type=PageViewRestriction.LOGIN)
    assert titles(client, q="张三丰") == []
    corpus["policy"].set_archived(True)
    response = client.get("/search/", {"q": "营商环境"})
    assert "已归档" in response.content.decode()


def test_results_page_shows_count_highlights_trail_and_date(client, corpus):
    html = client.get("/search/", {"q": "医保 缴费"}).content.decode()
    assert "找到与“医保 缴费”相关的结果 1 条" in html
    assert "城乡居民<mark>医保</mark>参保<mark>缴费</mark>工作的通知" in html
    assert "测试要闻" in html  # the column trail
    assert (timezone.localdate() - dt.timedelta(days=3)).isoformat() in html


def test_the_header_of_every_public_page_carries_the_search_box(client, corpus):
    html = client.get(corpus["medical"].url).content.decode()
    assert 'role="search" action="/search/"' in html


def test_pages_of_results(client, portal, indexed):
    news = column_of(portal, "测试要闻")
    for n in range(12):
        article(news, f"第{n}号防汛工作简报", days_ago=n + 1)
    first = client.get("/search/", {"q": "防汛", "order": "date"})
    assert len(first.context["outcome"].hits) == 10
    assert "第 1 页，共 2 页" in first.content.decode()
    assert titles(client, q="防汛", order="date", page="2") == ["第10号防汛工作简报", "第11号防汛工作简报"]


@pytest.mark.parametrize(("query", "message"), [
    ({"q": ""}, "请输入要搜索的词语。"),
    ({"q": "长" * 101}, "搜索词不能超过100个字"),
    ({"q": "医保", "from": "2026-13-01"}, "起始日期格式不正确"),
    ({"q": "医保", "column": "999999"}, "所选栏目不存在"),
    ({"q": "医保", "type": "auth.user"}, "所选信息类型不存在"),
    ({"q": "“”！？"}, "汉字、字母或数字"),
])
def test_bad_input_answers_400_with_a_chinese_message(client, corpus, query, message):
    response = client.get("/search/", query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_fts_syntax_in_a_query_is_only_text(client, corpus):
    assert titles(client, q='医保" OR "张三丰 NEAR(') == []
    assert titles(client, q="医保 OR 张三丰") == []


def test_the_search_page_without_a_query_shows_the_form(client, db, portal):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert response.context["outcome"] is None


def test_a_word_in_very_many_pages_is_counted_up_to_the_cap(client, corpus, monkeypatch):
    """SQLite's ranked query stops counting at the cap; other databases count exactly."""
    from govsite.sitesearch import ranking

    if not ranking.is_available():
        pytest.skip("计数上限只用于 SQLite 的排序查询")
    monkeypatch.setattr(ranking, "COUNT_CAP", 2)
    html = client.get("/search/", {"q": "工作", "scope": "all"}).content.decode()
    assert "相关的结果超过 2 条，请增加词语或筛选条件" in html


def test_a_word_in_more_pages_than_the_cap_is_ranked_among_the_newest(client, portal, indexed, monkeypatch):
    """Scoring every one of 100,000 matches costs 100 ms: past the cap, relevance is judged among the newest."""
    from govsite.sitesearch import query, ranking

    if not ranking.is_available():
        pytest.skip("候选范围只用于数据库自带索引的排序查询")
    news = column_of(portal, "测试要闻")
    article(news, "森林防火森林防火专题会议", "<p>森林防火森林防火森林防火。</p>", days_ago=30)
    for n in range(3):
        article(news, f"第{n + 1}次安全检查", "<p>检查中强调森林防火。</p>", days_ago=3 - n)
    monkeypatch.setattr(ranking, "COUNT_CAP", 3)
    monkeypatch.setattr(ranking.RankedResults, "CANDIDATES", 2)
    monkeypatch.setattr(query, "PAGE_SIZE", 1)
    assert titles(client, q="森林防火")[0].endswith("次安全检查")
    monkeypatch.setattr(ranking, "COUNT_CAP", 10)  # under the cap, the best of all matches comes first
    assert titles(client, q="森林防火") == ["森林防火森林防火专题会议"]


def test_the_search_backend_path_finds_the_same(client, corpus, monkeypatch):
    """What a search cluster runs (Wagtail's backend with phrase queries), tried on the database backend."""
    from govsite.sitesearch import ranking

    monkeypatch.setattr(ranking, "is_available", lambda: False)
    assert titles(client, q="城乡居民医保缴费") == ["关于进一步做好城乡居民医保参保缴费工作的通知"]
    assert titles(client, q="张三丰") == ["全市安全生产工作会议召开"]
    today = timezone.localdate()
    assert titles(client, q="工作", order="date", **{"from": str(today - dt.timedelta(days=10))}) == [
        "关于进一步做好城乡居民医保参保缴费工作的通知"]
