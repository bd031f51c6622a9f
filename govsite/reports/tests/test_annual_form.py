"""The form as data (R1): national group order, every field counted or typed, the checks and the deadline."""

import datetime as dt

from govsite.reports import annual_form as form
from govsite.reports.annual_form import Status


def test_groups_follow_the_national_order_and_every_field_has_an_origin():
    assert [g.title for g in form.FORM] == ["基本信息", "信息发布", "专栏专题", "解读回应", "办事服务", "互动交流",
                                           "安全防护", "移动新媒体", "创新发展", "落款"]
    assert len(form.FIELDS) == sum(len(g.fields) for g in form.FORM)  # keys are unique
    assert set(form.HAND_KEYS) | set(form.DATA_KEYS) | set(form.SUMS) == set(form.FIELDS)
    assert {"media_commentaries", "registered_users", "weibo_name", "filled_on"} <= set(form.HAND_KEYS)


def test_the_summed_cell_waits_for_every_part():
    parts = {"interpretation_materials": 3, "interpretation_products": 2}
    assert form.with_sums(parts)["interpretations_total"] is None
    assert form.with_sums({**parts, "media_commentaries": 4})["interpretations_total"] == 9


def test_missing_hand_fields_are_named_in_form_order():
    filled = {key: "x" for key in form.HAND_KEYS}
    assert form.missing_hand(filled) == []
    assert form.missing_hand({**filled, "registered_users": None, "phone": "  "}) == ["注册用户数", "联系电话"]


def test_checks_find_parts_above_their_total_and_skip_unknown_cells():
    good = {"letters_received": 10, "letters_completed": 8, "letters_public": 8, "items_total": 5,
            "items_overview": 1, "items_dynamics": 2, "items_disclosure": 2}
    assert form.check_failures(good) == []
    assert form.check_failures({**good, "letters_completed": 11}) == ["办结留言数量不能大于收到留言数量"]
    assert form.check_failures({**good, "items_dynamics": 3}) == ["信息发布分项之和不能大于总数"]
    assert form.check_failures({"page_views": None, "unique_visitors": 5}) == []


def test_exported_cells_mark_typed_values_and_spell_yes_no():
    typed, counted = form.FIELDS["smart_qa"], form.FIELDS["drills"]
    assert form.cell_text(typed, True) == "是（手工填报）"
    assert form.cell_text(typed, None) == "（手工填报）"
    assert form.cell_text(counted, False) == "否"
    assert form.cell_text(form.FIELDS["items_total"], 0) == "0"
    assert form.cell_text(form.FIELDS["interpretations_total"], 5) == "5（手工填报）"  # has a typed part


def test_due_date_and_status_around_31_january():
    assert form.due_date(2025) == dt.date(2026, 1, 31)
    jan, feb = dt.date(2026, 1, 31), dt.date(2026, 2, 1)
    assert form.report_status(2025, jan, False, None) is Status.NOT_STARTED
    assert form.report_status(2025, jan, True, None) is Status.DRAFT
    assert form.report_status(2025, feb, True, None) is Status.OVERDUE
    assert form.report_status(2025, feb, False, None) is Status.OVERDUE
    assert form.report_status(2025, feb, True, jan) is Status.PUBLISHED
    assert form.report_status(2025, dt.date(2026, 3, 1), True, feb) is Status.PUBLISHED_LATE
    assert Status.PUBLISHED_LATE.overdue and Status.OVERDUE.label == "逾期未发布"


def test_items_count_in_their_nearest_column():
    columns = ["0001", "00010001", "000100010001", "00010002"]
    items = ["0001000100010001", "000100010002", "000100020001", "000100030001"]
    counts, outside = form.count_by_column(items, columns)
    assert counts == {"000100010001": 1, "00010001": 1, "00010002": 1, "0001": 1} and outside == 0
    assert form.count_by_column(["00020001"], columns) == ({}, 1)
    assert form.title_path("000100010001", {"00010001": "政府信息公开", "000100010001": "年度报告"}) == \
        "政府信息公开 / 年度报告"
