"""Indexed content on the test portal and department site for the search tests (U1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from govsite.content.models import ArticlePage
from govsite.content.tests.factories import column_of, policy, publish
from govsite.publishing.signals import suspended


def article(parent, title: str, body: str = "<p>正文内容。</p>", *, days_ago: float = 1) -> ArticlePage:
    when = timezone.now() - dt.timedelta(days=days_ago)
    return publish(parent, ArticlePage(title=title, body=body, published_at=when))


@pytest.fixture
def indexed(db, django_capture_on_commit_callbacks):
    """Index updates run on commit, as in production (the test's rollback keeps them local); the static
    export is suspended, as the search is served by the public app."""
    with django_capture_on_commit_callbacks(execute=True), suspended():
        yield


@pytest.fixture
def corpus(portal, department, indexed):
    """A few items in two columns of the portal and one of the department site."""
    news = column_of(portal, "测试要闻")
    files = column_of(portal, "政府文件")
    items = {
        "medical": article(news, "关于进一步做好城乡居民医保参保缴费工作的通知",
                           "<p>各县（市、区）医疗保障局：为做好2026年度参保缴费工作，现将有关事项通知如下。</p>", days_ago=3),
        "leader": article(news, "全市安全生产工作会议召开",
                          "<p>副市长张三丰主持会议并讲话，强调要压紧压实安全生产责任。</p>", days_ago=40),
        "policy": policy(files, "测试市人民政府关于印发优化营商环境若干措施的通知",
                         body="<p>为持续优化营商环境，激发市场主体活力，制定本措施。</p>"),
        "school": article(column_of(department, "工作动态"), "全市中小学春季开学工作有序推进",
                          "<p>城乡居民子女入学政策保持稳定，医保参保信息同步核对。</p>", days_ago=2),
    }
    return items
