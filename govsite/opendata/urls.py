"""Public addresses of open data (P12): the catalogue, the downloads and the JSON API.

Included at the root of both URLconfs; each path carries its own prefix (`opendata/`, `api/opendata/`).
"""

from django.urls import path, re_path

from . import api, views

app_name = "opendata"
urlpatterns = [
    path("opendata/", views.catalogue_page, name="catalogue"),
    re_path(r"^opendata/(?P<pk>\d+)\.(?P<fmt>csv|json|xlsx)$", views.download, name="download"),
    path("api/opendata/datasets/", api.datasets, name="api_datasets"),
    path("api/opendata/datasets/<int:pk>/", api.dataset, name="api_dataset"),
]
