"""Public address of the site search (served by the public app and, in development, the back office)."""

from django.urls import path

from . import views

app_name = "sitesearch"
urlpatterns = [path("", views.search_view, name="search")]
