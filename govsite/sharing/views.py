"""Admin views for push and co-building (P9): the 信息推送 page of an item, the 共建栏目报送 page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from govsite.content.models import ContentPage
from govsite.formguard.refusal import Refused
from govsite.participation.access import supervises
from govsite.registry.models import SiteRecord
from govsite.review.models import RoleGroup

from .cobuild import columns_for, contribute
from .forms import ContributionForm, PushForm
from .models import CoBuiltColumn, PushedItem
from .push import check_push, push, push_targets


def push_view(request: HttpRequest, page_id: int) -> HttpResponse:
    """Choose the receiving columns of a published item and push it."""
    origin = get_object_or_404(ContentPage, pk=page_id).specific
    try:
        check_push(origin, request.user)
    except Refused as refusal:
        raise PermissionDenied(refusal.message) from refusal
    form = PushForm(request.POST if request.method == "POST" else None, columns=push_targets(origin))
    if request.method == "POST" and form.is_valid():
        try:
            items = push(origin, list(form.cleaned_data["targets"]), request.user)
        except Refused as refusal:
            form.add_error("targets", refusal.message)
        else:
            messages.success(request, _("已推送到 %(n)d 个栏目，待接收网站审核后发布") % {"n": len(items)})
            return redirect("wagtailadmin_explore", origin.get_parent().pk)
    return TemplateResponse(request, "sharing/push.html", {"page": origin, "form": form,
                                                           "sent": origin.pushes.select_related("target")})


def contribute_view(request: HttpRequest) -> HttpResponse:
    """Submit an item into a co-built column the user's unit is named in."""
    form = ContributionForm(request.POST if request.method == "POST" else None, columns=CoBuiltColumn.objects.select_related("column"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            page = contribute(data["co_built"], request.user, data["title"], data["body"])
        except Refused as refusal:
            form.add_error("co_built", refusal.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(title)s”已报送，待栏目所在网站审核后发布") % {"title": page.title})
            return redirect("sharing_contribute")
    return TemplateResponse(request, "sharing/contribute.html",
                            {"form": form, "mine": columns_for(request.user)})


def pushes_for(user) -> QuerySet[PushedItem]:
    """Pushes sent or received by the sites where the user edits or reviews; all for the portal office."""
    items = PushedItem.objects.select_related("origin", "target", "copy", "pushed_by")
    if supervises(user):
        return items
    sites = RoleGroup.objects.filter(group__user=user, record__isnull=False).values("record")
    roots = [r.site.root_page for r in SiteRecord.objects.filter(pk__in=sites).select_related("site")]
    scope = Q(pk__in=[])
    for root in roots:
        scope |= Q(origin__path__startswith=root.path) | Q(target__path__startswith=root.path)
    return items.filter(scope)
