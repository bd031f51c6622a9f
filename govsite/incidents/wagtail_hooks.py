"""安全管理 in the admin (X8, X9): incidents, drills, training and go-live assessments under one menu, the
downloads of attached reports, and the due panel on the dashboard."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .views import (
    DrillViewSet,
    DuePanel,
    GoLiveReviewViewSet,
    IncidentViewSet,
    TrainingViewSet,
    document,
    due_rows,
)


class SecurityManagementGroup(ViewSetGroup):
    menu_label = _("安全管理")
    menu_name = "security_management"
    menu_icon = "lock"
    menu_order = 140
    items = (
        IncidentViewSet("incidents_incident", url_prefix="incidents/incidents"),
        DrillViewSet("incidents_drill", url_prefix="incidents/drills"),
        TrainingViewSet("incidents_training", url_prefix="incidents/training"),
        GoLiveReviewViewSet("incidents_golive", url_prefix="incidents/golive"),
    )


@hooks.register("register_admin_viewset")
def register_security_management():
    return SecurityManagementGroup()


@hooks.register("register_admin_urls")
def register_document_urls():
    return [path("incidents/files/<str:name>/<int:pk>/", document, name="incidents_document")]


@hooks.register("construct_homepage_panels")
def add_due_panel(request, panels):
    rows = due_rows(request.user)
    if rows:
        panels.append(DuePanel(rows))
