"""The open data JSON API (P12): catalogue with filters and pages, detail with rows, Chinese 400s."""

from __future__ import annotations

import pytest

from .conftest import POPULATION_ROWS, data_set, stats_column

pytestmark = pytest.mark.django_db
API = "/api/opendata/datasets/"


@pytest.fixture
def sets(portal, department, population):
    data_set(stats_column(portal), "一般公共预算收支", theme="财税金融", provider="测试市财政局", keywords="财政,预算")
    data_set(stats_column(department), "学校名录", theme="教育文化", provider="测试市教育体育局")
    data_set(stats_column(portal), "未发布的数据", live=False)
    return population


def titles(answer) -> list[str]:
    assert answer.status_code == 200, answer.content.decode()
    return sorted(item["title"] for item in answer.json()["results"])


def test_catalogue_lists_every_sites_published_sets(client, sets):
    answer = client.get(API)
    assert titles(answer) == ["一般公共预算收支", "学校名录", "年末常住人口"]
    entry = next(i for i in answer.json()["results"] if i["title"] == "学校名录")
    assert entry["site"] == "jtj.localhost" and entry["unit"] == "测试市教育体育局"
    assert entry["open_condition"] == "无条件开放"
    assert entry["downloads"]["xlsx"] == f"/opendata/{entry['id']}.xlsx"
    assert answer["Access-Control-Allow-Origin"] == "*"  # other sites' pages may read open data (P12)


def test_catalogue_filters(client, sets):
    assert titles(client.get(API, {"site": "jtj.localhost"})) == ["学校名录"]
    assert titles(client.get(API, {"theme": "财税金融"})) == ["一般公共预算收支"]
    assert titles(client.get(API, {"unit": "测试市统计局"})) == ["年末常住人口"]
    assert titles(client.get(API, {"q": "预算"})) == ["一般公共预算收支"]
    assert titles(client.get(API, {"q": "预算", "theme": "人口与就业"})) == []


def test_catalogue_pages(client, sets):
    first = client.get(API, {"page_size": 2}).json()
    second = client.get(API, {"page_size": 2, "page": 2}).json()
    assert (first["count"], first["num_pages"], len(first["results"]), len(second["results"])) == (3, 2, 2, 1)
    assert client.get(API, {"page_size": 2, "page": 3}).json() == {"error": "没有这一页"}


@pytest.mark.parametrize(("params", "message"), [
    ({"page": "x"}, "page 参数应为 1 至 1000000 的整数"),
    ({"page_size": "0"}, "page_size 参数应为 1 至 1000 的整数"),
    ({"theme": "天气"}, "主题分类应为以下之一："),
    ({"site": "nowhere.example"}, "没有主机名为“nowhere.example”的网站"),
    ({"q": "长" * 51}, "关键词不能超过 50 个字"),
])
def test_bad_parameters_answer_400_in_chinese(client, db, params, message):
    answer = client.get(API, params)
    assert answer.status_code == 400 and answer["Access-Control-Allow-Origin"] == "*"
    assert answer.json()["error"].startswith(message)


def test_detail_gives_fields_and_paginated_rows(client, population):
    answer = client.get(f"{API}{population.pk}/", {"page_size": 2, "page": 2}).json()
    assert answer["title"] == "年末常住人口" and answer["theme"] == "人口与就业"
    assert answer["fields"][1] == {"name": "年末常住人口", "type": "decimal", "type_label": "数值", "unit": "万人",
                                   "description": "年末常住人口数"}
    assert answer["rows"] == [{"年份": POPULATION_ROWS[2][0], "年末常住人口": POPULATION_ROWS[2][1]}]
    assert answer["rows_paging"] == {"page": 2, "page_size": 2, "count": 3, "num_pages": 2}


def test_drafts_and_unknown_sets_are_not_in_the_api(client, portal):
    draft = data_set(stats_column(portal), "草稿数据", live=False)
    assert client.get(f"{API}{draft.pk}/").status_code == 404
    assert client.get(f"{API}{draft.pk}/").json() == {"error": "没有这个数据集"}
    assert client.get(API).json()["results"] == []
