"""Public route of the visit beacon, mounted at /tongji/ by govsite/urls_public.py."""

from django.urls import path

from . import views

app_name = "analytics"
urlpatterns = [path("hit", views.hit, name="hit")]
