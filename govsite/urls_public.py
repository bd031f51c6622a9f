"""Public routes: pages and public documents only, never an admin route (X4)."""

from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from govsite.columns.feeds import column_feed

urlpatterns = [
    path("documents/", include(wagtaildocs_urls)),
    path("guard/", include("govsite.formguard.urls")),
    path("hudong/", include("govsite.interaction.urls")),
    path("hudong/", include("govsite.participation.urls")),
    path("xxgk/ysq/", include("govsite.disclosure.urls")),
    path("search/", include("govsite.sitesearch.urls")),
    path("", include("govsite.opendata.urls")),
    path("sitemap.xml", sitemap),
    path("tongji/", include("govsite.analytics.urls")),
    re_path(r"^(?P<path>(?:[\w\-]+/)+)rss\.xml$", column_feed),
    path("", include(wagtail_urls)),
]
