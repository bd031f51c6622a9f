"""The deadline job `interaction.deadlines` (I3, I10): a reminder to the unit one working day before a
letter is due, escalation of what is overdue to the portal office by e-mail and in the log, never twice.

The job runs hourly; each test runs it at chosen moments of June 2026, around 端午 (Fri 06-19 to Sun 06-21).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from govsite.audit.models import AuditEntry
from govsite.core.clock import clock_at
from govsite.interaction import errors, handling
from govsite.interaction.models import ErrorReport, Letter
from govsite.interaction.rules import LetterKind
from govsite.jobs.models import JobRun
from govsite.jobs.runs import run_inline
from govsite.review.roles import Role

BEIJING = dt.timezone(dt.timedelta(hours=8))
JOB = "interaction.deadlines"


def june(day: int, hour: int = 8) -> dt.datetime:
    return dt.datetime(2026, 6, day, hour, 10, tzinfo=BEIJING)


def run_job(at: dt.datetime) -> list:
    """Run the job as the scheduler does at `at`; the e-mails it sent."""
    sent = len(mail.outbox)
    with clock_at(at):
        run = run_inline(JOB)
    assert run.status == JobRun.Status.SUCCEEDED, run.error
    return mail.outbox[sent:]


def actions(obj) -> list[str]:
    return list(ModelLogEntry.objects.for_instance(obj).order_by("pk").values_list("action", flat=True))


@pytest.fixture
def consultation(write_letter, people, department):
    """Received Wed 06-17 10:00, dispatched: due Mon 06-22 (1: Thu 06-18; 06-19..06-21 端午; 2: Mon 06-22)."""
    letter = write_letter(kind=LetterKind.CONSULTATION, at=june(17, 10))
    with clock_at(june(17, 11)):
        handling.dispatch(letter, people.hotline, department)
    assert letter.due_on == dt.date(2026, 6, 22)
    return letter


@pytest.mark.django_db
def test_the_unit_is_reminded_once_a_working_day_before_and_the_office_gets_the_overdue_letter(consultation):
    assert run_job(june(17, 12)) == []  # Wed: Thu and Mon are still left

    sent = run_job(june(18))  # Thu: the holiday leaves only Mon 06-22
    assert [(m.subject, m.to) for m in sent] == [("【到期提醒】来信即将到期", ["handler@ceshi.gov.cn"])]
    link = "http://127.0.0.1:8000" + reverse("letters:handle", args=[consultation.pk])
    assert f"（{consultation.number}）将于 2026-06-22 到期" in sent[0].body and link in sent[0].body
    assert run_job(june(18, 9)) == []  # the next hourly run sends nothing more
    for day in (19, 20, 21, 22):  # over the holiday and on the due day: the one reminder stands
        assert run_job(june(day)) == []
    assert actions(consultation).count("govsite.letter.remind") == 1

    sent = run_job(june(23))  # Tue: overdue
    assert len(sent) == 1 and sent[0].subject == "【超期督办】来信超期未答复"
    assert sorted(sent[0].to) == ["hotline@ceshi.gov.cn", "office@ceshi.gov.cn"]
    assert "已超过答复期限 2026-06-22，当前在测试市教育体育局" in sent[0].body
    assert run_job(june(23, 9)) == [] and run_job(june(24)) == []
    assert actions(consultation).count("govsite.letter.escalate") == 1
    escalation = AuditEntry.objects.get(action="govsite.letter.escalate", object_id=str(consultation.pk))
    assert (escalation.action_label, escalation.data["detail"]["due_on"]) == ("超期督办", "2026-06-22")
    assert Letter.objects.get(pk=consultation.pk).escalated_at == june(23)


@pytest.mark.django_db
def test_an_extension_gives_a_new_reminder_before_the_new_due_date(write_letter, people, department):
    # Help, received Mon 06-15: 06-16, 06-17, 06-18, (端午) Mon 06-22, 5: Tue 06-23.
    letter = write_letter(kind=LetterKind.HELP, at=june(15, 10))
    handling.dispatch(letter, people.hotline, department)
    assert run_job(june(19)) == []  # Fri, a holiday: two working days are left
    assert [m.to for m in run_job(june(22))] == [["handler@ceshi.gov.cn"]]
    handling.decide_extension(handling.request_extension(letter, people.handler, 2, "需入户核查"), people.hotline, True)
    letter.refresh_from_db()
    assert letter.due_on == dt.date(2026, 6, 25)  # Tue 06-23 + 2: 06-24, Thu 06-25
    assert run_job(june(23)) == []
    sent = run_job(june(24))
    assert [m.to for m in sent] == [["handler@ceshi.gov.cn"]] and "将于 2026-06-25 到期" in sent[0].body
    assert actions(letter).count("govsite.letter.remind") == 2
    assert run_job(june(25)) == [] and len(run_job(june(26))) == 1  # the due day; then overdue


@pytest.mark.django_db
def test_letters_still_at_the_hotline_are_escalated_and_answered_ones_never(write_letter, people, department):
    waiting = write_letter(kind=LetterKind.CONSULTATION, at=june(17, 10))  # never dispatched
    answered = write_letter(kind=LetterKind.CONSULTATION, at=june(17, 10))
    handling.dispatch(answered, people.hotline, department)
    handling.submit_reply(answered, people.handler, "您好，相关政策已在官网公布，请查阅。")
    handling.approve_reply(answered, people.approver)

    assert run_job(june(18)) == []  # no unit yet to remind, and the answered letter's clock has stopped
    sent = run_job(june(23))
    assert len(sent) == 1 and "当前在热线中心（待转办）" in sent[0].body and waiting.number in sent[0].body
    assert actions(answered).count("govsite.letter.escalate") == 0
    assert run_job(june(24)) == []


@pytest.mark.django_db
def test_an_overdue_error_report_goes_to_the_office_and_the_site_editors_once(portal, people, make_user):
    make_user("editor1", Role.EDITOR, portal, email="editor@ceshi.gov.cn")
    with clock_at(june(18, 16)):  # Thu afternoon; due in 1 working day: Mon 06-22 (端午 in between)
        late = errors.report_error(portal.site, url="http://testserver/", problem=ErrorReport.Problem.TYPO,
                                   description="首页通知标题有错别字", contact="")
        fixed = errors.report_error(portal.site, url="http://testserver/", problem=ErrorReport.Problem.BROKEN_LINK,
                                    description="页脚链接打不开", contact="")
    assert late.due_on == dt.date(2026, 6, 22)
    editor = make_user("editor2", Role.EDITOR, portal)
    with clock_at(june(19)):
        errors.handle_error_report(fixed, editor, ErrorReport.Status.FIXED, "已修正链接")

    assert run_job(june(22, 18)) == []  # due today: not late yet
    sent = run_job(june(23))
    assert [m.subject for m in sent] == ["【超期督办】网站纠错超期未处理"]
    assert sorted(sent[0].to) == ["editor@ceshi.gov.cn", "office@ceshi.gov.cn"]
    assert f"网站纠错 {late.reference}（测试市人民政府）已超过处理期限 2026-06-22" in sent[0].body
    assert run_job(june(23, 9)) == [] and run_job(june(24)) == []
    assert actions(late).count("govsite.errorreport.escalate") == 1 and "govsite.errorreport.escalate" not in actions(fixed)
    assert AuditEntry.objects.filter(action="govsite.errorreport.escalate", object_id=str(late.pk)).count() == 1


@pytest.mark.django_db
def test_an_extension_granted_after_escalation_is_escalated_again_when_it_runs_out(write_letter, people, department):
    letter = write_letter(kind=LetterKind.HELP, at=june(15, 10))  # due Tue 06-23, as above
    handling.dispatch(letter, people.hotline, department)
    assert len(run_job(june(24))) == 1
    handling.decide_extension(handling.request_extension(letter, people.handler, 5, "需入户核查"), people.hotline, True)
    letter.refresh_from_db()
    assert letter.due_on == dt.date(2026, 6, 30)  # 06-24, 06-25, 06-26, 06-29, 06-30
    assert run_job(june(26)) == []  # no longer overdue
    sent = run_job(dt.datetime(2026, 7, 1, 8, 10, tzinfo=BEIJING))
    assert [m.subject for m in sent] == ["【超期督办】来信超期未答复"] and "已超过答复期限 2026-06-30" in sent[0].body
    assert run_job(dt.datetime(2026, 7, 2, 8, 10, tzinfo=BEIJING)) == []
    assert actions(letter).count("govsite.letter.escalate") == 2
