"""Publishing results and transcripts, moderating questions, and flagging overdue results (I7, I8).

Each step is an explicit action of a person (or the scheduler), recorded in the audit log.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from govsite.review.roles import Role

from .models import Interview, InterviewQuestion, Survey

PUBLISH_RESULTS = "govsite.participation.publish_results"
RESULTS_OVERDUE = "govsite.participation.results_overdue"
PUBLISH_TRANSCRIPT = "govsite.participation.publish_transcript"
APPROVE_QUESTION = "govsite.participation.approve_question"
REJECT_QUESTION = "govsite.participation.reject_question"
ANSWER_QUESTION = "govsite.participation.answer_question"

ACTION_LABELS = {
    PUBLISH_RESULTS: "公布征集调查结果和采纳情况",
    RESULTS_OVERDUE: "征集调查结果超期未公布（督办）",
    PUBLISH_TRANSCRIPT: "公布在线访谈实录",
    APPROVE_QUESTION: "采用网民提问",
    REJECT_QUESTION: "不予采用网民提问",
    ANSWER_QUESTION: "答复网民提问",
}


@transaction.atomic
def publish_results(survey: Survey, user) -> Survey:
    """I7: the results (and for a solicitation the adoption of opinions) go public, dated today."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    refusal = survey.results_refusal()
    if refusal:
        raise ValidationError(refusal)
    if survey.results_published:
        raise ValidationError(_("结果已于 %(t)s 公布") % {"t": f"{timezone.localtime(survey.results_published_at):%Y-%m-%d}"})
    survey.results_published_at = timezone.now()
    survey.results_published_by = user
    survey.save(update_fields=["results_published_at", "results_published_by"])
    log(survey, PUBLISH_RESULTS, user=user, data={
        "due": f"{survey.results_due_on:%Y-%m-%d}", "late": survey.results_overdue(),
        "submissions": survey.submissions.count(),
    })
    return survey


@transaction.atomic
def publish_transcript(interview: Interview, user) -> Interview:
    """I8: the transcript of the interview goes public."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    refusal = interview.transcript_refusal()
    if refusal:
        raise ValidationError(refusal)
    if interview.transcript_published:
        raise ValidationError(_("实录已公布"))
    interview.transcript_published_at = timezone.now()
    interview.transcript_published_by = user
    interview.save(update_fields=["transcript_published_at", "transcript_published_by"])
    log(interview, PUBLISH_TRANSCRIPT, user=user)
    return interview


def moderate(question: InterviewQuestion, approve: bool, user) -> InterviewQuestion:
    """Approve a question to show it publicly, or reject it so it is never shown (I8)."""
    question.status = InterviewQuestion.Status.APPROVED if approve else InterviewQuestion.Status.REJECTED
    question.moderated_by, question.moderated_at = user, timezone.now()
    with transaction.atomic():
        question.save(update_fields=["status", "moderated_by", "moderated_at"])
        log(question, APPROVE_QUESTION if approve else REJECT_QUESTION, user=user)
    return question


def answer(question: InterviewQuestion, text: str, answered_by: str, user) -> InterviewQuestion:
    """A guest's answer, entered by staff; shown with the question once it is approved."""
    question.answer, question.answered_by = text.strip(), answered_by.strip()
    question.answered_at = timezone.now() if question.answer else None
    with transaction.atomic():
        question.save(update_fields=["answer", "answered_by", "answered_at"])
        log(question, ANSWER_QUESTION, user=user)
    return question


def _editor_emails(record) -> list[str]:
    """The addresses of the site's editors: the unit that owes the results."""
    users = get_user_model().objects.filter(
        is_active=True, groups__role__role=Role.EDITOR, groups__role__record=record
    ).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def flag_overdue_results(today=None) -> list[Survey]:
    """Flag once every survey past its results deadline (I7, 004 §22), tell the unit's editors, log it."""
    today = today or timezone.localdate()
    flagged = []
    with transaction.atomic():
        overdue = Survey.objects.results_overdue(today).filter(results_overdue_at__isnull=True).select_related("record")
        for survey in overdue.select_for_update(of=("self",)):
            survey.results_overdue_at = timezone.now()
            survey.save(update_fields=["results_overdue_at"])
            log(survey, RESULTS_OVERDUE, data={"ends_on": f"{survey.ends_on:%Y-%m-%d}",
                                               "due": f"{survey.results_due_on:%Y-%m-%d}"})
            flagged.append(survey)
    for survey in flagged:
        message = _(
            "%(site)s：“%(title)s”已于 %(end)s 结束，调查结果应在 %(due)s 前公布（结束后1个月内，004 第二十二条），"
            "目前仍未公布，请尽快在后台“征集调查”中公布结果和采纳情况。"
        ) % {"site": survey.record.name, "title": survey.title, "end": f"{survey.ends_on:%Y-%m-%d}",
             "due": f"{survey.results_due_on:%Y-%m-%d}"}
        send_mail(_("【超期提醒】征集调查结果未按时公布"), message, None, _editor_emails(survey.record),
                  fail_silently=True)
    return flagged
