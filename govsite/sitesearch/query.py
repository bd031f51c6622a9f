"""The search the public endpoint runs (U1): scope, filters, ordering and one page of highlighted hits.

Only live pages outside any view restriction, of types that opted in (`fields.segmented`), under the root of
the requesting site or of every site the public can see. Archived pages are found and marked.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Phrase, PlainText

from govsite.registry.lifecycle_rules import SiteStatus

from . import ranking
from .fields import searchable_models, snippet_source
from .highlight import highlight
from .params import PAGE_SIZE, SearchParams

# Sites whose pages the public is served (筹建, 下线 and 已迁移 sites answer with a notice instead).
VISIBLE_STATUSES = (SiteStatus.RUNNING.value, SiteStatus.MIGRATING.value)
SNIPPET_LENGTH = 160
STEP = Page.steplen


@dataclass(frozen=True)
class Hit:
    """One result as the page shows it."""

    page: Page
    url: str
    title_html: SafeString
    snippet_html: SafeString
    type_label: str
    date: datetime.date | None
    trail: list[str]
    site_name: str
    archived: bool


@dataclass(frozen=True)
class Outcome:
    """One page of results and the total."""

    hits: list[Hit]
    paginator_page: PaginatorPage
    more_than_counted: bool = False  # the total stopped at ranking.COUNT_CAP: the page says "more than"


def type_choices() -> list[tuple[str, str]]:
    """(model label, Chinese name) of every searchable page type, for the type filter."""
    return sorted(
        ((model._meta.label_lower, str(model._meta.verbose_name)) for model in searchable_models()),
        key=lambda choice: choice[1],
    )


def visible_sites() -> list[Site]:
    """Every site whose pages the public sees, the whole platform's scope."""
    return list(Site.objects.filter(record__status__in=VISIBLE_STATUSES).select_related("root_page", "record"))


def base_queryset(sites: list[Site], params: SearchParams, column: Page | None = None, *, dates: bool = True):
    """Live, public pages of the chosen types under the sites (or the column), within the dates if `dates`."""
    models = [m for m in searchable_models() if not params.type_label or m._meta.label_lower == params.type_label]
    pages = Page.objects.live().exclude(_restricted()).filter(
        content_type__in=ContentType.objects.get_for_models(*models, for_concrete_models=False).values(),
    )
    pages = pages.filter(reduce(or_, (Q(path__startswith=site.root_page.path) for site in sites), Q(pk__in=[])))
    if column is not None:
        pages = pages.descendant_of(column)
    if dates and (params.date_from or params.date_to):
        # A search backend filters on indexed fields only: the dated pages go in as a subquery of ids.
        pages = pages.filter(pk__in=_within(Page.objects.annotate(search_date=_date_expression(models)), params)
                             .values("pk"))
    return pages


def _restricted() -> Q:
    """Pages under a view restriction (as `PageQuerySet.public()` excludes them, whose join of restrictions to
    pages SQLite may plan as a scan of every page): two small queries instead."""
    restricted = PageViewRestriction.objects.values_list("page_id", flat=True)
    paths = Page.objects.filter(pk__in=list(restricted)).values_list("path", flat=True)
    return reduce(or_, (Q(path__startswith=path) for path in paths), Q(pk__in=[]))


def search(sites: list[Site], params: SearchParams, column: Page | None = None, request=None) -> Outcome:
    """Run a valid request: relevance (BM25 of the index) or newest first, one page of PAGE_SIZE hits."""
    by_date = params.order == "date"
    date_expression = _date_expression(searchable_models())
    if ranking.is_available():
        pages = base_queryset(sites, params, column, dates=False).annotate(search_date=date_expression)
        types = ContentType.objects.get_for_models(*searchable_models(), for_concrete_models=False).values()
        results = ranking.RankedResults(_within(pages, params), params.units, [ct.pk for ct in types], by_date)
    else:
        pages = base_queryset(sites, params, column)
        if by_date and get_search_backend().query_compiler_class.HANDLES_ORDER_BY_EXPRESSIONS:
            pages = pages.annotate(search_date=date_expression).order_by(
                F("search_date").desc(nulls_last=True), "-id"
            )
        elif by_date:  # a search cluster sorts on indexed fields only
            pages = pages.order_by("-first_published_at", "-id")
        query = And([Phrase(u.phrase) if len(u.terms) > 1 else PlainText(u.phrase) for u in params.units])
        results = pages.search(query, order_by_relevance=not by_date)
    paginator_page = Paginator(results, PAGE_SIZE).get_page(params.page)
    capped = getattr(results, "capped", False)
    return Outcome(_hits(list(paginator_page), params.words, sites, request), paginator_page, capped)


def _date_expression(models: list[type]):
    """The date people see on each type (`search_date_field`), falling back to the first publication."""
    paths = [path for path in dict.fromkeys(_page_path(m, getattr(m, "search_date_field", "")) for m in models) if path]
    return Coalesce(*(F(path) for path in paths), F("first_published_at")) if paths else F("first_published_at")


def _page_path(model: type, name: str) -> str:
    """The lookup from Page to a subclass's field (contentpage__published_at), or '' if it has none."""
    if not name:
        return ""
    owner = model._meta.get_field(name).model
    chain = [parent for parent in reversed(owner._meta.get_parent_list()) if parent is not Page]
    return "__".join([m._meta.model_name for m in [*chain, owner]] + [name])


def _within(pages, params: SearchParams):
    """Pages (annotated with `search_date`) whose shown date falls within the request's days, local time."""
    if params.date_from:
        pages = pages.filter(search_date__gte=_day_start(params.date_from))
    if params.date_to:
        pages = pages.filter(search_date__lt=_day_start(params.date_to + datetime.timedelta(days=1)))
    return pages


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _hits(pages: list[Page], words: list[str], sites: list[Site], request) -> list[Hit]:
    """Specific pages with highlights, column trail (one query for every hit's ancestors) and site name."""
    specific = Page.objects.filter(pk__in=[p.pk for p in pages]).specific().in_bulk()
    ancestor_paths = {p.path[:n] for p in pages for n in range(3 * STEP, len(p.path), STEP)}
    titles = dict(Page.objects.filter(path__in=ancestor_paths).values_list("path", "title"))
    site_names = {site.root_page.path: site.record.name for site in sites if hasattr(site, "record")}
    hits = []
    for hit in pages:
        page = specific[hit.pk]
        date = getattr(page, getattr(page, "search_date_field", ""), None) or page.first_published_at
        hits.append(Hit(
            page=page,
            url=page.get_url(request) or "",
            title_html=mark_safe(highlight(page.title, words, max_length=200)),  # noqa: S308 (escaped)
            snippet_html=mark_safe(highlight(snippet_source(page), words, SNIPPET_LENGTH)),  # noqa: S308
            type_label=str(page._meta.verbose_name),
            date=timezone.localtime(date).date() if date else None,
            trail=[titles[path] for path in sorted(ancestor_paths) if page.path.startswith(path) and path in titles],
            site_name=next((name for root, name in site_names.items() if page.path.startswith(root)), ""),
            archived=bool(getattr(page, "archived_at", None)),
        ))
    return hits
