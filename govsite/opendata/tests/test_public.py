"""What a visitor gets: the data set page with its chart, the downloads and the catalogue (P12, P13)."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from .conftest import POPULATION_ROWS, data_set, stats_column

pytestmark = pytest.mark.django_db


def test_data_set_page_shows_metadata_chart_and_data_table(client, population):
    html = client.get(population.url).content.decode()
    assert "测试市统计局" in html and "人口与就业" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-bar" role="img"' in html
    assert "<title" in html.split("<svg", 1)[1] and "年末常住人口" in html
    table = html.split('id="chart-data"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="row">2022</th><td class="num">56.9</td>' in table
    assert " style=" not in html.split("<main", 1)[-1]  # CSP: no inline style (X11)
    assert f'href="/opendata/{population.pk}.csv"' in html


def test_the_three_downloads_give_back_the_stored_rows(client, population):
    answer = client.get(f"/opendata/{population.pk}.csv")
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('年末常住人口.csv')}"
    assert answer.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0] == ["年份", "年末常住人口"]
    assert [[int(y), float(v)] for y, v in rows[1:]] == POPULATION_ROWS

    document = json.loads(client.get(f"/opendata/{population.pk}.json").content)
    assert document["dataset"]["title"] == "年末常住人口"
    assert [[r["年份"], r["年末常住人口"]] for r in document["rows"]] == POPULATION_ROWS

    answer = client.get(f"/opendata/{population.pk}.xlsx")
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    book = load_workbook(io.BytesIO(answer.content))
    values = [list(r) for r in book["数据"].iter_rows(values_only=True)]
    assert values == [["年份", "年末常住人口"], *POPULATION_ROWS]
    assert ["年末常住人口", "数值", "万人", "年末常住人口数"] in [list(r) for r in book["字段说明"].iter_rows(values_only=True)]


def test_unpublished_and_conditional_sets_cannot_be_downloaded(client, portal):
    draft = data_set(stats_column(portal), "草稿数据", live=False)
    conditional = data_set(stats_column(portal), "企业名录", open_condition="conditional",
                           conditions="向市统计局书面申请")
    assert client.get(f"/opendata/{draft.pk}.csv").status_code == 404
    assert client.get(f"/opendata/{conditional.pk}.xlsx").status_code == 404
    html = client.get(conditional.url).content.decode()
    assert "有条件开放" in html and "向市统计局书面申请" in html and 'id="data-preview"' not in html


def test_catalogue_lists_published_sets_with_filters(client, portal, population):
    data_set(stats_column(portal), "一般公共预算收支", theme="财税金融", provider="测试市财政局")
    data_set(stats_column(portal), "未发布的数据", live=False)
    html = client.get("/opendata/").content.decode()
    assert "年末常住人口" in html and "一般公共预算收支" in html and "未发布的数据" not in html
    filtered = client.get("/opendata/", {"theme": "财税金融"}).content.decode()
    table = filtered.split('id="data-sets"', 1)[1]
    assert "一般公共预算收支" in table and "年末常住人口" not in table
    by_unit = client.get("/opendata/", {"unit": "测试市统计局"}).content.decode().split('id="data-sets"', 1)[1]
    assert "年末常住人口" in by_unit and "一般公共预算收支" not in by_unit
    bad = client.get("/opendata/", {"theme": "不存在"})
    assert bad.status_code == 400 and "主题分类应为以下之一" in bad.content.decode()


def test_catalogue_of_a_site_without_sets_is_not_shown(client, department):
    assert client.get("/opendata/", HTTP_HOST="jtj.localhost").status_code == 404


def test_a_new_publication_is_downloaded_at_once(client, population):
    assert "2023,57.4" in client.get(f"/opendata/{population.pk}.csv").content.decode()
    population.rows = [[2024, 58.0]]
    population.save_revision().publish()
    body = client.get(f"/opendata/{population.pk}.csv").content.decode("utf-8-sig")
    assert body == "年份,年末常住人口\r\n2024,58.0\r\n"
