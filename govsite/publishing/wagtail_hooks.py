"""Tamper incidents in the admin (X6, M5): a list, and an alert on the dashboard of those who act."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from .models import TamperIncident


class TamperIncidentViewSet(ModelViewSet):
    model = TamperIncident
    icon = "warning"
    menu_label = _("篡改事件")
    menu_order = 8800
    add_to_admin_menu = True
    list_display = ["host", "found_at", "restored", "quarantine"]
    list_filter = ["restored", "host"]
    form_fields = ["restored"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_tamper_incidents():
    return TamperIncidentViewSet("tamper_incidents")


class TamperAlertPanel(Component):
    """Incidents of the last 24 hours on the dashboard (the admin notification of the tamper guard)."""

    name = "tamper_alerts"
    order = 40
    template_name = "publishing/tamper_panel.html"

    def get_context_data(self, parent_context=None):
        since = timezone.now() - timedelta(hours=24)
        return {"incidents": list(TamperIncident.objects.filter(found_at__gte=since)[:10])}


@hooks.register("construct_homepage_panels")
def add_tamper_panel(request, panels):
    if request.user.has_perm("publishing.view_tamperincident"):
        panels.append(TamperAlertPanel())
