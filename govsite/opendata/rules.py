"""Reading and checking an uploaded data file (P12); pure Python, no Django import.

A data set declares its fields (name, type, unit); the file's first row must name them in the same order,
and every cell must fit its field's type. Every problem names its row and column, so a unit can fix the
file in one pass; nothing is stored unless the whole file is good.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 50
MAX_CELL_CHARS = 2_000
MAX_DIGITS = 30
MAX_MESSAGES = 20  # a file with thousands of bad cells reports the first ones, not a wall of text

Value = str | int | float | None


class FieldType(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"


FIELD_TYPE_LABELS: dict[FieldType, str] = {
    FieldType.TEXT: "文本",
    FieldType.INTEGER: "整数",
    FieldType.DECIMAL: "数值",
    FieldType.DATE: "日期",
}
NUMERIC_TYPES = frozenset({FieldType.INTEGER, FieldType.DECIMAL})


@dataclass(frozen=True)
class FieldSpec:
    """One column of the data set as its field dictionary declares it."""

    name: str
    type: FieldType = FieldType.TEXT
    unit: str = ""
    description: str = ""


class DataFileError(ValueError):
    """The file cannot be taken; `messages` say where and why, in Chinese."""

    def __init__(self, messages: Sequence[str]):
        super().__init__("；".join(messages))
        self.messages = list(messages)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then GBK/GB18030 as Excel on Chinese Windows saves CSV."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataFileError(["无法识别文件编码，请将 CSV 文件保存为 UTF-8 或 GBK 编码"])


def read_csv(data: bytes) -> list[list[str]]:
    text = decode_text(data)
    if "\x00" in text:
        raise DataFileError(["文件含有不可见的空字符，不是有效的 CSV 文本文件"])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return [row for row in reader]
    except csv.Error as error:
        raise DataFileError([f"第{reader.line_num}行：CSV 格式错误（{error}）"]) from None


def read_xlsx(data: bytes) -> list[list[object]]:
    """The first worksheet's cell values; trailing empty cells are dropped row by row."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DataFileError(["不是有效的 XLSX 文件，请用 Excel 或 WPS 另存为 .xlsx 后上传"]) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            cells = list(values)
            while cells and cells[-1] in (None, ""):
                cells.pop()
            rows.append(cells)
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        book.close()


def read_table(filename: str, data: bytes) -> list[list[object]]:
    """The file's rows by its extension, after the size limit."""
    if len(data) > MAX_BYTES:
        raise DataFileError([f"文件超过 {MAX_BYTES // (1024 * 1024)} MB，请拆分后上传"])
    if not data:
        raise DataFileError(["文件是空的"])
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix == "csv":
        return read_csv(data)
    if suffix == "xlsx":
        return read_xlsx(data)
    if suffix == "xls":
        raise DataFileError(["不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV 后上传"])
    raise DataFileError(["仅支持 CSV 或 XLSX 文件"])


def _is_blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


_DATE_PATTERNS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
)


def _as_date(cell: object) -> str:
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    text = str(cell).strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return dt.date(*(int(g) for g in match.groups())).isoformat()
    raise ValueError


def _as_decimal(cell: object) -> Decimal:
    if isinstance(cell, bool):
        raise ValueError
    if isinstance(cell, int | float):
        return Decimal(str(cell))
    number = Decimal(str(cell).strip().replace(",", "").replace("，", ""))
    if not number.is_finite() or abs(number.adjusted()) > MAX_DIGITS:
        raise ValueError  # '1e999999999' would make a gigantic integer
    return number


def convert(cell: object, field_type: FieldType) -> Value:
    """One cell as stored: int, float, ISO date or text; blank is None. ValueError when it does not fit."""
    if _is_blank(cell):
        return None
    if field_type == FieldType.INTEGER:
        number = _as_decimal(cell)
        if number != number.to_integral_value():
            raise ValueError
        return int(number)
    if field_type == FieldType.DECIMAL:
        number = _as_decimal(cell)
        return int(number) if number == number.to_integral_value() and "." not in str(cell) else float(number)
    if field_type == FieldType.DATE:
        return _as_date(cell)
    text = cell.isoformat() if isinstance(cell, dt.date) else str(cell).strip()
    if len(text) > MAX_CELL_CHARS:
        raise ValueError
    return text


def _type_message(row: int, column: int, field: FieldSpec, cell: object) -> str:
    shown = str(cell).strip()
    shown = shown if len(shown) <= 20 else shown[:20] + "…"
    if field.type == FieldType.TEXT:
        return f"第{row}行第{column}列（{field.name}）：内容超过 {MAX_CELL_CHARS} 字"
    expected = FIELD_TYPE_LABELS[field.type]
    hint = "，应写作 2025-01-31" if field.type == FieldType.DATE else ""
    return f"第{row}行第{column}列（{field.name}）：“{shown}”不是{expected}{hint}"


def check_header(header: Sequence[object], fields: Sequence[FieldSpec]) -> list[str]:
    """The first row must list the declared field names in order."""
    names = [("" if c is None else str(c)).strip() for c in header]
    while names and not names[-1]:
        names.pop()
    messages = []
    if len(names) != len(fields):
        messages.append(f"第1行（表头）有{len(names)}列，字段说明登记了{len(fields)}个字段")
    for index, (name, field) in enumerate(zip(names, fields, strict=False), start=1):
        if name != field.name:
            messages.append(f"第1行（表头）第{index}列应为“{field.name}”，实为“{name}”")
    return messages


def parse_rows(table: Sequence[Sequence[object]], fields: Sequence[FieldSpec]) -> list[list[Value]]:
    """Rows after the header, converted per field; every problem is collected, then raised together."""
    if not fields:
        raise DataFileError(["请先在“字段说明”中登记数据的字段（名称与类型）"])
    if len(fields) > MAX_COLUMNS:
        raise DataFileError([f"字段不能超过 {MAX_COLUMNS} 个"])
    if not table:
        raise DataFileError(["文件中没有表头行"])
    messages = check_header(table[0], fields)
    if messages:
        raise DataFileError(messages)
    rows: list[list[Value]] = []
    for number, cells in enumerate(table[1:], start=2):
        if all(_is_blank(c) for c in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise DataFileError([f"数据超过 {MAX_ROWS} 行，请拆分后上传"])
        cells = list(cells)
        while len(cells) > len(fields) and _is_blank(cells[-1]):
            cells.pop()
        if len(cells) > len(fields):
            messages.append(f"第{number}行有{len(cells)}列，多于表头的{len(fields)}列")
            continue
        cells += [None] * (len(fields) - len(cells))
        row: list[Value] = []
        for column, (cell, field) in enumerate(zip(cells, fields, strict=True), start=1):
            try:
                row.append(convert(cell, field.type))
            except (ValueError, InvalidOperation, ArithmeticError):
                messages.append(_type_message(number, column, field, cell))
        rows.append(row)
        if len(messages) >= MAX_MESSAGES:
            break
    if messages:
        raise DataFileError(messages[:MAX_MESSAGES])
    if not rows:
        raise DataFileError(["文件中除表头外没有数据"])
    return rows


def parse_data_file(filename: str, data: bytes, fields: Sequence[FieldSpec]) -> list[list[Value]]:
    """The whole upload path: size, format, encoding, header, rows and types."""
    return parse_rows(read_table(filename, data), fields)


def split_names(text: str) -> list[str]:
    """Field names listed with commas or 顿号: '一般公共预算收入、一般公共预算支出'."""
    return [n.strip() for n in re.split(r"[,，、;；]", text) if n.strip()]


def check_chart(fields: Sequence[FieldSpec], category: str, values: Sequence[str]) -> list[str]:
    """A chart needs a category field and at least one numeric value field, all declared (P13)."""
    by_name = {f.name: f for f in fields}
    messages = []
    if category not in by_name:
        messages.append(f"图表的分类字段“{category}”不在字段说明中")
    if not values:
        messages.append("请至少填写一个图表数值字段")
    for name in values:
        field = by_name.get(name)
        if field is None:
            messages.append(f"图表的数值字段“{name}”不在字段说明中")
        elif field.type not in NUMERIC_TYPES:
            messages.append(f"图表的数值字段“{name}”应为整数或数值类型")
    return messages
