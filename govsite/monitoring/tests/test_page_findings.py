"""The home page as the public receives it (M1): a real server on 127.0.0.1 serves a home page whose footer
lacks elements, whose metadata is incomplete and which carries a secrecy mark; the inspection turns each
into a rectification item, and keeps them when the page cannot be fetched."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from govsite.monitoring.inspection import inspect
from govsite.monitoring.models import Rectification

pytestmark = pytest.mark.django_db
PAGE = """<!DOCTYPE html><html><head><meta name="SiteName" content="测试市教育体育局"></head><body>
<main><h1>测试市教育体育局</h1><p>【机密】关于2026年招生计划的内部通知</p></main>
<footer>主办：测试市教育体育局 联系电话：0873-6000004 滇ICP备05001234号-4</footer></body></html>"""


@pytest.fixture
def home_server():
    state = {"up": True}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = PAGE.encode()
            self.send_response(200 if state["up"] else 503)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", state
    server.shutdown()
    server.server_close()


def test_footer_metadata_and_text_problems_become_items(department, home_server, settings):
    url, state = home_server
    settings.GOVSITE_MONITOR_ORIGIN = url
    inspect(department)
    items = {item.kind: [] for item in Rectification.objects.filter(record=department)}
    for item in Rectification.objects.filter(record=department):
        items[item.kind].append(item.description)
    assert any("找错" in d for d in items["footer"]) and any("网站标识码" in d for d in items["footer"])
    assert any("SiteIDCode" in d for d in items["metadata"])
    [secret] = items["text_error"]
    assert secret.startswith("首页涉密标志：“【机密】”")
    opened = Rectification.objects.filter(record=department, status="open").count()

    state["up"] = False  # the page cannot be fetched: its items are neither verified nor lost
    inspect(department)
    assert Rectification.objects.filter(record=department, status="open").count() == opened
