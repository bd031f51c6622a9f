"""What happens to a letter (I1-I5): receipt, sorting, dispatch, return, reply and its approval, extension.

Every step checks who may take it and in which state, runs in one transaction, and is written to the
letter's log (Wagtail's log, mirrored into the hash-chained audit log). A step the writer should see
carries `public_text`: the writer's timeline is read from the same log (one record serves both).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from govsite.core.clock import now
from govsite.core.errors import Refused
from govsite.workdays.service import CALENDAR

from . import access, rules
from .models import Extension, KnowledgeEntry, Letter, LetterSettings, Reply, WorkOrder
from .rules import LetterKind, WithholdReason


@dataclass(frozen=True)
class Writer:
    """Who wrote: stored encrypted and shown only to those handling the letter (X7)."""

    name: str
    phone: str
    id_number: str = ""
    address: str = ""
    email: str = ""


def password_key() -> bytes:
    """The key of letter passwords' digests: derived from the deployment's secret key."""
    return ("govsite.interaction.letter-password:" + settings.SECRET_KEY).encode()


def profile_of(site) -> rules.DeadlineProfile:
    """The deadline profile the receiving site chose (I3); the default profile if none."""
    chosen = LetterSettings.objects.filter(record=site).values_list("profile", flat=True).first()
    return rules.PROFILES.get(chosen or "", rules.DEFAULT_PROFILE)


def _record(letter: Letter, action: str, user=None, public_text: str = "", **data) -> None:
    """One entry in the letter's log; `public_text` is what the writer's timeline shows."""
    if public_text:
        data["public_text"] = public_text
    log(letter, action, user=user, data=data, timestamp=now())


def _set_clock(letter: Letter, clock: rules.Clock, user, reason: str) -> None:
    """Move the due date and record the change (I3: every change to a clock is in the audit log)."""
    old, old_years = letter.due_on, letter.due_uncertain_years
    letter.due_on, letter.due_uncertain_years = clock.due, list(clock.uncovered_years)
    if old != clock.due or old_years != letter.due_uncertain_years or letter.pk is None:
        letter._clock_change = {"old_due": old.isoformat() if old else None, "new_due": clock.due.isoformat(),
                                "reason": reason, "uncovered_years": list(clock.uncovered_years)}


def _log_clock(letter: Letter, user) -> None:
    change = getattr(letter, "_clock_change", None)
    if change:
        _record(letter, "govsite.letter.clock", user, **change)
        del letter._clock_change


def _fresh_clock(letter: Letter, profile: rules.DeadlineProfile) -> rules.Clock:
    days = profile.reply_days(letter.letter_kind, letter.simple)
    return rules.reply_due(CALENDAR, letter.received_on, days)


def _clock_of(letter: Letter) -> rules.Clock:
    """The clock of a stored letter counted again: its limit from receipt plus an approved extension."""
    clock = _fresh_clock(letter, profile_of(letter.site))
    approved = letter.extensions.filter(status=Extension.Status.APPROVED).first()
    return rules.extended_due(CALENDAR, clock.due, approved.days) if approved else clock


@transaction.atomic
def receive(site, *, kind: LetterKind, channel: rules.Channel, title: str, content: str, writer: Writer,
            wants_public: bool, check_summary: str = "") -> tuple[Letter, str]:
    """Store a new letter with its clock; returns it and the password the writer is shown once (I1)."""
    moment = now()
    password = rules.new_password()
    letter = Letter(
        site=site, kind=kind, channel=channel, title=title, content=content,
        writer_name=writer.name, writer_phone=writer.phone, writer_id_number=writer.id_number,
        writer_address=writer.address, writer_email=writer.email, wants_public=wants_public,
        received_at=moment, received_on=timezone.localdate(moment), check_summary=check_summary[:300],
    )
    if not wants_public:
        letter.publicity, letter.withhold_reason = Letter.Publicity.WITHHELD, WithholdReason.WRITER_REFUSED
    _set_clock(letter, _fresh_clock(letter, profile_of(site)), None, _("受理"))
    save_with_query_code(letter, password, password_key())
    _record(letter, "govsite.letter.receive", None, _("已收到来信，等待分拣"), due_on=letter.due_on.isoformat())
    _log_clock(letter, None)
    return letter, password


def save_with_query_code(instance, password: str, key: bytes) -> None:
    """Save a new letter or application under a fresh random query code, drawing again on a collision."""
    for _attempt in range(5):
        instance.query_code = rules.new_query_code()
        instance.password_digest = rules.password_digest(key, instance.query_code, password)
        try:
            with transaction.atomic():
                instance.save()
            return
        except IntegrityError:  # a query code drawn twice: draw again
            continue
    raise Refused(_("系统繁忙，请稍后再试"))


def find_for_writer(query_code: str, password: str) -> Letter | None:
    """The letter the writer asks about, only with the right password (I1)."""
    letter = Letter.objects.filter(query_code=rules.normalise_code(query_code)).first()
    if letter and rules.password_matches(password_key(), letter.query_code, password, letter.password_digest):
        return letter
    return None


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise Refused(message)


def _locked(letter: Letter) -> Letter:
    """The letter re-read under a row lock, so two people acting at once cannot both succeed."""
    return Letter.objects.select_for_update().get(pk=letter.pk)


@transaction.atomic
def sort(letter: Letter, user, *, kind: LetterKind, simple: bool) -> Letter:
    """The hotline centre corrects the kind and marks simple questions; the clock follows (I2, I3)."""
    _require(access.is_hotline(user), _("只有热线中心可以分拣信件"))
    letter = _locked(letter)
    _require(letter.is_open, _("信件已办结，不能再分拣"))
    changed = letter.kind != kind or letter.simple != simple
    letter.kind, letter.simple = kind, simple
    if changed:
        _set_clock(letter, _clock_of(letter), user, _("分拣后按类别重新计算"))
    letter.save()
    _record(letter, "govsite.letter.sort", user, kind=kind, simple=simple)
    _log_clock(letter, user)
    return letter


@transaction.atomic
def dispatch(letter: Letter, user, unit, instruction: str = "") -> WorkOrder:
    """Send the letter to a unit as a work order; a previous open order is closed as reassigned (I2)."""
    _require(access.is_hotline(user), _("只有热线中心可以转办信件"))
    letter = _locked(letter)
    _require(letter.status in (Letter.Status.RECEIVED, Letter.Status.RETURNED, Letter.Status.DISPATCHED),
             _("信件当前状态“%(s)s”不能转办") % {"s": letter.get_status_display()})
    moment = now()
    previous = letter.orders.filter(status=WorkOrder.Status.OPEN).first()
    if previous:
        _require(previous.unit_id != unit.pk, _("信件已在该单位办理"))
        previous.status, previous.closed_by, previous.closed_at = WorkOrder.Status.REASSIGNED, user, moment
        previous.save(update_fields=["status", "closed_by", "closed_at"])
    order = WorkOrder.objects.create(letter=letter, unit=unit, instruction=instruction, dispatched_by=user,
                                     dispatched_at=moment)
    letter.status, letter.unit = Letter.Status.DISPATCHED, unit
    letter.save(update_fields=["status", "unit"])
    action = "govsite.letter.reassign" if previous else "govsite.letter.dispatch"
    _record(letter, action, user, _("已转%(unit)s办理") % {"unit": unit.sponsor}, unit=unit.name,
            previous_unit=previous.unit.name if previous else None, instruction=instruction)
    return order


@transaction.atomic
def return_order(letter: Letter, user, reason: str) -> WorkOrder:
    """A unit returns a misrouted order to the hotline centre, with its reason (I2)."""
    letter = _locked(letter)
    _require(access.handles(user, letter), _("只有承办单位的信件办理人员可以退回"))
    _require(letter.status == Letter.Status.DISPATCHED, _("只有办理中的信件可以退回"))
    _require(bool(reason.strip()), _("退回须说明理由"))
    order = letter.orders.get(status=WorkOrder.Status.OPEN)
    order.status, order.return_reason = WorkOrder.Status.RETURNED, reason.strip()
    order.closed_by, order.closed_at = user, now()
    order.save(update_fields=["status", "return_reason", "closed_by", "closed_at"])
    letter.status, letter.unit = Letter.Status.RETURNED, None
    letter.save(update_fields=["status", "unit"])
    _record(letter, "govsite.letter.return", user, unit=order.unit.name, reason=order.return_reason)
    return order


@transaction.atomic
def submit_reply(letter: Letter, user, body: str) -> Reply:
    """The unit's handler drafts the reply and sends it to the unit's leader (I4)."""
    letter = _locked(letter)
    _require(access.handles(user, letter), _("只有承办单位的信件办理人员可以答复"))
    _require(letter.status == Letter.Status.DISPATCHED, _("信件当前状态“%(s)s”不能提交答复") % {
        "s": letter.get_status_display()})
    _require(len(body.strip()) >= 10, _("答复内容过短，请完整答复来信人的问题"))
    order = letter.orders.get(status=WorkOrder.Status.OPEN)
    reply = Reply.objects.create(letter=letter, order=order, body=body.strip(), drafted_by=user)
    letter.status = Letter.Status.REVIEWING
    letter.save(update_fields=["status"])
    _record(letter, "govsite.letter.reply_submit", user, reply=reply.pk)
    return reply


def _pending_reply(letter: Letter) -> Reply:
    reply = letter.replies.filter(status=Reply.Status.SUBMITTED).order_by("-submitted_at").first()
    _require(reply is not None, _("没有待审核的答复"))
    return reply


@transaction.atomic
def approve_reply(letter: Letter, user) -> Reply:
    """The unit's leader approves: the reply goes out, the clock stops, the knowledge base grows (I4-I6)."""
    letter = _locked(letter)
    _require(access.approves(user, letter), _("只有承办单位的答复审核人员可以审核答复"))
    _require(letter.status == Letter.Status.REVIEWING, _("信件没有待审核的答复"))
    reply = _pending_reply(letter)
    _require(reply.drafted_by_id != user.pk, _("不能审核自己起草的答复（I4）"))
    moment = now()
    reply.status, reply.decided_by, reply.decided_at = Reply.Status.APPROVED, user, moment
    reply.save(update_fields=["status", "decided_by", "decided_at"])
    reply.order.status, reply.order.closed_by, reply.order.closed_at = WorkOrder.Status.ANSWERED, user, moment
    reply.order.save(update_fields=["status", "closed_by", "closed_at"])
    answered_on = timezone.localdate(moment)
    letter.status, letter.answered_at = Letter.Status.ANSWERED, moment
    letter.working_days = rules.working_days_taken(CALENDAR, letter.received_on, answered_on)
    letter.on_time = answered_on <= letter.due_on
    letter.save(update_fields=["status", "answered_at", "working_days", "on_time"])
    _record(letter, "govsite.letter.reply_approve", user, _("%(unit)s已答复") % {"unit": letter.unit.sponsor},
            reply=reply.pk, on_time=letter.on_time, working_days=letter.working_days)
    learn_from(letter, reply)
    return reply


@transaction.atomic
def reject_reply(letter: Letter, user, reason: str) -> Reply:
    """The leader sends the draft back with a reason; the handler revises it (I4)."""
    letter = _locked(letter)
    _require(access.approves(user, letter), _("只有承办单位的答复审核人员可以审核答复"))
    _require(letter.status == Letter.Status.REVIEWING, _("信件没有待审核的答复"))
    _require(bool(reason.strip()), _("退回修改须说明理由"))
    reply = _pending_reply(letter)
    _require(reply.drafted_by_id != user.pk, _("不能审核自己起草的答复（I4）"))
    reply.status, reply.decided_by, reply.decided_at = Reply.Status.REJECTED, user, now()
    reply.rejection_reason = reason.strip()
    reply.save(update_fields=["status", "decided_by", "decided_at", "rejection_reason"])
    letter.status = Letter.Status.DISPATCHED
    letter.save(update_fields=["status"])
    _record(letter, "govsite.letter.reply_reject", user, reply=reply.pk, reason=reply.rejection_reason)
    return reply


@transaction.atomic
def request_extension(letter: Letter, user, days: int, reason: str) -> Extension:
    """The unit asks once for more time, at most the original limit, with a reason (I3)."""
    letter = _locked(letter)
    _require(access.handles(user, letter), _("只有承办单位的信件办理人员可以申请延期"))
    _require(letter.status == Letter.Status.DISPATCHED, _("只有办理中的信件可以申请延期"))
    _require(bool(reason.strip()), _("申请延期须说明理由"))
    _require(not letter.extensions.filter(status=Extension.Status.PENDING).exists(), _("已有待审批的延期申请"))
    refusal = profile_of(letter.site).extension_refusal(letter.letter_kind, letter.simple, letter.extended, days)
    _require(refusal is None, refusal or "")
    extension = Extension.objects.create(letter=letter, days=days, reason=reason.strip(), requested_by=user)
    _record(letter, "govsite.letter.extension_request", user, days=days, reason=extension.reason)
    return extension


@transaction.atomic
def decide_extension(extension: Extension, user, approve: bool, note: str = "") -> Extension:
    """The hotline centre grants or refuses; a grant moves the due date and tells the writer (I3)."""
    _require(access.is_hotline(user), _("只有热线中心可以审批延期"))
    letter = _locked(extension.letter)
    extension = Extension.objects.select_for_update().get(pk=extension.pk)
    _require(extension.status == Extension.Status.PENDING, _("该延期申请已审批"))
    _require(letter.is_open, _("信件已办结"))
    if approve:
        refusal = profile_of(letter.site).extension_refusal(
            letter.letter_kind, letter.simple, letter.extended, extension.days)
        _require(refusal is None, refusal or "")
        extension.old_due = letter.due_on
        _set_clock(letter, rules.extended_due(CALENDAR, letter.due_on, extension.days), user, _("批准延期"))
        extension.new_due, letter.extended = letter.due_on, True
        letter.save(update_fields=["due_on", "due_uncertain_years", "extended"])
    extension.status = Extension.Status.APPROVED if approve else Extension.Status.REFUSED
    extension.decided_by, extension.decided_at, extension.decision_note = user, now(), note.strip()
    extension.save()
    public = _("办理时限延长至 %(due)s") % {"due": letter.due_on.isoformat()} if approve else ""
    _record(letter, "govsite.letter.extension_decide", user, public, approved=approve, days=extension.days,
            note=extension.decision_note)
    _log_clock(letter, user)
    return extension


@transaction.atomic
def decide_publicity(letter: Letter, user, public: bool, reason: WithholdReason | None = None) -> Letter:
    """The hotline centre decides whether the letter and its reply are listed (I5, 004 §21)."""
    _require(access.is_hotline(user), _("只有热线中心可以决定信件是否公开"))
    letter = _locked(letter)
    if public:
        _require(letter.wants_public, _("来信人不同意公开，不能公开"))
        letter.publicity, letter.withhold_reason = Letter.Publicity.PUBLIC, ""
    else:
        _require(reason is not None, _("不公开须选择理由"))
        letter.publicity, letter.withhold_reason = Letter.Publicity.WITHHELD, reason
    letter.save(update_fields=["publicity", "withhold_reason"])
    _record(letter, "govsite.letter.publicity", user, public=public, reason=letter.withhold_reason)
    if letter.status == Letter.Status.ANSWERED:
        reply = letter.approved_reply()
        if reply:
            learn_from(letter, reply)
    return letter


@transaction.atomic
def decline(letter: Letter, user, reason: str) -> Letter:
    """Not accepted (abuse, advertising, nothing to handle): the writer sees why."""
    _require(access.is_hotline(user), _("只有热线中心可以决定不予受理"))
    letter = _locked(letter)
    _require(letter.status in (Letter.Status.RECEIVED, Letter.Status.RETURNED), _("只有待分拣的信件可以不予受理"))
    _require(bool(reason.strip()), _("不予受理须说明理由"))
    letter.status, letter.decline_reason = Letter.Status.DECLINED, reason.strip()
    letter.save(update_fields=["status", "decline_reason"])
    _record(letter, "govsite.letter.decline", user, _("不予受理：%(r)s") % {"r": letter.decline_reason})
    return letter


def learn_from(letter: Letter, reply: Reply) -> KnowledgeEntry | None:
    """An approved reply to a public letter becomes a knowledge-base entry (I6); privacy stays out."""
    if letter.publicity != Letter.Publicity.PUBLIC:
        KnowledgeEntry.objects.filter(source_letter=letter).delete()
        return None
    from .listing import masked

    entry, _created = KnowledgeEntry.objects.update_or_create(
        source_letter=letter,
        defaults={"question": masked(letter.title)[:300], "answer": masked(reply.body), "kind": letter.kind,
                  "unit": letter.unit, "reviewed_at": reply.decided_at or now()},
    )
    return entry


def recompute_clocks(years: list[int]) -> int:
    """Open letters counted over a year whose calendar changed are counted again (I3): a year entered
    gives the real due date, a corrected holiday moves it, a year reopened makes it provisional again."""
    if not years:
        return 0
    changed = 0
    letters = Letter.objects.open().filter(received_on__year__lte=max(years), due_on__year__gte=min(years))
    for letter in letters:
        if not any(letter.received_on.year <= year <= letter.due_on.year for year in years):
            continue
        with transaction.atomic():
            letter = _locked(letter)
            _set_clock(letter, _clock_of(letter), None, _("工作日历变更后重新计算"))
            letter.save(update_fields=["due_on", "due_uncertain_years"])
            _log_clock(letter, None)
            changed += 1
    return changed


def due_for(received: date, days: int) -> rules.Clock:
    """A due date on the platform's calendar, for other kinds of request (error reports)."""
    return rules.reply_due(CALENDAR, received, days)
