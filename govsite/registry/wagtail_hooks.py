"""Registers the site registry in the admin menu, its lifecycle steps, and keeps closing notices 30 days (S5)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .lifecycle import notice_removal_refusal
from .models import SiteRecord
from .views import (
    LIFECYCLE_VIEWS,
    SiteOpeningForm,
    SiteRecordChangesView,
    SiteRecordCreateView,
    SiteRecordEditView,
    SiteRecordForm,
)


class SiteRecordViewSet(ModelViewSet):
    model = SiteRecord
    name = "site_records"
    icon = "globe"
    menu_label = _("网站登记")
    menu_order = 150
    add_to_admin_menu = True
    add_view_class = SiteRecordCreateView
    edit_view_class = SiteRecordEditView
    list_display = ["name", "site_type", "status", "domain", "site_id_code", "sponsor", "person_in_charge"]
    list_filter = ["site_type", "status"]
    search_fields = ["name", "domain", "sponsor", "site_id_code"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return SiteRecordForm if for_update else SiteOpeningForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("changes/<int:pk>/", SiteRecordChangesView.as_view(), name="changes"),
            *(
                path(f"lifecycle/<int:pk>/{name}/", view.as_view(), name=f"lifecycle_{name}")
                for name, view in LIFECYCLE_VIEWS.items()
            ),
        ]


@hooks.register("register_admin_viewset")
def register_site_records():
    return SiteRecordViewSet()


def _keep_notice(request, page):
    """Refuse taking down a migration or closing notice before its 30 days are over (S5, 003 §13(三))."""
    message = notice_removal_refusal(page)
    if message:
        messages.error(request, message)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


hooks.register("before_unpublish_page", _keep_notice)
hooks.register("before_delete_page", _keep_notice)
