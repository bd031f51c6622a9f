"""Public pages of surveys and solicitations (I7), interviews (I8) and suggestions and proposals (I11).

Everything is scoped to the site of the request's host; only what is published there is shown.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.core.public import feature_column, record_for, render_public, site_for
from govsite.formguard.bodysize import limit_body_size
from govsite.formguard.ratelimit import rate_limit

from . import features
from .forms import InterviewQuestionForm, form_for_survey
from .models import Interview, InterviewQuestion, Proposal, Survey
from .rules import CATEGORY_LABELS, ProposalKind, session_key

PAGE_SIZE = 20
# The largest form a person can fill in: every field at its length limit, percent-encoded, with room to spare.
MAX_BODY_BYTES = 1024 * 1024
# Each kind's column feature (also its listing's URL name) and its detail page's URL name.
PROPOSAL_PAGES = {
    ProposalKind.NPC: ("npc_suggestions", "participation:npc_suggestion"),
    ProposalKind.CPPCC: ("cppcc_proposals", "participation:cppcc_proposal"),
}


def _record(request, feature: str = ""):
    """The request's site; a landing page whose function has nothing published answers 404 (C5)."""
    record = record_for(request)
    if record is None or (feature and not features.has_content(feature, record.site)):
        raise Http404(_("没有这个网站") if record is None else _("暂无内容"))
    return record


def _landing_title(request, feature: str, title: str) -> str | None:
    """A landing page's own title only where no column stands for it; else the column is the page (breadcrumb)."""
    return None if feature_column(site_for(request), feature) else title


def surveys(request):
    """征集调查: running ones first, then upcoming, then finished ones with their results (I7)."""
    record = _record(request, "surveys")
    today = timezone.localdate()
    items = Survey.objects.live().filter(record=record).select_related("record")
    closed = Paginator(items.filter(ends_on__lt=today).order_by("-ends_on", "-pk"), PAGE_SIZE)
    return render_public(request, "participation/surveys.html", {
        "dynamic_title": _landing_title(request, "surveys", _("征集调查")),
        "running": items.filter(starts_on__lte=today, ends_on__gte=today).order_by("ends_on", "pk"),
        "upcoming": items.filter(starts_on__gt=today).order_by("starts_on", "pk"),
        "closed": closed.get_page(request.GET.get("page")),
    }, feature="surveys")


@limit_body_size(MAX_BODY_BYTES)
@rate_limit("surveys")
def survey(request, pk: int):
    """One survey or solicitation: the text, the form while it runs, the results once published."""
    item = get_object_or_404(Survey.objects.live().select_related("record"), pk=pk, record=_record(request))
    refusal = item.refusal()
    status = 200
    form = None
    if request.method == "POST":
        if refusal:
            status = 403
        else:
            form = form_for_survey(item, data=request.POST, request=request)
            if form.is_valid():
                form.save()
                return redirect("participation:survey_done", pk=item.pk)
            status = 400
    elif refusal is None:
        form = form_for_survey(item, request=request)
    return render_public(request, "participation/survey.html", {
        "dynamic_title": item.title,
        "survey": item,
        "form": form,
        "refusal": refusal,
        "attachments": [a for a in item.attachments.select_related("document") if a.document_id],
        "results": item.question_results() if item.results_published and not item.is_solicitation else None,
        "submission_count": item.submissions.count() if item.results_published else None,
    }, feature="surveys", status=status)


def survey_done(request, pk: int):
    item = get_object_or_404(Survey.objects.live(), pk=pk, record=_record(request))
    return render_public(request, "participation/survey_done.html", {
        "dynamic_title": _("提交成功"), "survey": item,
    }, feature="surveys")


def interviews(request):
    """在线访谈: announced and running interviews first, then past ones (I8)."""
    record = _record(request, "interviews")
    now = timezone.now()
    items = Interview.objects.live().filter(record=record).prefetch_related("guests")
    past = Paginator(items.filter(ends_at__lte=now).order_by("-starts_at", "-pk"), PAGE_SIZE)
    return render_public(request, "participation/interviews.html", {
        "dynamic_title": _landing_title(request, "interviews", _("在线访谈")),
        "current": items.filter(ends_at__gt=now).order_by("starts_at", "pk"),
        "past": past.get_page(request.GET.get("page")),
    }, feature="interviews")


@limit_body_size(MAX_BODY_BYTES)
@rate_limit("interview_questions")
def interview(request, pk: int):
    """One interview: guests and time, the approved questions and answers, the transcript once published."""
    item = get_object_or_404(Interview.objects.live(), pk=pk, record=_record(request))
    refusal = item.refusal()
    status = 200
    form = None
    if request.method == "POST":
        if refusal:
            status = 403
        else:
            form = InterviewQuestionForm(request.POST, request=request)
            if form.is_valid():
                InterviewQuestion.objects.create(interview=item, **form.cleaned_question())
                return redirect("participation:interview_asked", pk=item.pk)
            status = 400
    elif refusal is None:
        form = InterviewQuestionForm(request=request)
    return render_public(request, "participation/interview.html", {
        "dynamic_title": item.title,
        "interview": item,
        "guests": list(item.guests.all()),
        "questions": item.questions.shown(),
        "images": list(item.images.select_related("image")) if item.transcript_published else [],
        "form": form,
        "refusal": refusal,
    }, feature="interviews", status=status)


def interview_asked(request, pk: int):
    item = get_object_or_404(Interview.objects.live(), pk=pk, record=_record(request))
    return render_public(request, "participation/interview_asked.html", {
        "dynamic_title": _("提问已提交"), "interview": item,
    }, feature="interviews")


def proposals(request, kind: ProposalKind):
    """人大代表建议 / 政协提案: handling results, filtered by session and by handling unit (I11)."""
    record = _record(request, PROPOSAL_PAGES[kind][0])
    items = Proposal.objects.published().filter(record=record, kind=kind)
    sessions = sorted(set(items.values_list("session", flat=True)), key=session_key, reverse=True)
    units = sorted(
        set(items.values_list("lead_unit", flat=True))
        | {unit for proposal in items.only("co_units") for unit in proposal.co_unit_list()}
    )
    session, unit = request.GET.get("session", ""), request.GET.get("unit", "")
    if session in sessions:
        items = items.filter(session=session)
    if unit in units:
        items = items.handled_by(unit)
    newest_first = Case(*(When(session=s, then=Value(rank)) for rank, s in enumerate(sessions)), default=Value(0))
    page = Paginator(items.order_by(newest_first, "number"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render_public(request, "participation/proposals.html", {
        "dynamic_title": _landing_title(request, PROPOSAL_PAGES[kind][0], _(kind.label)),
        "heading": _(kind.label),
        "kind": kind,
        "sessions": sessions,
        "units": units,
        "session": session if session in sessions else "",
        "unit": unit if unit in units else "",
        "page_obj": page,
        "categories": CATEGORY_LABELS,
        "detail_url": PROPOSAL_PAGES[kind][1],
    }, feature=PROPOSAL_PAGES[kind][0])


def proposal(request, pk: int, kind: ProposalKind):
    item = get_object_or_404(Proposal.objects.published(), pk=pk, kind=kind, record=_record(request))
    return render_public(request, "participation/proposal.html", {
        "dynamic_title": item.title, "proposal": item, "kind": kind,
        "list_url": f"participation:{PROPOSAL_PAGES[kind][0]}",
    }, feature=PROPOSAL_PAGES[kind][0])
