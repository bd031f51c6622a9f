"""Reading an uploaded file (P12): encodings, header, ragged rows, types and limits, each error located."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from govsite.opendata import formats, rules
from govsite.opendata.rules import DataFileError, FieldSpec, FieldType

FIELDS = [FieldSpec("学校名称"), FieldSpec("在校生", FieldType.INTEGER, "人"),
          FieldSpec("占地面积", FieldType.DECIMAL, "亩"), FieldSpec("建校日期", FieldType.DATE)]
CSV_TEXT = "学校名称,在校生,占地面积,建校日期\r\n弥阳一小,\"1,520\",35.5,1952-09-01\r\n朋普中学,980,60,1958/9/1\r\n"
EXPECTED = [["弥阳一小", 1520, 35.5, "1952-09-01"], ["朋普中学", 980, 60, "1958-09-01"]]


def errors_of(text: str, fields=FIELDS) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        rules.parse_data_file("data.csv", text.encode("utf-8"), fields)
    return caught.value.messages


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_with_or_without_bom_and_in_gbk(encoding):
    assert rules.parse_data_file("学校.CSV", CSV_TEXT.encode(encoding), FIELDS) == EXPECTED


def test_xlsx_with_real_numbers_and_dates():
    book = Workbook()
    sheet = book.active
    sheet.append(["学校名称", "在校生", "占地面积", "建校日期"])
    sheet.append(["弥阳一小", 1520, 35.5, dt.datetime(1952, 9, 1)])
    sheet.append([None, None, None, None])
    sheet.append(["朋普中学", 980, 60, "1958年9月1日"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert rules.parse_data_file("学校.xlsx", buffer.getvalue(), FIELDS) == EXPECTED


def test_header_must_name_the_declared_fields_in_order():
    messages = errors_of("学校,在校生,占地面积\r\n弥阳一小,1,2\r\n")
    assert messages == ["第1行（表头）有3列，字段说明登记了4个字段", "第1行（表头）第1列应为“学校名称”，实为“学校”"]


def test_every_bad_cell_is_named_by_row_and_column():
    text = ("学校名称,在校生,占地面积,建校日期\r\n甲校,十二,1,2020-01-01\r\n乙校,12.5,abc,2020-13-01\r\n"
            "丙校,1,2,3,4\r\n丁校,1e999999999,2,\r\n")
    assert errors_of(text) == [
        "第2行第2列（在校生）：“十二”不是整数",
        "第3行第2列（在校生）：“12.5”不是整数",
        "第3行第3列（占地面积）：“abc”不是数值",
        "第3行第4列（建校日期）：“2020-13-01”不是日期，应写作 2025-01-31",
        "第4行有5列，多于表头的4列",
        "第5行第2列（在校生）：“1e999999999”不是整数",
    ]


def test_short_rows_are_padded_and_blank_cells_are_empty():
    rows = rules.parse_data_file("a.csv", "学校名称,在校生,占地面积,建校日期\n甲校,,1\n".encode(), FIELDS)
    assert rows == [["甲校", None, 1, None]]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("a.csv", b"", "文件是空的"),
    ("a.xls", b"x", "不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV 后上传"),
    ("a.txt", b"x", "仅支持 CSV 或 XLSX 文件"),
    ("a.xlsx", b"not a zip", "不是有效的 XLSX 文件，请用 Excel 或 WPS 另存为 .xlsx 后上传"),
    ("a.csv", "学校名称".encode("utf-16"), "无法识别文件编码，请将 CSV 文件保存为 UTF-8 或 GBK 编码"),
    ("a.csv", "学校名称,在校生,占地面积,建校日期\n".encode(), "文件中除表头外没有数据"),
    ("a.csv", b"x" * (rules.MAX_BYTES + 1), "文件超过 10 MB，请拆分后上传"),
])
def test_unusable_files_are_refused_with_a_reason(name, data, message):
    with pytest.raises(DataFileError) as caught:
        rules.parse_data_file(name, data, FIELDS)
    assert caught.value.messages == [message]


def test_row_limit(monkeypatch):
    monkeypatch.setattr(rules, "MAX_ROWS", 2)
    text = "名称\n" + "甲\n" * 3
    assert errors_of(text, [FieldSpec("名称")]) == ["数据超过 2 行，请拆分后上传"]


def test_a_chart_needs_declared_numeric_fields():
    assert rules.check_chart(FIELDS, "学校名称", rules.split_names("在校生、占地面积")) == []
    assert rules.check_chart(FIELDS, "校名", ["学校名称", "人数"]) == [
        "图表的分类字段“校名”不在字段说明中",
        "图表的数值字段“学校名称”应为整数或数值类型",
        "图表的数值字段“人数”不在字段说明中",
    ]


def test_csv_download_round_trips_with_bom():
    data = formats.to_csv(FIELDS, EXPECTED)
    assert data.startswith("\ufeff学校名称,在校生".encode())
    assert rules.parse_data_file("a.csv", data, FIELDS) == EXPECTED


def test_xlsx_download_keeps_text_as_text_and_dates_as_dates():
    from openpyxl import load_workbook

    fields = [FieldSpec("名称"), FieldSpec("日期", FieldType.DATE)]
    book = load_workbook(io.BytesIO(formats.to_xlsx("t", fields, [["=HYPERLINK(\"x\")", "2025-01-31"]])))
    name, day = next(book["数据"].iter_rows(min_row=2, values_only=True))
    assert name == '=HYPERLINK("x")' and book["数据"]["A2"].data_type == "s"
    assert day == dt.datetime(2025, 1, 31)
