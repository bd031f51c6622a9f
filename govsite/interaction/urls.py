"""Public addresses of letters and error reports, under /hudong/ (served by the public app)."""

from django.urls import path

from . import views

app_name = "interaction"
urlpatterns = [
    path("", views.index, name="index"),
    path("xiexin/", views.write, name="write"),
    path("chaxun/", views.follow, name="follow"),
    path("xinjian/", views.letters, name="letters"),
    path("xinjian/<int:pk>/", views.letter_detail, name="letter"),
    path("tongji/", views.statistics, name="statistics"),
    path("zhishi/", views.knowledge_search, name="knowledge"),
    path("zhishi/similar/", views.similar_questions, name="similar"),
    path("zhaocuo/", views.report_error, name="report_error"),
]
