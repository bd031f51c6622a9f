"""An application walked through every clock rule on the platform's stored 2026 calendar (I9; Art. 30-33),
with the office's roles and the applicant's timeline."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from wagtail.models import ModelLogEntry

from govsite.core.clock import clock_at
from govsite.core.errors import Refused
from govsite.disclosure import requests
from govsite.disclosure.models import InformationRequest
from govsite.disclosure.rules import Channel, Outcome
from govsite.interaction.listing import writer_timeline

from .conftest import at

D = dt.date
pytestmark = pytest.mark.django_db


def step(day, function, *args, **kwargs):
    with clock_at(at(day)):
        return function(*args, **kwargs)


def test_online_application_counts_from_the_day_the_office_confirms_it(apply, office):
    req = apply(D(2026, 2, 27))  # Friday; confirmed on Monday
    assert req.status == InformationRequest.Status.SUBMITTED and req.received_on is None and req.due_on is None
    req = step(D(2026, 3, 2), requests.confirm_receipt, req, office.handler, D(2026, 3, 2))
    assert (req.received_on, req.due_on, req.correction_notice_due) == (D(2026, 3, 2), D(2026, 3, 30), D(2026, 3, 11))
    assert req.status == InformationRequest.Status.PROCESSING


def test_paper_application_is_received_on_the_day_given(apply):
    req = apply(D(2026, 9, 23), channel=Channel.IN_PERSON)
    assert (req.received_on, req.due_on) == (D(2026, 9, 23), D(2026, 10, 28))  # across National Day


def test_correction_stops_the_clock_and_the_corrected_application_restarts_it(apply, office):
    req = apply(D(2026, 3, 2), channel=Channel.IN_PERSON)
    req = step(D(2026, 3, 5), requests.request_correction, req, office.handler, "请写明文件的名称或文号", D(2026, 3, 20))
    assert req.status == InformationRequest.Status.CORRECTION and req.due_on is None
    with pytest.raises(Refused, match="一次性告知"):
        step(D(2026, 3, 6), requests.request_correction, req, office.handler, "再补充", D(2026, 3, 20))
    req = step(D(2026, 3, 16), requests.record_correction, req, office.handler, D(2026, 3, 16))
    assert req.due_on == D(2026, 4, 14)
    assert len(mail.outbox) == 1 and "补正" in mail.outbox[0].subject


def test_a_late_correction_notice_is_recorded(apply, office):
    req = apply(D(2026, 3, 2), channel=Channel.IN_PERSON)
    step(D(2026, 3, 12), requests.request_correction, req, office.handler, "请写明文号", D(2026, 3, 30))
    entry = ModelLogEntry.objects.for_instance(req).get(action="govsite.disclosure.correction")
    assert entry.data["late"] is True


def test_not_corrected_in_time_closes_as_other_handling(apply, office):
    req = apply(D(2026, 3, 2), channel=Channel.IN_PERSON)
    step(D(2026, 3, 5), requests.request_correction, req, office.handler, "请写明文号", D(2026, 3, 13))
    with pytest.raises(Refused, match="补正期限届满后"):
        step(D(2026, 3, 10), requests.draft_reply, req, office.handler, Outcome.OTHER_NOT_CORRECTED, "逾期未补正")
    step(D(2026, 3, 16), requests.draft_reply, req, office.handler, Outcome.OTHER_NOT_CORRECTED, "逾期未补正")
    req = step(D(2026, 3, 16), requests.sign_reply, req, office.head)
    assert req.status == InformationRequest.Status.ANSWERED and req.on_time


def test_third_party_consultation_is_not_counted(apply, office):
    req = apply(D(2026, 3, 2), channel=Channel.IN_PERSON)
    consultation = step(D(2026, 3, 10), requests.start_consultation, req, office.handler, "某建设公司", D(2026, 3, 10))
    req.refresh_from_db()
    assert req.status == InformationRequest.Status.CONSULTING
    step(D(2026, 3, 20), requests.end_consultation, consultation, office.handler, D(2026, 3, 20), "不同意公开")
    req.refresh_from_db()
    assert (req.paused_days, req.due_on, req.status) == (8, D(2026, 4, 10), InformationRequest.Status.PROCESSING)


def test_extension_needs_the_heads_approval_and_tells_the_applicant(apply, office):
    req = apply(D(2026, 3, 2), channel=Channel.IN_PERSON)
    with pytest.raises(Refused, match="最长不得超过 20"):
        step(D(2026, 3, 20), requests.request_extension, req, office.handler, 21, "涉及多个科室")
    extension = step(D(2026, 3, 20), requests.request_extension, req, office.handler, 20, "涉及档案检索")
    with pytest.raises(Refused, match="负责人同意"):
        step(D(2026, 3, 20), requests.decide_extension, extension, office.handler, True)
    step(D(2026, 3, 23), requests.decide_extension, extension, office.head, True)
    req.refresh_from_db()
    assert req.due_on == D(2026, 4, 28)
    assert "延长答复期限" in mail.outbox[-1].subject
    with pytest.raises(Refused, match="只能延长一次"):
        step(D(2026, 4, 1), requests.request_extension, req, office.handler, 5, "再延")


def test_every_rule_at_once(apply, office):
    req = apply(D(2026, 3, 2), channel=Channel.IN_PERSON)
    step(D(2026, 3, 5), requests.request_correction, req, office.handler, "请写明文号", D(2026, 3, 20))
    step(D(2026, 3, 16), requests.record_correction, req, office.handler, D(2026, 3, 16))
    consultation = step(D(2026, 3, 20), requests.start_consultation, req, office.handler, "第三方", D(2026, 3, 20))
    step(D(2026, 3, 27), requests.end_consultation, consultation, office.handler, D(2026, 3, 27))
    extension = step(D(2026, 4, 1), requests.request_extension, req, office.handler, 10, "材料较多")
    step(D(2026, 4, 2), requests.decide_extension, extension, office.head, True)
    req.refresh_from_db()
    assert req.due_on == D(2026, 5, 8)


def test_reply_is_drafted_signed_by_the_head_and_shown_to_the_applicant(apply, office):
    req = apply(D(2026, 3, 2))
    password = req.password
    step(D(2026, 3, 2), requests.confirm_receipt, req, office.handler, D(2026, 3, 2))
    with pytest.raises(Refused, match="承办人员"):
        step(D(2026, 3, 9), requests.draft_reply, req, office.other_handler, Outcome.GRANTED, "见附件")
    step(D(2026, 3, 9), requests.draft_reply, req, office.handler, Outcome.WITHHELD_PROCESS, "属于内部讨论稿")
    with pytest.raises(Refused, match="负责人签发"):
        step(D(2026, 3, 9), requests.sign_reply, req, office.handler)
    req = step(D(2026, 3, 10), requests.sign_reply, req, office.head)
    assert (req.answered_on, req.on_time) == (D(2026, 3, 10), True)
    assert req.reply_document.name.endswith(".docx")
    found = requests.find_for_applicant(req.query_code.lower(), password)
    assert found == req and requests.find_for_applicant(req.query_code, "WRONG") is None
    texts = [s.text for s in writer_timeline(req)]
    assert texts[0].startswith("申请已提交") and "已答复：不予公开：6.属于四类过程性信息" in texts[-1]


def test_an_answer_after_the_due_date_is_late(apply, office):
    req = apply(D(2026, 3, 2), channel=Channel.IN_PERSON)
    step(D(2026, 3, 31), requests.draft_reply, req, office.handler, Outcome.GRANTED, "见附件")
    req = step(D(2026, 3, 31), requests.sign_reply, req, office.head)
    assert req.on_time is False


def test_applicant_data_is_encrypted_at_rest(apply):
    req = apply(D(2026, 3, 2), name="王五", phone="13700001111")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone FROM disclosure_informationrequest WHERE id = %s", [req.pk])
        name, phone = cursor.fetchone()
    assert "王五" not in name and "13700001111" not in phone
    assert InformationRequest.objects.get(pk=req.pk).name == "王五"


def run_job(day, hour=9):
    from govsite.jobs.models import JobRun
    from govsite.jobs.runs import run_inline

    sent = len(mail.outbox)
    with clock_at(at(day, hour)):
        run = run_inline("disclosure.deadlines")
    assert run.status == JobRun.Status.SUCCEEDED, run.error
    return mail.outbox[sent:]


def test_near_due_reminds_the_handler_once_and_overdue_escalates_once(apply, office):
    req = apply(D(2026, 3, 2), channel=Channel.IN_PERSON)  # due Mon 3-30
    assert run_job(D(2026, 3, 24)) == []  # four working days left
    [reminder] = run_job(D(2026, 3, 25))
    assert reminder.to == ["ysq@ceshi.gov.cn"] and "2026-03-30" in reminder.body
    assert run_job(D(2026, 3, 26)) == []
    [escalation] = run_job(D(2026, 3, 31))
    assert set(escalation.to) == {"office@ceshi.gov.cn", "head@ceshi.gov.cn"} and "超过答复期限" in escalation.body
    assert run_job(D(2026, 4, 1)) == []
    actions = list(ModelLogEntry.objects.for_instance(req).values_list("action", flat=True))
    assert actions.count("govsite.disclosure.remind") == 1 and actions.count("govsite.disclosure.escalate") == 1
