"""A letter from receipt to a published reply (I1-I6), and every step refused to the wrong person."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from wagtail.models import ModelLogEntry

from govsite.audit.models import AuditEntry
from govsite.core.clock import clock_at
from govsite.core.errors import Refused
from govsite.interaction import handling, listing
from govsite.interaction.models import KnowledgeEntry, Letter, WorkOrder
from govsite.interaction.rules import LetterKind, WithholdReason

from .conftest import WEDNESDAY

pytestmark = pytest.mark.django_db


def later(hours: int) -> dt.datetime:
    return WEDNESDAY + dt.timedelta(hours=hours)


def test_personal_data_is_encrypted_at_rest_and_the_password_is_not_stored(write_letter):
    letter = write_letter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT writer_name, writer_phone, writer_id_number, password_digest FROM "
                       "interaction_letter WHERE id = %s", [letter.pk])
        name, phone, id_number, digest = cursor.fetchone()
    assert "张三" not in name and "13812345678" not in phone and "11010519491231002X" not in id_number
    assert letter.password not in digest
    stored = Letter.objects.get(pk=letter.pk)
    assert (stored.writer_name, stored.writer_phone) == ("张三", "13812345678")


def test_the_writer_follows_the_letter_only_with_the_right_password(write_letter):
    letter = write_letter()
    assert handling.find_for_writer(letter.query_code.lower(), letter.password) == letter
    assert handling.find_for_writer(letter.query_code, letter.password[::-1]) is None
    assert handling.find_for_writer("NOSUCHCODE00", letter.password) is None
    assert [step.text for step in listing.writer_timeline(letter)] == ["已收到来信，等待分拣"]


def test_full_path_dispatch_return_reassign_reply_reject_approve(write_letter, people, portal, department):
    letter = write_letter(kind=LetterKind.CONSULTATION)
    with clock_at(later(1)):
        handling.dispatch(letter, people.hotline, portal, "请办理")
    with clock_at(later(2)):
        handling.return_order(letter, people.other_handler, "不属于本单位职责")
    letter.refresh_from_db()
    assert letter.status == Letter.Status.RETURNED and letter.unit is None
    with clock_at(later(3)):
        handling.dispatch(letter, people.hotline, department)
        handling.submit_reply(letter, people.handler, "您好，经核实，该路段已列入维修计划，将于本月修复。")
        handling.reject_reply(letter, people.approver, "请写明具体修复时间")
        handling.submit_reply(letter, people.handler, "您好，该路段已列入维修计划，将于6月10日前完成修复。")
    with clock_at(later(4)):
        handling.approve_reply(letter, people.approver)
    letter.refresh_from_db()

    assert letter.status == Letter.Status.ANSWERED and letter.on_time is True and letter.working_days == 0
    assert [o.status for o in letter.orders.order_by("pk")] == [WorkOrder.Status.RETURNED, WorkOrder.Status.ANSWERED]
    assert letter.orders.first().return_reason == "不属于本单位职责"
    assert [r.status for r in letter.replies.order_by("pk")] == ["rejected", "approved"]
    assert letter.approved_reply().body.endswith("6月10日前完成修复。")
    timeline = [step.text for step in listing.writer_timeline(letter)]
    assert timeline == ["已收到来信，等待分拣", "已转测试市人民政府办公室办理", "已转测试市教育体育局办理",
                        "测试市教育体育局已答复"]
    actions = list(ModelLogEntry.objects.for_instance(letter).order_by("pk").values_list("action", flat=True))
    assert "govsite.letter.return" in actions and "govsite.letter.reply_reject" in actions
    assert AuditEntry.objects.filter(action="govsite.letter.reply_approve", actor_name="leader1").exists()


def test_a_reassignment_keeps_the_history(write_letter, people, portal, department):
    letter = write_letter()
    handling.dispatch(letter, people.hotline, portal)
    handling.dispatch(letter, people.hotline, department, "改由教体局办理")
    orders = list(letter.orders.order_by("pk"))
    assert [(o.unit, o.status) for o in orders] == [(portal, "reassigned"), (department, "open")]
    with pytest.raises(Refused, match="已在该单位办理"):
        handling.dispatch(letter, people.hotline, department)


def test_each_conflict_is_refused(write_letter, people, department, make_user):
    letter = write_letter()
    with pytest.raises(Refused, match="只有热线中心可以转办"):
        handling.dispatch(letter, people.handler, department)
    handling.dispatch(letter, people.hotline, department)
    with pytest.raises(Refused, match="只有承办单位的信件办理人员"):
        handling.submit_reply(letter, people.other_handler, "这是另一个单位的人起草的答复内容。")
    with pytest.raises(Refused, match="答复内容过短"):
        handling.submit_reply(letter, people.handler, "已阅")
    handling.submit_reply(letter, people.handler, "您好，已安排人员现场核查并处理。")
    with pytest.raises(Refused, match="只有承办单位的答复审核人员"):
        handling.approve_reply(letter, people.handler)
    with pytest.raises(Refused, match="退回修改须说明理由"):
        handling.reject_reply(letter, people.approver, "  ")
    # A leader who drafted the reply himself may not approve it (I4).
    both = make_user("both", None)
    from govsite.review.models import RoleGroup
    from govsite.review.roles import Role

    letter.refresh_from_db()
    handling.reject_reply(letter, people.approver, "补充处理时限")
    both.groups.add(RoleGroup.objects.get(role=Role.LETTER_HANDLER, record=department).group)
    handling.submit_reply(letter, both, "您好，已安排人员现场核查，本周内处理完毕。")
    both.groups.remove(RoleGroup.objects.get(role=Role.LETTER_HANDLER, record=department).group)
    both.groups.add(RoleGroup.objects.get(role=Role.LETTER_APPROVER, record=department).group)
    del both._govsite_roles
    with pytest.raises(Refused, match="不能审核自己起草的答复"):
        handling.approve_reply(letter, both)
    assert Letter.objects.get(pk=letter.pk).status == Letter.Status.REVIEWING


def test_public_listing_shows_only_answered_public_letters_with_personal_data_masked(write_letter, people, department):
    answered = write_letter(content="我的手机13812345678，身份证11010519491231002X，门口道路破损。")
    private = write_letter(wants_public=False)
    unanswered = write_letter()
    for letter in (answered, private):
        handling.dispatch(letter, people.hotline, department)
        handling.submit_reply(letter, people.handler, "您好，道路已于昨日修复，感谢您的反映。")
        handling.approve_reply(letter, people.approver)
    handling.decide_publicity(answered, people.hotline, True)
    with pytest.raises(Refused, match="来信人不同意公开"):
        handling.decide_publicity(private, people.hotline, True)
    assert list(listing.listed_letters()) == [answered]
    assert unanswered not in listing.listed_letters()
    assert listing.masked(answered.content) == "我的手机138****5678，身份证1101**********002X，门口道路破损。"
    entry = KnowledgeEntry.objects.get(source_letter=answered)
    assert "13812345678" not in entry.question + entry.answer
    handling.decide_publicity(answered, people.hotline, False, WithholdReason.PRIVACY)
    assert not listing.listed_letters().exists()
    assert not KnowledgeEntry.objects.filter(source_letter=answered).exists()


def test_declined_letters_tell_the_writer_why(write_letter, people):
    letter = write_letter(title="专业代办各类证件", content="价格优惠，联系微信……")
    with pytest.raises(Refused, match="不予受理须说明理由"):
        handling.decline(letter, people.hotline, "")
    handling.decline(letter, people.hotline, "商业广告")
    assert listing.writer_timeline(letter)[-1].text == "不予受理：商业广告"


def test_unit_statistics(write_letter, people, department, portal):
    late = write_letter()
    handling.dispatch(late, people.hotline, department)
    handling.submit_reply(late, people.handler, "您好，问题已处理完毕，感谢监督。")
    Letter.objects.filter(pk=late.pk).update(due_on=dt.date(2026, 6, 3))  # answered after its due date
    with clock_at(later(24 * 7)):
        handling.approve_reply(late, people.approver)
    on_time = write_letter()
    handling.dispatch(on_time, people.hotline, department)
    with clock_at(later(1)):
        handling.submit_reply(on_time, people.handler, "您好，问题已处理完毕，感谢监督。")
        handling.approve_reply(on_time, people.approver)
    handling.dispatch(write_letter(), people.hotline, department)
    handling.dispatch(write_letter(), people.hotline, portal)
    rows = {row.unit: row for row in listing.unit_statistics(2026)}
    jtj = rows["测试市教育体育局"]
    assert (jtj.received, jtj.answered, jtj.on_time, jtj.on_time_rate) == (3, 2, 1, 50.0)
    assert jtj.average_working_days == 2.5  # 5 working days (Wed → next Wed) and 0 working days
    assert rows["测试市人民政府办公室"].answered == 0
