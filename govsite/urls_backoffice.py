"""Back-office routes (government network only, X4): the admin, documents, and in dev the pages."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from govsite.columns.feeds import column_feed

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("guard/", include("govsite.formguard.urls")),
    path("hudong/", include("govsite.interaction.urls")),
    path("hudong/", include("govsite.participation.urls")),
    path("xxgk/ysq/", include("govsite.disclosure.urls")),
    path("search/", include("govsite.sitesearch.urls")),
    path("", include("govsite.opendata.urls")),
    # The demo and development serve the public pages here too: their visit beacon must find its endpoint.
    path("tongji/", include("govsite.analytics.urls")),
    path("api/library/", include("govsite.library.urls")),
    path("sitemap.xml", sitemap),
    re_path(r"^(?P<path>(?:[\w\-]+/)+)rss\.xml$", column_feed),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
