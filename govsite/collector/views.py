"""信息采集 in the admin (G1, P8): sources, the "测试采集源" view that stores nothing, manual collection,
run history, collected items with the 12-hour countdown, and the dashboard panel."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from govsite.core.clock import now
from govsite.interaction.access import supervises, units_where
from govsite.jobs.runs import enqueue
from govsite.registry.models import SiteRecord
from govsite.review.roles import Role

from . import reposting
from .models import CollectedItem, CollectionRun, CollectionSource
from .runs import preview

CHANGE_SOURCE = "collector.change_collectionsource"
VIEW_ITEMS = "collector.view_collecteditem"


def test_source(request, pk: int):
    """What the source would collect now: titles, dates, addresses, excerpts, files; nothing is stored."""
    if not request.user.has_perm(CHANGE_SOURCE):
        raise PermissionDenied
    source = get_object_or_404(CollectionSource, pk=pk)
    return TemplateResponse(request, "collector/test_source.html", {"source": source, "preview": preview(source)})


def run_now(request, pk: int):
    """Manual collection (G1): the source is queued as a job, recorded in the audit log by the job runner."""
    if not request.user.has_perm(CHANGE_SOURCE) or request.method != "POST":
        raise PermissionDenied
    source = get_object_or_404(CollectionSource, pk=pk)
    enqueue("collector.run_source", args=[source.pk], user=request.user)
    messages.success(request, _("已开始采集“%(name)s”，结果见采集记录") % {"name": source.name})
    return redirect("collector_sources:edit", source.pk)


class SourceEditView(EditView):
    @property
    def header_more_buttons(self):
        return [*super().header_more_buttons,
                HeaderButton(_("测试采集源"), url=reverse("collector_sources:test", args=[self.object.pk]),
                             icon_name="search")]


class CollectionSourceViewSet(ModelViewSet):
    model = CollectionSource
    icon = "download"
    menu_label = gettext_lazy("采集源")
    edit_view_class = SourceEditView
    form_fields = [
        "name", "kind", "list_url", "link_selector", "next_page_selector", "max_pages", "title_selector",
        "date_selector", "body_selector", "attachment_selector", "expected_site_name", "expected_column_name",
        "target", "schedule", "mode", "submitter", "important", "keywords", "active",
    ]
    list_display = ["name", "kind", "target", "schedule", "mode", "important", "active", "last_run_at"]
    list_filter = ["kind", "mode", "important", "active"]
    search_fields = ["name", "list_url"]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/test/", test_source, name="test"),
                path("<int:pk>/run/", run_now, name="run")]


class CollectionRunViewSet(ModelViewSet):
    """Run history: counts, log and error of every run, read only."""

    model = CollectionRun
    icon = "history"
    menu_label = gettext_lazy("采集记录")
    form_fields = ["source"]
    list_display = ["source", "started_at", "found", "new", "skipped", "failed", "error"]
    list_filter = ["source"]
    inspect_view_enabled = True
    add_view_enabled = False
    edit_view_enabled = False
    delete_view_enabled = False


def items_for(user) -> QuerySet[CollectedItem]:
    """All items for the supervising office; for an editor, those collected into the editor's own sites."""
    items = CollectedItem.objects.select_related("source", "page")
    if supervises(user) or user.is_superuser:
        return items
    roots = [record.site.root_page for record in SiteRecord.objects.select_related("site__root_page").filter(
        pk__in=units_where(user, Role.EDITOR))]
    if not roots:
        return items.none()
    scope = Q()
    for root in roots:
        scope |= Q(source__target__path__startswith=root.path)
    return items.filter(scope)


def _rows(items, moment) -> list[dict]:
    return [{"item": item, "countdown": reposting.countdown(item.repost_due, moment) if item.repost_due else "",
             "overdue": reposting.is_overdue(item.repost_due, item.page.first_published_at if item.page else None,
                                             moment) if item.important else False}
            for item in items]


def items_index(request):
    """Collected items, newest first; ?important=1 the ones with a deadline, ?overdue=1 those past it (P8)."""
    if not request.user.has_perm(VIEW_ITEMS):
        raise PermissionDenied
    moment = now()
    items = items_for(request.user)
    if request.GET.get("overdue"):
        items = items.overdue(moment)
    elif request.GET.get("important"):
        items = items.waiting().order_by("repost_due")
    return TemplateResponse(request, "collector/items.html", {
        "rows": _rows(items[:200], moment), "overdue_filter": bool(request.GET.get("overdue")),
        "important_filter": bool(request.GET.get("important")),
    })


class PermittedMenuItem(MenuItem):
    """Shown only to those holding the permission the view behind it checks."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


class CollectedItemViewSet(ViewSet):
    name = "collector_items"
    url_prefix = "collector/items"
    icon = "doc-full"
    menu_label = gettext_lazy("采集的信息")

    def get_menu_item(self, order=None):
        return PermittedMenuItem(self.menu_label, reverse("collector_items:index"), name=self.name,
                                 icon_name=self.icon, order=order or 300, permission=VIEW_ITEMS)

    def get_urlpatterns(self):
        return [path("", items_index, name="index")]


def dashboard_rows(user) -> list[tuple[str, int, str]]:
    """The editor's countdowns and the office's overdue count (P8), each a link to the filtered list."""
    if not user.has_perm(VIEW_ITEMS):
        return []
    moment = now()
    items = items_for(user)
    index = reverse("collector_items:index")
    rows = [(_("待转载的重要信息（12小时内）"), items.waiting().count(), index + "?important=1"),
            (_("超过12小时未转载的重要信息"), items.overdue(moment).count(), index + "?overdue=1")]
    return [row for row in rows if row[1]]

