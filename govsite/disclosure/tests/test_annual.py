"""Part three of the annual report (R2): every cell from a known set of applications, and its check."""

from datetime import date

from govsite.disclosure import annual
from govsite.disclosure.rules import ApplicantType as A
from govsite.disclosure.rules import Outcome as O

F = annual.RequestFacts
YEAR_2026 = [
    # carried in from 2025: one closed in 2026, one still open at the end of 2026
    F(A.NATURAL_PERSON, date(2025, 12, 20), date(2026, 1, 15), O.GRANTED),
    F(A.BUSINESS, date(2025, 12, 28), None, None),
    # closed in 2025: not in the 2026 table at all
    F(A.NATURAL_PERSON, date(2025, 6, 1), date(2025, 6, 20), O.GRANTED),
    # new in 2026
    F(A.NATURAL_PERSON, date(2026, 2, 2), date(2026, 3, 1), O.GRANTED),
    F(A.NATURAL_PERSON, date(2026, 3, 2), date(2026, 3, 25), O.PARTLY_GRANTED),
    F(A.NATURAL_PERSON, date(2026, 4, 1), date(2026, 4, 20), O.WITHHELD_STATE_SECRET),
    F(A.RESEARCH, date(2026, 5, 6), date(2026, 5, 30), O.UNAVAILABLE_NOT_HELD),
    F(A.LEGAL_SERVICE, date(2026, 6, 1), date(2026, 6, 5), O.NOT_PROCESSED_REPEATED),
    F(A.PUBLIC_INTEREST, date(2026, 7, 1), date(2026, 8, 1), O.OTHER_NOT_CORRECTED),
    F(A.OTHER_ORGANISATION, date(2026, 9, 1), date(2026, 9, 9), O.WITHHELD_PROCESS),
    F(A.BUSINESS, date(2026, 12, 20), date(2027, 1, 10), O.GRANTED),  # carried out: closed next year
    F(A.NATURAL_PERSON, date(2026, 12, 30), None, None),  # carried out: still open
    # received in 2027: not in 2026
    F(A.NATURAL_PERSON, date(2027, 1, 4), None, None),
]


def test_every_cell_of_the_2026_table():
    table = annual.part_three(YEAR_2026, 2026)
    nonzero = {(row, col): n for row, cells in table.items() for col, n in cells.items() if n}
    assert nonzero == {
        ("new", "natural"): 4, ("new", "research"): 1, ("new", "legal_service"): 1, ("new", "public_interest"): 1,
        ("new", "other"): 1, ("new", "business"): 1, ("new", "total"): 9,
        ("carried_in", "natural"): 1, ("carried_in", "business"): 1, ("carried_in", "total"): 2,
        ("granted", "natural"): 2, ("granted", "total"): 2,
        ("partly_granted", "natural"): 1, ("partly_granted", "total"): 1,
        ("withheld_state_secret", "natural"): 1, ("withheld_state_secret", "total"): 1,
        ("unavailable_not_held", "research"): 1, ("unavailable_not_held", "total"): 1,
        ("not_processed_repeated", "legal_service"): 1, ("not_processed_repeated", "total"): 1,
        ("other_not_corrected", "public_interest"): 1, ("other_not_corrected", "total"): 1,
        ("withheld_process", "other"): 1, ("withheld_process", "total"): 1,
        ("total", "natural"): 4, ("total", "research"): 1, ("total", "legal_service"): 1,
        ("total", "public_interest"): 1, ("total", "other"): 1, ("total", "total"): 8,
        ("carried_out", "natural"): 1, ("carried_out", "business"): 2, ("carried_out", "total"): 3,
    }
    assert annual.check_failures(table) == []


def test_the_next_year_starts_from_what_was_carried_out():
    table = annual.part_three(YEAR_2026, 2027)
    assert table["carried_in"]["total"] == 3
    assert table["new"]["total"] == 1
    assert table["granted"]["business"] == 1


def test_a_hand_edited_table_that_breaks_the_check_says_where():
    cells = {row: dict(values) for row, values in annual.part_three(YEAR_2026, 2026).items()}
    cells["granted"]["natural"] = 3
    table, errors = annual.table_from_cells(cells)
    assert errors == []
    assert table["total"]["natural"] == 5  # totals are recomputed, never typed
    [failure] = [f for f in annual.check_failures(table) if "自然人" in f]
    assert "一 + 二 = 5，三（七） + 四 = 6" in failure


def test_hand_typed_cells_must_be_counts():
    _table, errors = annual.table_from_cells({"new": {"natural": "两"}, "carried_in": {"business": "-1"}})
    assert len(errors) == 2 and "非负整数" in errors[0]


def test_rows_and_columns_in_the_official_order():
    labels = [label for _key, label, _cells in annual.rows_for_display(annual.empty_table())]
    assert labels[:4] == ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果",
                          "（一）予以公开"]
    assert labels.index("（三）不予公开") + 1 == labels.index("1.属于国家秘密")
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    assert [c["label"] for c in annual.as_json(annual.empty_table())["columns"]] == [
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def test_part_four_totals():
    assert annual.part_four_failures({"reconsideration": {"upheld": 1, "corrected": 1, "total": 2}}) == []
    assert annual.part_four_failures({"reconsideration": {"upheld": 1, "total": 2}})
