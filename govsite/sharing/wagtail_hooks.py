"""Push and co-building in the admin (P9): the 信息推送 button, the lists and the co-built column settings."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from govsite.content.models import ContentPage

from .cobuild import columns_for
from .events import ACTION_LABELS
from .models import CoBuiltColumn, PushedItem
from .views import contribute_view, push_view, pushes_for


@hooks.register("register_log_actions")
def register_sharing_actions(actions):
    for action, label in ACTION_LABELS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def sharing_urls():
    return [
        path("sharing/push/<int:page_id>/", push_view, name="sharing_push"),
        path("sharing/contribute/", contribute_view, name="sharing_contribute"),
    ]


@hooks.register("register_page_header_buttons")
def push_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, ContentPage) and page.live and page.permissions_for_user(user).can_edit():
        yield Button(_("信息推送"), reverse("sharing_push", args=[page.pk]), priority=80)


class ContributeMenuItem(MenuItem):
    """Shown only to people whose unit is named in some co-built column."""

    def is_shown(self, request) -> bool:
        return columns_for(request.user).exists()


@hooks.register("register_admin_menu_item")
def contribute_menu_item():
    return ContributeMenuItem(_("共建栏目报送"), reverse("sharing_contribute"), icon_name="doc-full", order=165)


class PushIndexView(IndexView):
    def get_base_queryset(self):
        return pushes_for(self.request.user)


class PushedItemViewSet(ModelViewSet):
    """Pushes sent and received, with the receiving site's review status; written only by pushing."""

    model = PushedItem
    icon = "redirect"
    menu_label = _("信息推送")
    menu_order = 160
    add_to_admin_menu = True
    list_display = ["origin", "target", "copy", "status", "pushed_by", "pushed_at"]
    list_filter = ["status"]
    form_fields = ["status"]
    index_view_class = PushIndexView


class CoBuiltColumnViewSet(ModelViewSet):
    model = CoBuiltColumn
    icon = "group"
    menu_label = _("共建栏目")
    menu_order = 166
    add_to_admin_menu = True
    form_fields = ["column", "units", "note"]
    list_display = ["column", "note"]


@hooks.register("register_admin_viewset")
def register_sharing_viewsets():
    return [PushedItemViewSet("sharing_pushes"), CoBuiltColumnViewSet("sharing_cobuilt")]
