"""The shared SVG chart renderer: parseable, accessible, CSP-safe markup (X11, accessibility)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from govsite.core.charts import Series, bar_chart, line_chart, nice_ticks

NS = {"s": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element, cls: str) -> list[str]:
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text") if cls in t.get("class", "")]


def test_bar_chart_has_one_bar_per_value_and_series_with_labels_and_legend():
    root = parse(bar_chart("各栏目访问量", ["政务公开", "新闻动态", "互动交流"],
                           [Series("浏览量", [120, 30, 0]), Series("访客数", [80, 20, 0])], unit="次"))
    assert root.get("role") == "img"
    assert root.find("s:title", NS).text == "各栏目访问量"
    desc = root.find("s:desc", NS).text
    assert "浏览量：合计 150次" in desc and "最高 120次（政务公开）" in desc
    assert len(root.findall(".//s:rect[@class='bar series-0']", NS)) == 3
    assert len(root.findall(".//s:rect[@class='bar series-1']", NS)) == 3
    assert texts(root, "x-tick") == ["政务公开", "新闻动态", "互动交流"]
    assert [t.text for t in root.findall(".//s:g[@class='legend']/s:text", NS)] == ["浏览量", "访客数"]
    assert "单位：次" in texts(root, "axis-unit")


def test_taller_value_gets_taller_bar_and_tooltip():
    root = parse(bar_chart("访问量", ["甲", "乙"], [Series("浏览量", [10, 40])]))
    bars = root.findall(".//s:rect[@class='bar series-0']", NS)
    assert float(bars[1].get("height")) > float(bars[0].get("height")) > 0
    assert bars[1].find("s:title", NS).text == "乙：40"
    assert root.find(".//s:g[@class='legend']", NS) is None


def test_line_chart_with_a_year_of_points_thins_the_axis_labels():
    labels = [f"第{i}天" for i in range(1, 367)]
    root = parse(line_chart("全年浏览量", labels, [Series("浏览量", [float(i % 50) for i in range(366)])], "次"))
    assert len(root.findall(".//s:circle", NS)) == 366
    assert len(root.findall(".//s:polyline", NS)) == 1
    shown = texts(root, "x-tick")
    assert shown[0] == "第1天" and 1 < len(shown) <= 12


def test_single_point_and_empty_charts_render():
    one = parse(line_chart("今日", ["2026-01-01"], [Series("浏览量", [5])]))
    assert len(one.findall(".//s:circle", NS)) == 1
    empty = parse(bar_chart("无数据", [], [Series("浏览量", [])]))
    assert "暂无数据" in [t.text for t in empty.iter("{http://www.w3.org/2000/svg}text")]


def test_text_is_escaped_and_no_inline_style():
    svg = bar_chart('<script>"&', ['<b>'], [Series("a&b", [1])])
    root = parse(svg)
    assert root.find("s:title", NS).text == '<script>"&'
    assert "<script>" not in svg and "style=" not in svg


def test_long_labels_are_shortened_and_rotated():
    labels = [f"一个很长很长的栏目名称第{i}个" for i in range(8)]
    root = parse(bar_chart("栏目", labels, [Series("浏览量", list(range(8)))]))
    ticks = [t for t in root.iter("{http://www.w3.org/2000/svg}text") if "x-tick" in t.get("class", "")]
    assert all(len(t.text) <= 10 and t.get("transform", "").startswith("rotate") for t in ticks)


def test_mismatched_series_are_refused():
    with pytest.raises(ValueError, match="有 1 个值"):
        bar_chart("错", ["a", "b"], [Series("浏览量", [1])])
    with pytest.raises(ValueError):
        line_chart("错", ["a"], [])
    with pytest.raises(ValueError):
        line_chart("错", ["a"], [Series("x", [float("nan")])])


@pytest.mark.parametrize(("low", "high", "expected"), [
    (0, 100, (0, 25, 50, 75, 100)),
    (0, 7, (0, 2, 4, 6, 8)),
    (0, 0, (0, 0.25, 0.5, 0.75, 1)),
    (-5, 5, (-5, -2.5, 0, 2.5, 5)),
])
def test_nice_ticks(low, high, expected):
    assert nice_ticks(low, high) == expected
