"""Column structure in the admin: a unit editor cannot add, move or delete columns directly (C2)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter

from .models import ColumnChangeRequest, ColumnPage, can_change_structure
from .views import ColumnChangeRequestCreateView, ColumnChangeRequestForm, decide


def _refuse(request, kind: str, **params):
    messages.error(request, _("栏目结构调整须由门户网站主管部门审批（C2），已为您打开栏目调整申请。"))
    query = "&".join(f"{k}={v}" for k, v in {"kind": kind, **params}.items())
    return redirect(f"{reverse('column_requests:add')}?{query}")


@hooks.register("before_create_page")
def guard_column_creation(request, parent_page, page_class):
    if issubclass(page_class, ColumnPage) and not can_change_structure(request.user):
        return _refuse(request, "add", parent=parent_page.pk)
    return None


@hooks.register("before_delete_page")
def guard_column_deletion(request, page):
    if isinstance(page.specific, ColumnPage) and not can_change_structure(request.user):
        return _refuse(request, "delete", column=page.pk)
    return None


@hooks.register("before_move_page")
def guard_column_move(request, page, destination):
    if isinstance(page.specific, ColumnPage) and not can_change_structure(request.user):
        return _refuse(request, "move", column=page.pk)
    return None


class ColumnChangeRequestViewSet(ModelViewSet):
    model = ColumnChangeRequest
    name = "column_requests"
    icon = "list-ul"
    menu_label = _("栏目调整申请")
    menu_order = 160
    add_to_admin_menu = True
    form_class = ColumnChangeRequestForm
    add_view_class = ColumnChangeRequestCreateView
    list_display = ["__str__", "status", "requested_by", "requested_at", "decided_by", "decided_at"]
    list_filter = ["status", "kind"]
    inspect_view_enabled = True
    edit_view_enabled = False

    def get_form_class(self, for_update=False):
        return ColumnChangeRequestForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", lambda r, pk: decide(r, pk, True), name="approve"),
            path("reject/<int:pk>/", lambda r, pk: decide(r, pk, False), name="reject"),
        ]


@hooks.register("register_admin_viewset")
def register_column_requests():
    return ColumnChangeRequestViewSet()


@hooks.register("register_log_actions")
def register_column_request_actions(actions):
    @actions.register_action("govsite.column_request.approve")
    class Approve(LogFormatter):
        label = _("批准栏目调整")

    @actions.register_action("govsite.column_request.reject")
    class Reject(LogFormatter):
        label = _("驳回栏目调整")
