"""Hits through the real public endpoint, and a department site with one article in 工作动态."""

from __future__ import annotations

import pytest

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"
VISITOR_IP = "203.0.113.77"


@pytest.fixture(autouse=True)
def fresh_memory():
    from govsite.analytics.recording import clear_memory

    clear_memory()
    yield
    clear_memory()


def url_of(page) -> str:
    """The public path of a page on its own site ("/gzdt/")."""
    root = page.get_site().root_page
    return "/" + page.url_path[len(root.url_path):]


@pytest.fixture
def hit(client, settings):
    """POST the beacon as visit.js does; returns the response."""
    settings.ROOT_URLCONF = "govsite.urls_public"

    def send(path: str, *, host: str = "jtj.localhost", ip: str = VISITOR_IP, agent: str = BROWSER):
        return client.post("/tongji/hit", {"p": path}, HTTP_HOST=host, REMOTE_ADDR=ip, HTTP_USER_AGENT=agent)

    return send


@pytest.fixture
def news(department):
    """工作动态 of the department site and one article in it."""
    from govsite.content.tests.factories import article, column_of

    column = column_of(department, "工作动态")
    return column, article(column, "教体局召开工作会议")
