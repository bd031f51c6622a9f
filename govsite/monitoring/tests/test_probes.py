"""Home-page probes (M1) against a real HTTP server on 127.0.0.1 that answers per Host header: a good
site, a failing one, a slow one, and one that nothing listens for."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from govsite.monitoring import probes
from govsite.monitoring.models import Probe
from govsite.monitoring.tasks import probe_sites

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    """testserver answers 200, jtj.localhost 500, slow.localhost after 2 s."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        host = self.headers.get("Host", "").split(":")[0]
        if host == "slow.localhost":
            time.sleep(2)
        status = 500 if host == "jtj.localhost" else 200
        body = "<html><body>首页</body></html>".encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except BrokenPipeError:  # the probe gave up (the slow site): nothing to answer
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def public_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_each_sites_home_page_is_probed_through_the_public_server(public_server, settings, portal, department):
    settings.GOVSITE_MONITOR_ORIGIN = public_server
    stored = {p.record_id: p for p in probe_sites([portal, department])}
    good, bad = stored[portal.pk], stored[department.pk]
    assert (good.ok, good.status, good.error) == (True, 200, "") and good.seconds < 2
    assert (bad.ok, bad.status, bad.error) == (False, 500, "HTTP 500")
    assert Probe.objects.count() == 2


def test_a_slow_home_page_counts_as_failed(public_server):
    [slow] = probes.probe([probes.Target(public_server + "/", "slow.localhost")], timezone.now, timeout=1)
    assert (slow.ok, slow.status, slow.error) == (False, None, "超时（15秒内未响应）")


def test_nothing_listening_is_a_failed_probe():
    [down] = probes.probe([probes.Target("http://127.0.0.1:9/", "www.ceshi.gov.cn")], timezone.now, timeout=2)
    assert (down.ok, down.error) == (False, "无法连接")


def test_the_target_goes_through_the_configured_origin():
    target = probes.target_for("http://www.mile.gov.cn/", "http://127.0.0.1:8080/")
    assert target == probes.Target("http://127.0.0.1:8080/", "www.mile.gov.cn")
    assert probes.target_for("http://www.mile.gov.cn/", "") == probes.Target("http://www.mile.gov.cn/",
                                                                            "www.mile.gov.cn")
