"""Registers the site registry in the admin menu."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import SiteRecord
from .views import (
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
    list_display = ["name", "site_type", "domain", "site_id_code", "sponsor", "person_in_charge"]
    list_filter = ["site_type"]
    search_fields = ["name", "domain", "sponsor", "site_id_code"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return SiteRecordForm if for_update else SiteOpeningForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("changes/<int:pk>/", SiteRecordChangesView.as_view(), name="changes"),
        ]


@hooks.register("register_admin_viewset")
def register_site_records():
    return SiteRecordViewSet()
