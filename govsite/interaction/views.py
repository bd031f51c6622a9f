"""Public pages of letters (I1, I5, I6) and error reports (I10), served by the public app."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from govsite.core.public import record_for, render_public, site_for
from govsite.formguard.bodysize import limit_body_size
from govsite.formguard.ratelimit import rate_limit
from govsite.textcheck.site_config import config_for_site

from . import errors, handling, knowledge, listing
from .forms import ErrorReportForm, FollowForm, LetterForm
from .rules import KIND_LABELS, Channel, LetterKind

FEATURE = "letters"
PAGE_SIZE = 20
# The longest letter, every field at its limit and percent-encoded (9 bytes a Chinese character), is
# about 31 KB: room to spare for any honest form of these pages.
MAX_BODY_BYTES = 128 * 1024
# The statistics go back to the platform's first letters; other years would only be empty tables.
FIRST_YEAR = 2000


def posted_data(request):
    """The POST data of a submission, even an empty one (so it is refused, not shown as a fresh form)."""
    return request.POST if request.method == "POST" else None


def index(request):
    """政民互动: how to write, follow, and what has been answered."""
    return render_public(request, "interaction/index.html", {
        "dynamic_title": _("咨询投诉"),
        "kinds": [(k.value, v) for k, v in KIND_LABELS.items()],
        "latest": listing.for_public(listing.listed_letters()[:10]),
    }, feature=FEATURE)


@never_cache
@limit_body_size(MAX_BODY_BYTES)
@rate_limit("letters")
def write(request):
    """写信 (I1): on success the writer is shown the query code and the password, once."""
    record = record_for(request)
    if record is None:
        raise Http404
    initial = {"kind": request.GET.get("kind") or LetterKind.CONSULTATION,
               "channel": Channel.LEADER if request.GET.get("channel") == Channel.LEADER else Channel.MAILBOX}
    form = LetterForm(posted_data(request), request=request, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        letter, password = handling.receive(
            record, kind=form.letter_kind, channel=Channel(data["channel"]), title=data["title"],
            content=data["content"], wants_public=data["wants_public"],
            writer=handling.Writer(data["name"], data["phone"], data["id_number"], data["address"], data["email"]),
            check_summary=listing.check_summary(f"{data['title']}\n{data['content']}", config_for_site(record)),
        )
        return render_public(request, "interaction/written.html", {
            "dynamic_title": _("来信已提交"), "letter": letter, "password": password,
        }, feature=FEATURE)
    return render_public(request, "interaction/write.html", {"dynamic_title": _("我要写信"), "form": form},
                         feature=FEATURE, status=400 if form.errors else 200)


@never_cache
@limit_body_size(MAX_BODY_BYTES)
@rate_limit("letter_lookup")
def follow(request):
    """查询 (I1): status, timeline and reply of one letter, for whoever has its code and password."""
    form = FollowForm(posted_data(request), request=request)
    if request.method == "POST" and form.is_valid():
        letter = handling.find_for_writer(form.cleaned_data["query_code"], form.cleaned_data["password"])
        if letter is not None:
            return render_public(request, "interaction/letter_status.html", {
                "dynamic_title": _("信件办理情况"), "letter": letter,
                "timeline": listing.writer_timeline(letter), "reply": letter.approved_reply(),
            }, feature=FEATURE)
        form.add_error(None, _("查询码或密码不正确"))
    return render_public(request, "interaction/follow.html", {"dynamic_title": _("信件查询"), "form": form},
                         feature=FEATURE, status=400 if form.errors else 200)


def letters(request):
    """Answered letters decided public (I5): received date, reply date, replying unit and the reply."""
    letters = listing.listed_letters()
    kind = request.GET.get("kind", "")
    if kind in KIND_LABELS:
        letters = letters.filter(kind=kind)
    else:
        kind = ""  # the pagination links repeat it
    page = Paginator(letters, PAGE_SIZE).get_page(request.GET.get("page"))
    return render_public(request, "interaction/letters.html", {
        "dynamic_title": _("信件公开"), "page_obj": page, "letters": listing.for_public(page), "kind": kind,
        "kinds": [(k.value, v) for k, v in KIND_LABELS.items()],
    }, feature=FEATURE)


def letter_detail(request, pk: int):
    """One listed letter and its reply, personal data masked (I5); a withheld letter is not found."""
    letter = get_object_or_404(listing.listed_letters(), pk=pk)
    [letter] = listing.for_public([letter])
    reply = letter.approved_reply()
    return render_public(request, "interaction/letter_detail.html", {
        "dynamic_title": letter.public_title, "letter": letter, "content": listing.masked(letter.content),
        "reply": listing.masked(reply.body) if reply else "",
    }, feature=FEATURE)


def statistics(request):
    """Each unit's letters received, answered, answered on time and average working days (I5)."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        year = this_year
    if not FIRST_YEAR <= year <= this_year:
        year = this_year
    return render_public(request, "interaction/statistics.html", {
        "dynamic_title": _("办理情况统计"), "year": year, "rows": listing.unit_statistics(year),
        "years": range(this_year, max(FIRST_YEAR, this_year - 5) - 1, -1),
    }, feature=FEATURE)


def knowledge_search(request):
    """知识库: answers to common questions, found by meaning as well as by words (I6)."""
    query = request.GET.get("q", "")[:200]
    return render_public(request, "interaction/knowledge.html", {
        "dynamic_title": _("常见问题知识库"), "query": query,
        "entries": knowledge.similar(query, limit=10) if query.strip() else [],
    }, feature=FEATURE)


@require_GET
def similar_questions(request):
    """JSON suggestions while a citizen types a question (I6, 003 §28)."""
    query = request.GET.get("q", "")[:200]
    entries = knowledge.similar(query, limit=3) if len(query.strip()) >= 4 else []
    return JsonResponse({"results": [
        {"question": e.question, "answer": e.answer[:300], "unit": e.unit.sponsor if e.unit else ""}
        for e in entries
    ]})


@never_cache
@limit_body_size(MAX_BODY_BYTES)
@rate_limit("error_reports")
def report_error(request):
    """我为政府网站找错 (I10): from every page's footer; the address comes prefilled."""
    site = site_for(request)
    form = ErrorReportForm(posted_data(request), request=request,
                           initial={"url": request.GET.get("url", "")[:500]})
    if request.method == "POST" and form.is_valid():
        report = errors.report_error(site, contact=form.cleaned_data["contact"], **{
            k: form.cleaned_data[k] for k in ("url", "problem", "description")})
        return render_public(request, "interaction/error_reported.html", {
            "dynamic_title": _("纠错已提交"), "report": report})
    return render_public(request, "interaction/error_report.html", {
        "dynamic_title": _("我为政府网站找错"), "form": form}, status=400 if form.errors else 200)

