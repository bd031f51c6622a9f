"""What happens to an application for government information (I9; 条例 Art. 30-33).

Every step checks who may take it and in which state, runs in one transaction, recounts the clock from
the stored facts with the pure rules, and is written to the application's log (mirrored into the audit
log). A step the applicant should see carries `public_text`: the applicant's timeline reads the same log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from govsite.core.clock import now
from govsite.core.errors import Refused
from govsite.interaction import rules as codes
from govsite.interaction.handling import save_with_query_code
from govsite.workdays.service import CALENDAR

from . import access, rules
from .models import Consultation, InformationRequest, RequestExtension
from .rules import ApplicantType, Channel, Outcome

Status = InformationRequest.Status


@dataclass(frozen=True)
class Applicant:
    """Who applies: stored encrypted and shown only to the office handling the application (X7)."""

    type: ApplicantType
    name: str
    phone: str
    id_number: str = ""
    legal_representative: str = ""
    contact_person: str = ""
    email: str = ""
    address: str = ""


def password_key() -> bytes:
    """The key of applicants' password digests, derived from the deployment's secret key."""
    return ("govsite.disclosure.request-password:" + settings.SECRET_KEY).encode()


def _record(req: InformationRequest, action: str, user=None, public_text: str = "", **data) -> None:
    """One entry in the application's log; `public_text` is what the applicant's timeline shows."""
    if public_text:
        data["public_text"] = public_text
    log(req, action, user=user, data=data, timestamp=now())


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise Refused(message)


def _locked(req: InformationRequest) -> InformationRequest:
    return InformationRequest.objects.select_for_update().get(pk=req.pk)


def _today() -> date:
    return timezone.localdate(now())


def clock_of(req: InformationRequest, today: date | None = None) -> rules.RequestClock | None:
    """The application's clock counted again from what is stored; None before it is received."""
    if req.received_on is None:
        return None
    consultations = tuple(rules.Consultation(c.sent_on, c.answered_on) for c in req.consultations.all())
    try:
        return rules.request_clock(
            CALENDAR, req.received_on, correction_requested_on=req.correction_requested_on,
            corrected_on=req.corrected_on, consultations=consultations, extension_days=req.extension_days,
            today=today or _today(),
        )
    except ValueError as error:
        raise Refused(str(error)) from None


def _refresh_clock(req: InformationRequest, user, reason: str) -> None:
    """Store the recounted clock; a moved due date is logged with its reason (every change audited)."""
    clock = clock_of(req)
    if clock is None:
        return
    old = req.due_on
    req.due_on, req.paused_days = clock.due, clock.paused_days
    req.correction_notice_due = clock.correction_notice_due
    req.due_uncertain_years = list(clock.uncovered_years)
    req.save()
    if old != req.due_on:
        _record(req, "govsite.disclosure.clock", user, old_due=old.isoformat() if old else None,
                new_due=req.due_on.isoformat() if req.due_on else None, reason=reason,
                uncovered_years=list(clock.uncovered_years))


@transaction.atomic
def submit(record, *, applicant: Applicant, description: str, purpose: str = "",
           delivery: str = InformationRequest.Delivery.ONLINE, channel: Channel = Channel.ONLINE,
           received_on: date | None = None, user=None) -> tuple[InformationRequest, str]:
    """Store a new application; returns it and the password the applicant is shown once.

    An online application waits for the office to confirm it (Art. 31: received the day both sides
    confirm); one the office registers from paper, post or fax is received on the date it gives.
    """
    password = codes.new_password()
    req = InformationRequest(
        record=record, applicant_type=applicant.type, name=applicant.name, phone=applicant.phone,
        id_number=applicant.id_number, legal_representative=applicant.legal_representative,
        contact_person=applicant.contact_person, email=applicant.email, address=applicant.address,
        description=description, purpose=purpose, delivery=delivery, channel=channel, submitted_at=now(),
    )
    save_with_query_code(req, password, password_key())
    _record(req, "govsite.disclosure.submit", user, _("申请已提交，等待受理机关确认收到"), channel=channel.value)
    if channel is not Channel.ONLINE:
        _receive(req, user, received_on or _today())
    return req, password


def find_for_applicant(query_code: str, password: str) -> InformationRequest | None:
    """The application the applicant asks about, only with the right password (I9)."""
    req = InformationRequest.objects.filter(query_code=codes.normalise_code(query_code)).first()
    if req and codes.password_matches(password_key(), req.query_code, password, req.password_digest):
        return req
    return None


def _receive(req: InformationRequest, user, office_date: date) -> None:
    try:
        req.received_on = rules.receipt_date(rules.Channel(req.channel), timezone.localdate(req.submitted_at),
                                             office_date)
    except ValueError as error:
        raise Refused(str(error)) from None
    req.status = Status.PROCESSING
    _refresh_clock(req, user, _("收到申请"))
    _record(req, "govsite.disclosure.receive", user,
            _("受理机关已确认收到申请（收到日期 %(date)s），应于 %(due)s 前答复") % {
                "date": req.received_on.isoformat(), "due": req.due_on.isoformat()},
            received_on=req.received_on.isoformat())


@transaction.atomic
def confirm_receipt(req: InformationRequest, user, received_on: date) -> InformationRequest:
    """The office confirms an online application: that day is its receipt date (Art. 31)."""
    req = _locked(req)
    _require(access.handles(user, req), _("只有受理机关的依申请公开办理人员可以确认收到申请"))
    _require(req.status == Status.SUBMITTED, _("该申请已确认收到"))
    _require(received_on <= _today(), _("收到日期不能晚于今天"))
    _receive(req, user, received_on)
    return req


@transaction.atomic
def request_correction(req: InformationRequest, user, items: str, deadline: date) -> InformationRequest:
    """One notice to correct an unclear application; the clock stops until the correction (Art. 30)."""
    req = _locked(req)
    _require(access.handles(user, req), _("只有承办人员可以发出补正通知"))
    _require(req.status == Status.PROCESSING and req.correction_requested_on is None,
             _("补正通知只能在办理中发出，且只能一次性告知（第三十条）"))
    _require(bool(items.strip()), _("请说明需要补正的事项"))
    today = _today()
    _require(deadline > today, _("补正期限应晚于今天"))
    req.correction_requested_on, req.correction_items, req.correction_deadline = today, items, deadline
    req.status, req.due_on = Status.CORRECTION, None
    late = rules.correction_notice_late(CALENDAR, req.received_on, today)
    req.save()
    _record(req, "govsite.disclosure.correction", user,
            _("请于 %(deadline)s 前补正申请：%(items)s。答复期限自收到补正后的申请之日起计算") % {
                "deadline": deadline.isoformat(), "items": items},
            deadline=deadline.isoformat(), late=late)
    _notify_applicant(req, _("【政府信息公开申请】请补正申请"), items)
    return req


@transaction.atomic
def record_correction(req: InformationRequest, user, corrected_on: date, description: str = "") -> InformationRequest:
    """The corrected application arrived: the 20 working days start again from that day (Art. 30)."""
    req = _locked(req)
    _require(access.handles(user, req), _("只有承办人员可以登记补正"))
    _require(req.status == Status.CORRECTION, _("该申请没有待补正的通知"))
    _require(req.correction_requested_on <= corrected_on <= _today(),
             _("收到补正的日期应在补正通知之后、今天之前"))
    req.corrected_on, req.status = corrected_on, Status.PROCESSING
    if description.strip():
        req.description = description
    _refresh_clock(req, user, _("收到补正后的申请"))
    _record(req, "govsite.disclosure.corrected", user,
            _("已收到补正后的申请，应于 %(due)s 前答复") % {"due": req.due_on.isoformat()},
            corrected_on=corrected_on.isoformat())
    return req


@transaction.atomic
def start_consultation(req: InformationRequest, user, party: str, sent_on: date) -> Consultation:
    """Ask a third party's opinion (Art. 32); the days until it answers do not count (Art. 33)."""
    req = _locked(req)
    _require(access.handles(user, req), _("只有承办人员可以征求第三方意见"))
    _require(req.status in (Status.PROCESSING, Status.CONSULTING), _("只有办理中的申请可以征求意见"))
    _require(req.received_on <= sent_on <= _today(), _("征求意见的日期应在收到申请之后、今天之前"))
    consultation = Consultation.objects.create(request=req, party=party, sent_on=sent_on)
    req.status = Status.CONSULTING
    _refresh_clock(req, user, _("征求第三方意见"))
    _record(req, "govsite.disclosure.consult", user,
            _("正在征求第三方意见，所需时间不计入答复期限（第三十二、三十三条）"), party=party,
            sent_on=sent_on.isoformat())
    return consultation


@transaction.atomic
def end_consultation(consultation: Consultation, user, answered_on: date, opinion: str = "") -> Consultation:
    """The opinion arrived (or the 15 working days ran out): the clock runs again."""
    req = _locked(consultation.request)
    _require(access.handles(user, req), _("只有承办人员可以登记第三方意见"))
    _require(consultation.answered_on is None, _("该征求意见已登记结果"))
    _require(consultation.sent_on <= answered_on <= _today(), _("收到意见的日期应在发出之后、今天之前"))
    consultation.answered_on, consultation.opinion = answered_on, opinion
    consultation.save()
    if not req.consultations.filter(answered_on__isnull=True).exists():
        req.status = Status.PROCESSING
    _refresh_clock(req, user, _("第三方意见已收到"))
    _record(req, "govsite.disclosure.consulted", user,
            _("征求意见结束，应于 %(due)s 前答复") % {"due": req.due_on.isoformat()},
            answered_on=answered_on.isoformat())
    return consultation


@transaction.atomic
def request_extension(req: InformationRequest, user, days: int, reason: str) -> RequestExtension:
    """Ask the office's head to extend the clock once, by at most 20 working days (Art. 33)."""
    req = _locked(req)
    _require(access.handles(user, req), _("只有承办人员可以申请延期"))
    _require(req.status in (Status.PROCESSING, Status.CONSULTING), _("只有办理中的申请可以延期"))
    _require(not req.extensions.filter(status=RequestExtension.Status.PENDING).exists(), _("已有待批准的延期申请"))
    refusal = rules.extension_refusal(days, req.extensions.filter(status=RequestExtension.Status.APPROVED).exists())
    _require(refusal is None, _(refusal or ""))
    _require(bool(reason.strip()), _("请说明延期理由"))
    extension = RequestExtension.objects.create(request=req, days=days, reason=reason, requested_by=user,
                                                requested_at=now())
    _record(req, "govsite.disclosure.extension_request", user, days=days, reason=reason)
    return extension


@transaction.atomic
def decide_extension(extension: RequestExtension, user, approve: bool) -> RequestExtension:
    """The head approves or refuses; an approved extension moves the due date and tells the applicant."""
    req = _locked(extension.request)
    _require(access.approves(user, req), _("延期须经政府信息公开工作机构负责人同意（第三十三条）"))
    _require(extension.status == RequestExtension.Status.PENDING, _("该延期申请已处理"))
    _require(extension.requested_by_id != user.pk, _("申请延期的人员不能自己批准延期"))
    extension.status = RequestExtension.Status.APPROVED if approve else RequestExtension.Status.REFUSED
    extension.decided_by, extension.decided_at = user, now()
    extension.save()
    if not approve:
        _record(req, "govsite.disclosure.extension_refused", user, days=extension.days)
        return extension
    req.extension_days = extension.days
    _refresh_clock(req, user, _("延长答复期限"))
    text = _("经政府信息公开工作机构负责人同意，答复期限延长 %(days)s 个工作日，至 %(due)s（第三十三条）") % {
        "days": extension.days, "due": req.due_on.isoformat()}
    _record(req, "govsite.disclosure.extension_approved", user, text, days=extension.days)
    _notify_applicant(req, _("【政府信息公开申请】延长答复期限告知"), text)
    return extension


@transaction.atomic
def draft_reply(req: InformationRequest, user, outcome: Outcome, text: str) -> InformationRequest:
    """The handler records the result and the reply's wording; the head signs it before it goes out."""
    req = _locked(req)
    _require(access.handles(user, req), _("只有承办人员可以起草答复"))
    _require(req.status in (Status.PROCESSING, Status.CONSULTING, Status.SIGNING, Status.CORRECTION),
             _("该申请当前不能起草答复"))
    if req.status == Status.CORRECTION:
        _require(outcome is Outcome.OTHER_NOT_CORRECTED and req.correction_deadline < _today(),
                 _("待补正的申请只能在补正期限届满后，按“逾期不补正”办结"))
    _require(not req.consultations.filter(answered_on__isnull=True).exists(),
             _("请先登记第三方意见（第三方逾期未提出意见的，登记期满日期）"))
    _require(bool(text.strip()), _("请填写答复书正文"))
    req.outcome, req.reply_text, req.status = outcome.value, text, Status.SIGNING
    req.save()
    _record(req, "govsite.disclosure.draft", user, outcome=outcome.value)
    return req


@transaction.atomic
def sign_reply(req: InformationRequest, user) -> InformationRequest:
    """The head signs: the 答复书 is generated, stored and sent; the request is answered (Art. 33)."""
    from .replies import reply_docx

    req = _locked(req)
    _require(access.approves(user, req), _("答复书须由政府信息公开工作机构负责人签发"))
    _require(req.status == Status.SIGNING, _("没有待签发的答复"))
    req.answered_on = _today()
    req.on_time = req.due_on is None or req.answered_on <= req.due_on
    req.status = Status.ANSWERED
    req.reply_document.save(f"{req.number}-答复书.docx", ContentFile(reply_docx(req)), save=False)
    req.save()
    _record(req, "govsite.disclosure.answer", user,
            _("已答复：%(outcome)s。答复书可在本页查看和下载") % {"outcome": req.result.full_label},
            outcome=req.outcome, on_time=req.on_time)
    _notify_applicant(req, _("【政府信息公开申请】答复书"), req.reply_text)
    return req


@transaction.atomic
def return_draft(req: InformationRequest, user, reason: str) -> InformationRequest:
    """The head sends a draft back to the handler with a reason."""
    req = _locked(req)
    _require(access.approves(user, req), _("只有信息公开工作机构负责人可以退回答复"))
    _require(req.status == Status.SIGNING, _("没有待签发的答复"))
    _require(bool(reason.strip()), _("请填写退回理由"))
    req.status = Status.CONSULTING if req.consultations.filter(answered_on__isnull=True).exists() \
        else Status.PROCESSING
    req.save()
    _record(req, "govsite.disclosure.return", user, reason=reason)
    return req


def _notify_applicant(req: InformationRequest, subject: str, text: str) -> None:
    """E-mail the applicant when an address was given; the online timeline shows the same step."""
    if req.email:
        body = _("%(text)s\n\n申请编号：%(number)s。您可以凭查询码和密码在网站上查看办理进度。") % {
            "text": text, "number": req.number}
        send_mail(subject, body, None, [req.email], fail_silently=True)


def recompute_clocks(years: list[int]) -> int:
    """Running requests counted over a year whose calendar changed are counted again."""
    if not years:
        return 0
    changed = 0
    for req in InformationRequest.objects.running().filter(received_on__year__lte=max(years)):
        with transaction.atomic():
            _refresh_clock(_locked(req), None, _("工作日历变更后重新计算"))
            changed += 1
    return changed
