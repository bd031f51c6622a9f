"""The demo's open data: statistics with charts on the portal, a school list on a department site (P12, P13)."""

import pytest
from django.utils import timezone

from govsite.columns.models import ColumnPage
from govsite.opendata.demo import load_demo
from govsite.opendata.models import DataSetPage
from govsite.publishing.plan import all_urls
from govsite.publishing.render import SiteRenderer

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(portal, department):
    return load_demo({"portal": portal, "jtj": department}, timezone.localtime().replace(tzinfo=None))


def test_demo_sets_are_published_with_charts_and_reach_the_static_tree(client, demo, portal):
    assert demo == 4
    gdp = DataSetPage.objects.get(title="地区生产总值")
    path = gdp.relative_url(portal.site)
    rendered = SiteRenderer(portal.site).get(path)
    html = rendered.body.decode()
    assert rendered.status == 200 and path in all_urls(portal.site)
    assert 'class="chart chart-bar"' in html and '<g class="legend">' in html and "第三产业增加值" in html
    column = ColumnPage.objects.get(feature="opendata")
    catalogue = client.get(column.relative_url(portal.site), follow=True)
    assert catalogue.redirect_chain[-1][0] == "/opendata/"
    assert all(t in catalogue.content.decode() for t in ("年末常住人口", "地区生产总值", "一般公共预算收支"))


def test_demo_school_list_is_on_the_department_site(client, demo):
    answer = client.get("/api/opendata/datasets/", {"site": "jtj.localhost"}).json()
    assert [r["title"] for r in answer["results"]] == ["学校名录"]
    detail = client.get(f"/api/opendata/datasets/{answer['results'][0]['id']}/").json()
    assert detail["rows"][0]["建校日期"] == "1938-09-01" and detail["rows_paging"]["count"] == 7
