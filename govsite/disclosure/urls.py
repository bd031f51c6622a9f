"""Public addresses of 依申请公开 (I9), under /xxgk/ysq/ (served by the public app)."""

from django.urls import path

from . import views

app_name = "disclosure"
urlpatterns = [
    path("", views.index, name="index"),
    path("shenqing/", views.apply, name="apply"),
    path("chaxun/", views.follow, name="follow"),
    path("chaxun/dafushu/", views.download, name="download"),
]
