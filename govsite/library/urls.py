"""The data interface's routes (G2), mounted at /api/library/ in the back office."""

from django.urls import path

from . import api

app_name = "library_api"
urlpatterns = [
    path("items/", api.items, name="items"),
    path("items/<int:page_id>/", api.item, name="item"),
]
