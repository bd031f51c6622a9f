"""V1's key elements as a pure rule, and the rows of an imported statistics sheet (R1)."""

import pytest

from govsite.monitoring.indicators import KEY_GUIDE_ELEMENTS
from govsite.services.completeness import (
    GuideFacts,
    MaterialFacts,
    describe_missing,
    filled_elements,
    guide_state,
)
from govsite.services.stats_rules import SheetError, StatRow, parse_rows, split_problem

FULL = GuideFacts(
    title="义务教育入学登记", basis="《义务教育法》", conditions="适龄儿童", materials=(MaterialFacts("户口簿", "both", 1),),
    place="政务服务中心", unit="教体局", is_free=True, hours="工作日", phone="0873-6000004", process_steps=3,
    statutory_days=20,
)


def test_a_full_guide_fills_every_key_element():
    assert filled_elements(FULL) == frozenset(KEY_GUIDE_ELEMENTS)
    assert guide_state(FULL).missing == []


def test_an_empty_guide_misses_every_element_in_v1_order():
    assert guide_state(GuideFacts(title="空指南")).missing == list(KEY_GUIDE_ELEMENTS)


def test_stand_in_words_do_not_fill_an_element():
    guide = GuideFacts(**{**FULL.__dict__, "place": " 暂无 ", "hours": "详见窗口", "phone": ""})
    assert guide_state(guide).missing == ["办理地点", "办理时间", "咨询电话"]


def test_basis_by_linked_policy_fees_by_standard_and_immediate_time_limit():
    guide = GuideFacts(**{**FULL.__dict__, "basis": "", "related_policies": 1, "is_free": False,
                          "fee_standard": "工本费10元", "statutory_days": None, "promised_days": 0})
    assert guide_state(guide).missing == []
    unpaid = GuideFacts(**{**FULL.__dict__, "is_free": False, "fee_standard": "", "basis": "", "related_policies": 0})
    assert guide_state(unpaid).missing == ["办理依据", "收费标准"]


def test_a_material_without_copies_leaves_materials_missing():
    guide = GuideFacts(**{**FULL.__dict__, "materials": (MaterialFacts("身份证", "original", 1),
                                                         MaterialFacts("申请表", "original", 0))})
    assert guide_state(guide).missing == ["申请材料"]
    assert describe_missing("甲", ["申请材料", "办理时限"]) == "办事指南“甲”缺少申请材料、办理时限"


HEADER = ("年份", "月份", "办件总量", "自然人办件量", "法人办件量")


def test_a_sheet_is_read_row_by_row():
    rows = [HEADER, (2026, 1, 120.0, 100, 20), (None, None, None, None, None), ("2026", "2", 90, 90, 0)]
    assert parse_rows(rows) == [StatRow(2026, 1, 120, 100, 20), StatRow(2026, 2, 90, 90, 0)]


@pytest.mark.parametrize(("rows", "message"), [
    ([("年", "月")], "表头应为：年份、月份、办件总量、自然人办件量、法人办件量"),
    ([HEADER], "表格中没有统计数据"),
    ([HEADER, (2026, 13, 10, 5, 5)], "第2行月份“13”应在1至12之间"),
    ([HEADER, (2026, 1, "十", 5, 5)], "第2行“办件总量”应为不小于0的整数"),
    ([HEADER, (2026, 1, 10, 8, 5)], "第2行自然人办件量与法人办件量之和（13）不得超过办件总量（10）"),
    ([HEADER, (2026, 1, 10, 5, 5), (2026, 1, 10, 5, 5)], "第3行2026年1月重复"),
])
def test_bad_sheets_are_refused_with_every_problem_named(rows, message):
    with pytest.raises(SheetError) as error:
        parse_rows(rows)
    assert message in str(error.value)


def test_the_split_may_not_exceed_the_total():
    assert split_problem(10, 4, 6) is None
    assert split_problem(10, 6, 6) == "自然人办件量与法人办件量之和（12）不得超过办件总量（10）"
