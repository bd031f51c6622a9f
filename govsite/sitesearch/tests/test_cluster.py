"""The search on an OpenSearch/Elasticsearch cluster (U1), with the index settings of docs/search.md.

Runs only when GOVSITE_TEST_SEARCH_URL names a reachable server (e.g. http://127.0.0.1:9200) and its client
is installed (`pip install -e .[search-cluster]`); GOVSITE_TEST_SEARCH_BACKEND picks the Wagtail backend
(default OpenSearch 2). Each run uses its own index prefix and deletes it afterwards.
"""

from __future__ import annotations

import importlib
import os
import urllib.request
import uuid

import pytest

from govsite.sitesearch.cluster import CHINESE_INDEX_SETTINGS

URL = os.environ.get("GOVSITE_TEST_SEARCH_URL", "")
BACKEND = os.environ.get("GOVSITE_TEST_SEARCH_BACKEND", "wagtail.search.backends.opensearch2")
CLIENTS = {"opensearch": "opensearchpy", "elasticsearch": "elasticsearch"}


def _unavailable() -> str:
    """Why the cluster test cannot run here, in Chinese; '' when it can."""
    if not URL:
        return "未设置 GOVSITE_TEST_SEARCH_URL，跳过搜索集群测试"
    client = next(module for key, module in CLIENTS.items() if key in BACKEND)
    if importlib.util.find_spec(client) is None:
        return f"未安装搜索集群客户端 {client}（pip install -e .[search-cluster]），跳过搜索集群测试"
    try:
        urllib.request.urlopen(URL, timeout=3).close()  # noqa: S310 (the tester's own URL)
    except OSError as error:
        return f"搜索服务器 {URL} 无法连接（{error}），跳过搜索集群测试"
    return ""


REASON = _unavailable()
pytestmark = [pytest.mark.django_db, pytest.mark.skipif(bool(REASON), reason=REASON or "搜索集群可用")]


@pytest.fixture
def cluster(settings):
    """A fresh index on the cluster as the default backend; removed afterwards."""
    from wagtail.search.backends import get_search_backend

    prefix = f"govsite_test_{uuid.uuid4().hex[:8]}_"
    settings.WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": BACKEND, "URLS": [URL], "INDEX_PREFIX": prefix, "TIMEOUT": 10,
        "INDEX_SETTINGS": CHINESE_INDEX_SETTINGS,
    }}
    backend = get_search_backend()
    backend.reset_indexes()
    yield backend
    backend.es.indices.delete(index=prefix + "*")


def test_chinese_words_names_and_filters_on_the_cluster(client, cluster, corpus):
    from wagtail.models import Page

    for page in Page.objects.live().specific():
        cluster.add(page)
    cluster.refresh_indexes()
    found = {
        query: [hit.page.title for hit in client.get("/search/", {"q": query, **extra}).context["outcome"].hits]
        for query, extra in [("医保", {}), ("张三丰", {}), ("醫保繳費", {}), ("通知", {"type": "content.policypage"})]
    }
    assert found["医保"] == ["关于进一步做好城乡居民医保参保缴费工作的通知"]
    assert found["张三丰"] == ["全市安全生产工作会议召开"]
    assert found["醫保繳費"] == ["关于进一步做好城乡居民医保参保缴费工作的通知"]
    assert found["通知"] == ["测试市人民政府关于印发优化营商环境若干措施的通知"]
