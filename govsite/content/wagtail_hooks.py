"""Archiving pages and topics from the page header (S7), by the portal office."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from govsite.columns.models import can_change_structure

from .models import ContentPage


@require_POST
def toggle_archive(request, page_id: int):
    if not can_change_structure(request.user):
        raise PermissionDenied
    page = get_object_or_404(ContentPage, pk=page_id)
    page.set_archived(page.archived_at is None, user=request.user)
    messages.success(request, _("已归档：%(t)s") % {"t": page.title} if page.archived_at else
                     _("已取消归档：%(t)s") % {"t": page.title})
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("register_admin_urls")
def archive_urls():
    return [path("content/archive/<int:page_id>/", toggle_archive, name="content_toggle_archive")]


@hooks.register("register_page_header_buttons")
def archive_button(page, user, view_name, next_url=None):
    specific = page.specific
    if isinstance(specific, ContentPage) and can_change_structure(user):
        label = _("取消归档") if specific.archived_at else _("归档（S7）")
        yield Button(label, reverse("content_toggle_archive", args=[page.pk]), priority=96,
                     attrs={"data-controller": "w-action", "data-action": "w-action#post"})


@hooks.register("register_log_actions")
def register_archive_actions(actions):
    @actions.register_action("govsite.archive")
    class Archive(LogFormatter):
        label = _("归档")

    @actions.register_action("govsite.unarchive")
    class Unarchive(LogFormatter):
        label = _("取消归档")
