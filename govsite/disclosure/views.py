"""Public pages of 依申请公开 (I9): what it is, the online application, and following it to the reply."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from govsite.core.public import record_for, render_public
from govsite.formguard.bodysize import limit_body_size
from govsite.formguard.ratelimit import rate_limit
from govsite.interaction.forms import FollowForm
from govsite.interaction.listing import writer_timeline
from govsite.interaction.views import MAX_BODY_BYTES, posted_data

from . import replies, requests, rules
from .forms import ApplicationForm, ReplyDownloadForm
from .models import InformationRequest, office_of

FEATURE = "disclosure_requests"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WRONG_CODE = _lazy("查询码或密码不正确")  # the same answer for an unknown code and a wrong password
# Following and downloading share one count, so neither is a way round the other's limit on guessing.
lookup_limit = rate_limit("disclosure_lookup")


def index(request: HttpRequest) -> HttpResponse:
    """依申请公开: what may be asked, where the unit's office is, and the statutory time limits."""
    record = record_for(request)
    return render_public(request, "disclosure/index.html", {
        "dynamic_title": _("依申请公开"),
        "office": office_of(record) if record else None,
        "reply_days": rules.REPLY_DAYS, "extension_days": rules.MAX_EXTENSION_DAYS,
        "correction_days": rules.CORRECTION_NOTICE_DAYS, "third_party_days": rules.THIRD_PARTY_DAYS,
    }, feature=FEATURE)


@never_cache
@limit_body_size(MAX_BODY_BYTES)
@rate_limit("disclosure_requests")
def apply(request: HttpRequest) -> HttpResponse:
    """在线申请: on success the applicant is shown the number, the query code and the password, once."""
    record = record_for(request)
    if record is None:
        raise Http404
    form = ApplicationForm(posted_data(request), request=request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        req, password = requests.submit(record, applicant=form.to_applicant(), description=data["description"],
                                        purpose=data["purpose"], delivery=data["delivery"])
        return render_public(request, "disclosure/applied.html", {
            "dynamic_title": _("申请已提交"), "req": req, "password": password,
            "receipt_event": rules.RECEIPT_EVENT[rules.Channel.ONLINE],
        }, feature=FEATURE)
    return render_public(request, "disclosure/apply.html", {"dynamic_title": _("在线申请"), "form": form},
                         feature=FEATURE, status=400 if form.errors else 200)


@never_cache
@limit_body_size(MAX_BODY_BYTES)
@lookup_limit
def follow(request: HttpRequest) -> HttpResponse:
    """申请查询: status, timeline and, once signed, the reply, for whoever has the code and password."""
    form = FollowForm(posted_data(request), request=request)
    if request.method != "POST" or not form.is_valid():
        return _follow_page(request, form)
    req = _found(form)
    if req is None:
        return _follow_page(request, form, WRONG_CODE)
    return _status_page(request, req, form.cleaned_data["password"])


@never_cache
@require_POST
@limit_body_size(MAX_BODY_BYTES)
@lookup_limit
def download(request: HttpRequest) -> HttpResponse:
    """下载答复书: the signed 答复书 as a Word file, for whoever has the code and password."""
    req = _found(ReplyDownloadForm(request.POST))
    if req is None or req.status != InformationRequest.Status.ANSWERED:
        return _follow_page(request, FollowForm(request=request), _("答复书尚未签发") if req else WRONG_CODE)
    response = HttpResponse(_reply_document(req), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, _("%(number)s-答复书.docx") % {
        "number": req.number})
    return response


def _found(form: FollowForm | ReplyDownloadForm) -> InformationRequest | None:
    """The application whose code and password the form carries, or None."""
    if not form.is_valid():
        return None
    return requests.find_for_applicant(form.cleaned_data["query_code"], form.cleaned_data["password"])


def _follow_page(request: HttpRequest, form: FollowForm, error: str = "") -> HttpResponse:
    """The query form, with `error` when a lookup failed (400, and nothing of any application shown)."""
    if error:  # also on the blank form a failed download leads to, which add_error does not take
        form.errors[NON_FIELD_ERRORS] = form.error_class([error], error_class="nonfield")
    return render_public(request, "disclosure/follow.html", {"dynamic_title": _("申请查询"), "form": form},
                         feature=FEATURE, status=400 if form.errors else 200)


def _status_page(request: HttpRequest, req: InformationRequest, password: str) -> HttpResponse:
    """The applicant's view: dates, status, the public steps, and the reply only once the head signed it."""
    answered = req.status == InformationRequest.Status.ANSWERED
    return render_public(request, "disclosure/request_status.html", {
        "dynamic_title": _("申请办理情况"), "req": req, "timeline": writer_timeline(req),
        "reply": replies.reply_text(req) if answered else "",
        "download": ReplyDownloadForm(initial={"query_code": req.query_code, "password": password}),
    }, feature=FEATURE)


def _reply_document(req: InformationRequest) -> bytes:
    """The 答复书 stored when it was signed; written again when the file is missing."""
    document = req.reply_document
    if document and document.storage.exists(document.name):
        with document.open("rb") as file:
            return file.read()
    return replies.reply_docx(req)
