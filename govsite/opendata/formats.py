"""The three download formats of a data set (P12), written from its stored rows; no Django import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence

from .rules import FIELD_TYPE_LABELS, FieldSpec, FieldType, Value

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def row_objects(fields: Sequence[FieldSpec], rows: Sequence[Sequence[Value]]) -> list[dict[str, Value]]:
    """Rows keyed by field name, as the JSON download and the API give them."""
    names = [f.name for f in fields]
    return [dict(zip(names, row, strict=True)) for row in rows]


def field_dicts(fields: Sequence[FieldSpec]) -> list[dict[str, str]]:
    return [
        {"name": f.name, "type": f.type.value, "type_label": FIELD_TYPE_LABELS[f.type], "unit": f.unit,
         "description": f.description}
        for f in fields
    ]


def to_csv(fields: Sequence[FieldSpec], rows: Sequence[Sequence[Value]]) -> bytes:
    """UTF-8 with a BOM, so Excel on Chinese Windows opens it without garbled text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([f.name for f in fields])
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_json(metadata: dict, fields: Sequence[FieldSpec], rows: Sequence[Sequence[Value]]) -> bytes:
    document = {"dataset": metadata, "fields": field_dicts(fields), "rows": row_objects(fields, rows)}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _cell(sheet, value: Value, field_type: FieldType):
    """Dates go to Excel as dates, so a user can sort and filter them; text starting with '=' stays text,
    never a formula (openpyxl would otherwise write it as one)."""
    from openpyxl.cell import WriteOnlyCell

    if field_type == FieldType.DATE and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def to_xlsx(title: str, fields: Sequence[FieldSpec], rows: Sequence[Sequence[Value]]) -> bytes:
    """Sheet 数据: header and rows; sheet 字段说明: the field dictionary."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    data = book.create_sheet("数据")
    data.append([f.name for f in fields])
    for row in rows:
        data.append([_cell(data, v, f.type) for v, f in zip(row, fields, strict=True)])
    dictionary = book.create_sheet("字段说明")
    dictionary.append([title])
    dictionary.append(["字段名称", "类型", "单位", "说明"])
    for f in fields:
        dictionary.append([f.name, FIELD_TYPE_LABELS[f.type], f.unit, f.description])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
