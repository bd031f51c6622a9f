"""The data interface (G2; 003 §32, 001 §13(4)): a unit's system pulls its own items as paginated JSON and
pushes items into its own site's review. Token-authenticated; every answer, including refusals, is JSON."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from functools import wraps

from django.core.paginator import EmptyPage, Paginator
from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from govsite.collector.cleaning import clean_body
from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage
from govsite.review.workflow import create_draft

from . import events, shape, tokens
from .models import ApiClient, LibraryRecord

PAGE_SIZE = 50


class Refusal(Exception):
    """An API call refused with a status and a Chinese message; nothing has been written."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


def _client(request: HttpRequest) -> ApiClient:
    """The active system whose token the request carries, its last use stamped; else a 401 refusal."""
    token = tokens.from_authorization(request.headers.get("Authorization", ""))
    if token is None:
        raise Refusal(401, _("缺少接口令牌，请在 Authorization 头中以 Bearer 方式提供"))
    client = ApiClient.objects.select_related("record__site", "submitter").filter(
        token_digest=tokens.digest(token), active=True).first()
    if client is None:
        raise Refusal(401, _("接口令牌无效或已停用"))
    ApiClient.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
    return client


def token_required(view: Callable) -> Callable:
    """Authenticate by token and turn every Refusal into its JSON answer."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        try:
            return view(request, _client(request), *args, **kwargs)
        except Refusal as refusal:
            response = _error(refusal.status, refusal.message)
            if refusal.status == 401:
                response["WWW-Authenticate"] = 'Bearer realm="govsite-library"'
            return response

    return wrapped


def _bodies(records: list[LibraryRecord]) -> dict[int, str]:
    """The body HTML of each record's page, read from the page itself: the library keeps no copy."""
    pages = Page.objects.filter(pk__in=[r.page_id for r in records]).specific()
    return {page.pk: expand_db_html(getattr(page, "body", "") or "") for page in pages}


def _item(record: LibraryRecord, body: str) -> dict:
    return {**record.document, "title": record.title, "body": body}


def _own_records(client: ApiClient):
    if not client.can_read:
        raise Refusal(403, _("该系统未获读取权限"))
    return LibraryRecord.objects.filter(record=client.record)


def _since(value: str) -> datetime | None:
    try:
        moment = shape.parse_since(value)
    except shape.SubmissionError as error:
        raise Refusal(400, str(error)) from None
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


def list_items(request: HttpRequest, client: ApiClient) -> JsonResponse:
    """The client's own items changed since `since`, in a column if asked, oldest change first, 50 a page."""
    records = _own_records(client).order_by("updated_at", "pk")
    since = _since(request.GET.get("since", ""))
    if since is not None:
        records = records.filter(updated_at__gte=since)
    column = request.GET.get("column", "")
    if column:
        if not column.isdigit():
            raise Refusal(400, _("column 参数应为栏目编号"))
        records = records.filter(column_id=int(column))
    try:
        number = shape.parse_page_number(request.GET.get("page", ""))
        page = Paginator(records, PAGE_SIZE).page(number)
    except shape.SubmissionError as error:
        raise Refusal(400, str(error)) from None
    except EmptyPage:
        raise Refusal(404, _("没有这一页")) from None
    rows = list(page.object_list)
    bodies = _bodies(rows)
    next_url = None
    if page.has_next():
        query = request.GET.copy()
        query["page"] = str(page.next_page_number())
        next_url = request.build_absolute_uri(f"{reverse('library_api:items')}?{query.urlencode()}")
    return JsonResponse({"count": page.paginator.count, "page": number, "next": next_url,
                         "results": [_item(r, bodies.get(r.page_id, "")) for r in rows]},
                        json_dumps_params={"ensure_ascii": False})


def _column(client: ApiClient, key: int | str) -> ColumnPage:
    """The target column by id or by path below the site's home page; another site's column is refused."""
    if isinstance(key, int) or key.isdigit():
        column = ColumnPage.objects.filter(pk=int(key)).first()
    else:
        root = client.record.site.root_page
        column = ColumnPage.objects.filter(url_path=f"{root.url_path}{key.strip('/')}/").first()
    if column is None:
        raise Refusal(400, _("栏目不存在：%(column)s") % {"column": key})
    if not column.is_descendant_of(client.record.site.root_page):
        raise Refusal(403, _("只能向本单位网站的栏目报送信息"))
    return column


def submit_item(request: HttpRequest, client: ApiClient) -> JsonResponse:
    """Create a draft article under the client's column and submit it for review (G2); 201 with its id."""
    if not client.can_write or client.submitter is None:
        raise Refusal(403, _("该系统未获写入权限"))
    try:
        submission = shape.parse_submission(request.body)
    except shape.SubmissionError as error:
        raise Refusal(400, str(error)) from None
    column = _column(client, submission.column)
    page = ArticlePage(title=submission.title, body=clean_body(submission.body, client.record.site.root_url),
                       source=submission.source or client.record.sponsor, live=False)
    if submission.date:
        page.published_at = timezone.make_aware(datetime.combine(submission.date, time(9)))
    with transaction.atomic():
        submitted = create_draft(column, page, client.submitter)
        events.record_write(events.ITEM_SUBMIT, client, request, obj=page, column=column.pk, submitted=submitted)
    status = "in_review" if submitted else "draft"
    return JsonResponse({"id": page.pk, "status": status, "title": page.title}, status=201,
                        json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@require_http_methods(["GET", "POST"])
@token_required
def items(request: HttpRequest, client: ApiClient) -> JsonResponse:
    if request.method == "GET":
        return list_items(request, client)
    try:
        return submit_item(request, client)
    except Refusal as refusal:
        events.record_write(events.WRITE_REFUSED, client, request, status=refusal.status, reason=refusal.message)
        raise


@require_GET
@token_required
def item(request: HttpRequest, client: ApiClient, page_id: int) -> JsonResponse:
    """One of the client's own items; another unit's item is not found (404), not forbidden."""
    found = _own_records(client).filter(page_id=page_id).first()
    if found is None:
        raise Refusal(404, _("没有这条信息"))
    return JsonResponse(_item(found, _bodies([found]).get(found.page_id, "")),
                        json_dumps_params={"ensure_ascii": False})
