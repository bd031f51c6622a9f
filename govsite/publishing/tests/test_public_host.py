"""The public host (X4): static files first, dynamic public endpoints next, no admin; nginx the same."""

import http.client
import io
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govsite.content.tests.factories import article, column_of
from govsite.publishing.public_server import StaticTreeApplication, local_public_host
from govsite.publishing.publisher import Publisher, site_dir

pytestmark = pytest.mark.django_db
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


@pytest.fixture
def tree(settings, tmp_path, portal, django_capture_on_commit_callbacks):
    settings.GOVSITE_PUBLIC_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        article(column_of(portal, "测试要闻"), "测试市召开春耕生产工作会议")
    Publisher(portal.site).rebuild()
    return tmp_path


def call(app, path: str, host: str = "testserver"):
    captured = {}

    def start_response(status, headers):
        captured["status"], captured["headers"] = status, dict(headers)

    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "HTTP_HOST": host, "SERVER_NAME": host,
               "SERVER_PORT": "80", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
               "wsgi.errors": sys.stderr, "QUERY_STRING": ""}
    body = b"".join(app(environ, start_response))
    return captured["status"], captured["headers"], body


def dynamic_app(environ, start_response):
    """Stands for the public app: answers what the tree does not hold."""
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"dynamic:" + environ["PATH_INFO"].encode()]


def test_static_first_then_the_public_app(tree, portal):
    app = StaticTreeApplication(dynamic_app, tree)
    status, headers, body = call(app, "/")
    assert status == "200 OK" and headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == (site_dir(portal.site) / "index.html").read_bytes()
    status, headers, body = call(app, "/zwyw/csyw/rss.xml")
    assert status == "200 OK" and b"<rss" in body
    assert call(app, "/search/")[2] == b"dynamic:/search/"
    assert call(app, "/../../etc/passwd")[2] == b"dynamic:/../../etc/passwd"  # never read outside the tree


def test_the_demo_public_host_serves_the_forms_assets(tree):
    status, _headers, body = call(local_public_host(tree), "/static/formguard/captcha.js")
    assert status == "200 OK" and body


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(NGINX is None, reason="未安装 Debian 的 nginx 软件包，跳过 nginx 测试")
def test_debian_nginx_serves_the_static_tree(tree, portal, tmp_path):
    port = free_port()
    conf = tmp_path / "nginx.conf"
    assets = tmp_path / "assets"
    (assets / "static" / "formguard").mkdir(parents=True)
    (assets / "static" / "formguard" / "captcha.js").write_text("// captcha")
    conf.write_text(Path("docs/nginx-public.conf").read_text()
                    .replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
                    .replace("/srv/govsite/public", str(tree))
                    .replace("root /srv/govsite;", f"root {assets};")
                    .replace("include /etc/nginx/govsite-tls.conf;", ""))
    wrapper = tmp_path / "main.conf"
    # Workers read the test's private temporary tree: as root, they must run as root too.
    user = "user root;\n" if os.geteuid() == 0 else ""
    wrapper.write_text(f"{user}daemon off; pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
                       f"events {{}}\nhttp {{ include /etc/nginx/mime.types; access_log off;\n"
                       f"client_body_temp_path {tmp_path}; proxy_temp_path {tmp_path};\n"
                       f"fastcgi_temp_path {tmp_path}; uwsgi_temp_path {tmp_path}; scgi_temp_path {tmp_path};\n"
                       f"include {conf}; }}\n")
    server = subprocess.Popen([NGINX, "-c", str(wrapper), "-p", str(tmp_path)], stderr=subprocess.PIPE)
    try:
        for _ in range(50):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/", headers={"Host": portal.site.hostname})
                response = connection.getresponse()
                break
            except OSError:
                time.sleep(0.1)
        assert response.status == 200
        assert response.read() == (site_dir(portal.site) / "index.html").read_bytes()
        connection.request("GET", "/zwyw/csyw/", headers={"Host": portal.site.hostname})
        listing = connection.getresponse()
        assert listing.status == 200 and "测试市召开春耕生产工作会议" in listing.read().decode()
        connection.request("GET", "/static/formguard/captcha.js", headers={"Host": portal.site.hostname})
        script = connection.getresponse()
        assert script.status == 200 and script.read() == b"// captcha"  # the forms' assets, collected
        connection.request("GET", "/admin/", headers={"Host": portal.site.hostname})
        admin = connection.getresponse()
        admin.read()
        assert admin.status == 404  # the public host has no admin route
    finally:
        server.terminate()
        server.wait(timeout=10)
