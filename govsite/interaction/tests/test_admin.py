"""The letters' back office through real requests, logged in as each role (I2-I5, X7, X1)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from govsite.audit.models import AuditEntry
from govsite.core.clock import clock_at
from govsite.interaction import handling
from govsite.interaction.models import Extension, KnowledgeEntry, Letter, WorkOrder
from govsite.interaction.rules import Channel, LetterKind
from govsite.interaction.wagtail_hooks import LOG_ACTIONS
from govsite.review.roles import Role
from govsite.workdays.service import CALENDAR

pytestmark = pytest.mark.django_db
INDEX, HANDLE = "letters:index", "letters:handle"
WRITER = ("张三", "13812345678", "11010519491231002X", "测试市人民路1号")
REPLY = "您好，经核实，该路段已列入维修计划，将于6月10日前完成修复。"


def open_letter(client, letter):
    return client.get(reverse(HANDLE, args=[letter.pk]))


def act(client, letter, action: str, **fields):
    """Submit one step's form on the letter's page, as the browser does, and follow to the page shown."""
    data = {"action": action, **{f"{action}-{name}": value for name, value in fields.items()}}
    return client.post(reverse(HANDLE, args=[letter.pk]), data, follow=True)


def denied(response) -> bool:
    """Wagtail answers a refused admin view with a redirect to the dashboard; a hidden letter is a 404."""
    home = reverse("wagtailadmin_home")
    chain = getattr(response, "redirect_chain", [])
    if chain:
        return chain[-1][0] == home
    return response.status_code in (403, 404) or (response.status_code == 302 and response["Location"] == home)


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def status_of(letter) -> str:
    return Letter.objects.get(pk=letter.pk).status


def letter_to(site, title: str, kind=LetterKind.CONSULTATION) -> Letter:
    with clock_at(timezone.now()):
        letter, _password = handling.receive(
            site, kind=kind, channel=Channel.MAILBOX, title=title, content=title + "，请予答复。",
            writer=handling.Writer(*WRITER), wants_public=True)
    return letter


def test_the_hotline_lists_every_letter_and_filters_by_status_kind_and_site(client, people, department,
                                                                               write_letter):
    complaint = write_letter(title="小区门口道路破损")
    consultation = letter_to(department, "学校招生报名时间")
    handling.dispatch(complaint, people.hotline, department)
    client.force_login(people.hotline)

    def titles(**query) -> set[str]:
        page = text(client.get(reverse(INDEX), query))
        return {t for t in ("小区门口道路破损", "学校招生报名时间") if t in page}

    assert titles() == {"小区门口道路破损", "学校招生报名时间"}
    assert titles(status="dispatched") == {"小区门口道路破损"}
    assert titles(status="received") == {"学校招生报名时间"}
    assert titles(kind="consultation") == {"学校招生报名时间"}
    assert titles(site=department.pk) == {"学校招生报名时间"}
    assert titles(q="招生") == {"学校招生报名时间"}
    assert titles(overdue="true") == {"小区门口道路破损"}  # written on a Wednesday of June 2026

    client.force_login(people.handler)
    assert {t for t in ("小区门口道路破损", "学校招生报名时间") if t in text(client.get(reverse(INDEX)))} == {
        "小区门口道路破损"}
    assert denied(open_letter(client, consultation))


def test_dispatch_return_with_a_reason_and_reassign_keep_every_order_on_the_letter_page(
        client, people, portal, department, write_letter):
    letter = write_letter()
    client.force_login(people.hotline)
    page = text(open_letter(client, letter))
    assert "分拣" in page and "转办" in page and "退回热线中心" not in page
    page = text(act(client, letter, "sort", kind="consultation", simple="on"))
    assert "已保存分拣结果" in page and Letter.objects.get(pk=letter.pk).simple
    page = text(act(client, letter, "dispatch", unit=portal.pk, instruction="请核实办理"))
    assert "已转办" in page and status_of(letter) == Letter.Status.DISPATCHED

    client.force_login(people.handler)  # another unit's handler
    assert denied(open_letter(client, letter))
    assert denied(act(client, letter, "return", reason="不是我们的"))
    client.force_login(people.other_handler)
    assert "小区门口道路破损" in text(client.get(reverse(INDEX)))
    page = text(act(client, letter, "return", reason="  "))
    assert "请检查填写的内容" in page and "必需字段" in page
    assert letter.orders.get().status == WorkOrder.Status.OPEN
    page = text(act(client, letter, "return", reason="道路养护不属于本单位职责"))
    assert "已退回热线中心重新转办" in page and status_of(letter) == Letter.Status.RETURNED

    client.force_login(people.hotline)
    assert "小区门口道路破损" in text(client.get(reverse(INDEX), {"status": "returned"}))
    text(act(client, letter, "dispatch", unit=department.pk, instruction="请教体局办理"))
    page = text(open_letter(client, letter))
    orders = page.split("工单</h2>", 1)[1].split("</table>", 1)[0]
    assert re.search(r"测试市人民政府.*请核实办理.*已退回.*道路养护不属于本单位职责", orders, re.S)
    assert re.search(r"测试市教育体育局.*请教体局办理.*办理中", orders, re.S)
    assert [o.status for o in letter.orders.order_by("pk")] == [WorkOrder.Status.RETURNED, WorkOrder.Status.OPEN]
    for label in ("分拣来信", "转办来信", "退回工单"):
        assert label in page
    client.force_login(people.handler)
    assert "退回热线中心" in text(open_letter(client, letter))


def test_writer_details_are_clear_to_the_hotline_and_the_unit_and_masked_for_the_office(
        client, people, department, write_letter):
    letter = write_letter()
    handling.dispatch(letter, people.hotline, department)
    for user in (people.hotline, people.handler, people.approver):
        client.force_login(user)
        page = text(open_letter(client, letter))
        assert all(value in page for value in WRITER), user
    client.force_login(people.office)
    page = text(open_letter(client, letter))
    assert not any(value in page for value in WRITER)
    assert "张*" in page and "138****5678" in page
    assert "分拣</h2>" not in page and "提交答复</h2>" not in page  # the office oversees, never acts
    assert denied(act(client, letter, "dispatch", unit=department.pk))
    client.force_login(people.other_handler)
    assert denied(open_letter(client, letter))


def test_reply_passes_the_unit_leader_who_rejects_with_a_reason_then_approves(
        client, people, department, write_letter, make_user):
    KnowledgeEntry.objects.create(question="小区门口道路破损怎么办", answer="道路维修由住建局负责，可拨打12345。")
    letter = write_letter(title="小区门口道路破损")
    handling.dispatch(letter, people.hotline, department)

    client.force_login(people.handler)
    page = text(open_letter(client, letter))
    assert "相似问题的答复口径" in page and "道路维修由住建局负责" in page
    assert "答复内容过短" in text(act(client, letter, "reply", body="已收到"))
    page = text(act(client, letter, "reply", body="您好，已列入维修计划。请耐心等待。"))
    assert "答复已提交单位领导审核" in page and status_of(letter) == Letter.Status.REVIEWING
    assert denied(act(client, letter, "approve"))
    assert status_of(letter) == Letter.Status.REVIEWING

    client.force_login(people.approver)
    page = text(open_letter(client, letter))
    assert "您好，已列入维修计划。请耐心等待。" in page and "审核通过并答复" in page
    assert "必需字段" in text(act(client, letter, "reject", reason=""))
    assert "答复已退回办理人修改" in text(act(client, letter, "reject", reason="请写明具体修复时间"))

    client.force_login(people.handler)
    page = text(open_letter(client, letter))
    assert "请写明具体修复时间" in page and "已退回" in page
    text(act(client, letter, "reply", body=REPLY))

    # A leader is never also the unit's handler, so no one approves their own draft.
    with pytest.raises(ValidationError, match="不得同时担任信件办理和答复审核角色"), transaction.atomic():
        make_user("both1", Role.LETTER_APPROVER, department).groups.add(people.handler.groups.get())

    client.force_login(people.approver)
    page = text(act(client, letter, "approve"))
    assert "答复已审核通过并发送来信人" in page and "已答复" in page
    answered = Letter.objects.get(pk=letter.pk)
    assert answered.status == Letter.Status.ANSWERED and answered.approved_reply().decided_by == people.approver
    assert "提交答复</h2>" not in text(open_letter(client, letter))


def test_the_unit_asks_for_more_time_and_the_hotline_decides(client, people, department, write_letter):
    letter = write_letter()  # a complaint: 10 working days, so at most 10 more
    handling.dispatch(letter, people.hotline, department)
    due = Letter.objects.get(pk=letter.pk).due_on

    client.force_login(people.handler)
    assert "延期最多 10 个工作日" in text(act(client, letter, "request_extension", days=11, reason="需现场勘查"))
    assert "必需字段" in text(act(client, letter, "request_extension", days=5, reason=""))
    assert not Extension.objects.exists()
    assert "延期申请已提交热线中心" in text(act(client, letter, "request_extension", days=5, reason="需现场勘查"))
    assert "已有待审批的延期申请" in text(act(client, letter, "request_extension", days=3, reason="再延"))
    assert denied(act(client, letter, "decide_extension", extension=Extension.objects.get().pk, approve="yes"))

    client.force_login(people.hotline)
    assert panel(client)["待审批的延期申请"] == 1
    page = text(open_letter(client, letter))
    assert "申请延期 5 个工作日，理由：需现场勘查" in page
    page = text(act(client, letter, "decide_extension", extension=Extension.objects.get().pk, approve="yes",
                    note="同意"))
    assert "已审批延期申请" in page and "已延期" in page
    extended = Letter.objects.get(pk=letter.pk)
    assert extended.extended and extended.due_on == CALENDAR.add(due, 5).due
    assert f"{due:%Y-%m-%d} → {extended.due_on:%Y-%m-%d}" in page  # the clock's change in the history

    assert "待审批的延期申请" not in panel(client)

    client.force_login(people.handler)
    assert "每件信件只能延期一次" in text(act(client, letter, "request_extension", days=2, reason="再延"))
    answered = write_letter(title="申请后即答复")  # a request left pending when the reply went out
    handling.dispatch(answered, people.hotline, department)
    handling.request_extension(answered, people.handler, 2, "需调研")
    handling.submit_reply(answered, people.handler, REPLY)
    handling.approve_reply(answered, people.approver)
    client.force_login(people.hotline)
    assert "待审批的延期申请" not in panel(client) and "审批延期</h2>" not in text(open_letter(client, answered))


def test_the_hotline_decides_publicity_and_declines_always_with_a_reason(client, people, write_letter):
    letter = write_letter()
    client.force_login(people.hotline)
    assert "不公开须选择理由" in text(act(client, letter, "publicity", public="no", reason=""))
    assert Letter.objects.get(pk=letter.pk).publicity == Letter.Publicity.PENDING
    page = text(act(client, letter, "publicity", public="no", reason="privacy"))
    assert "已保存公开决定" in page and "不公开（涉及个人隐私" in page
    stored = Letter.objects.get(pk=letter.pk)
    assert (stored.publicity, stored.withhold_reason) == (Letter.Publicity.WITHHELD, "privacy")
    text(act(client, letter, "publicity", public="yes"))
    assert Letter.objects.get(pk=letter.pk).publicity == Letter.Publicity.PUBLIC

    spam = write_letter(title="代办各类证件")
    assert "必需字段" in text(act(client, spam, "decline", reason=""))
    assert "已决定不予受理" in text(act(client, spam, "decline", reason="广告信息"))
    assert status_of(spam) == Letter.Status.DECLINED
    refused = write_letter(wants_public=False)
    assert "来信人不同意公开，不能公开" in text(act(client, refused, "publicity", public="yes"))
    client.force_login(people.handler)
    assert denied(act(client, letter, "publicity", public="no", reason="privacy"))


def panel(client) -> dict[str, int]:
    """The dashboard's 政民互动待办 panel as {label: count}."""
    page = text(client.get(reverse("wagtailadmin_home")))
    section = page.split('id="letters-due-heading"', 1)[1].split("</section>", 1)[0] if (
        'id="letters-due-heading"' in page) else ""
    return {label: int(n) for label, n in re.findall(r">([^<>]+)</a></td><td>(\d+)</td>", section)}


def test_the_dashboard_counts_letters_due_soon_and_overdue_in_each_persons_scope(
        client, people, portal, department, write_letter):
    now = timezone.now()
    late_here = write_letter(at=now - dt.timedelta(days=40), title="早已超期")
    handling.dispatch(late_here, people.hotline, department)
    soon_here = write_letter(kind=LetterKind.CONSULTATION, at=now, title="明天到期")
    handling.sort(soon_here, people.hotline, kind=LetterKind.CONSULTATION, simple=True)
    handling.dispatch(soon_here, people.hotline, department)
    later_there = write_letter(at=now, title="十天后到期")
    handling.dispatch(later_there, people.hotline, portal)
    returned = write_letter(at=now - dt.timedelta(days=40), title="超期被退回")
    handling.dispatch(returned, people.hotline, portal)
    handling.return_order(returned, people.other_handler, "不属于本单位职责")  # no longer the portal's clock

    client.force_login(people.handler)
    assert panel(client) == {"本单位办理中的来信": 2, "即将到期的来信": 1, "已超期未答复": 1}
    client.force_login(people.other_handler)
    assert panel(client) == {"本单位办理中的来信": 1}
    client.force_login(people.hotline)
    assert panel(client) == {"单位退回待重新转办": 1, "即将到期的来信": 1, "已超期未答复": 2}
    client.force_login(people.office)
    assert panel(client) == {"即将到期的来信": 1, "已超期未答复": 2}
    for query, titles in (({"due_soon": "true"}, {"明天到期"}), ({"overdue": "true"}, {"早已超期", "超期被退回"})):
        page = text(client.get(reverse(INDEX), query))
        assert {t for t in ("早已超期", "明天到期", "十天后到期", "超期被退回") if t in page} == titles


def test_every_step_taken_in_the_admin_is_in_the_audit_log_with_its_label(client, people, portal, department,
                                                                         write_letter):
    letter = write_letter(kind=LetterKind.SUGGESTION)
    client.force_login(people.hotline)
    act(client, letter, "dispatch", unit=portal.pk)
    act(client, letter, "dispatch", unit=department.pk)
    act(client, letter, "publicity", public="yes")
    client.force_login(people.handler)
    act(client, letter, "request_extension", days=2, reason="需调研")
    client.force_login(people.hotline)
    act(client, letter, "decide_extension", extension=Extension.objects.get().pk, approve="no", note="时限充足")
    client.force_login(people.handler)
    act(client, letter, "reply", body=REPLY)
    client.force_login(people.approver)
    act(client, letter, "approve")

    entries = AuditEntry.objects.filter(object_type="interaction.letter", object_id=str(letter.pk)).order_by("seq")
    steps = [(e.action, e.action_label, e.actor_name) for e in entries if e.actor_name]
    assert steps == [
        (action, str(LOG_ACTIONS[action]), who) for action, who in (
            ("govsite.letter.dispatch", "hotline1"), ("govsite.letter.reassign", "hotline1"),
            ("govsite.letter.publicity", "hotline1"),
            ("govsite.letter.extension_request", "handler1"), ("govsite.letter.extension_decide", "hotline1"),
            ("govsite.letter.reply_submit", "handler1"), ("govsite.letter.reply_approve", "leader1"))]
    assert {e.site_name for e in entries} == {"测试市人民政府"}
    assert {e.ip for e in entries if e.actor_name} == {"127.0.0.1"}
    # The letter's own history (Wagtail's log, with the labels registered for it) is mirrored entry by entry.
    mirrored = {e.data["wagtail_log_id"]: e.action_label for e in entries}
    assert mirrored == {e.pk: str(LOG_ACTIONS[e.action]) for e in ModelLogEntry.objects.for_instance(letter)}
    assert "govsite.letter.receive" in {e.action for e in entries}

