"""A real HTTP server on 127.0.0.1 serving a made-up site, for tests of code that fetches over the network.

Each path answers as its `Route` says (status, body, headers, a delay, failures, a refused HEAD, how the body
is framed and compressed, a cookie it needs); any other path is a 404, and so is every path when the site only answers to
another Host header. The server counts requests per method and path and the Host headers it got, stamps
each request, and keeps the most it handled at once, so a test can check that a crawler asks for each URL
once and stays within its limits.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Route:
    """How one path answers. `failures`: the first N requests get a 500; `head_status`: HEAD gets this;
    `framing`: "length" (Content-Length), "chunked", or "close" (no length, the connection closed after);
    `needs_cookie`: a request without this cookie (name=value) is sent to the home page."""

    status: int = 200
    body: str = ""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    head_status: int | None = None
    failures: int = 0
    delay: float = 0.0
    framing: str = "length"
    gzip: bool = False
    needs_cookie: str = ""


NOT_FOUND = Route(404, "<html><body>页面不存在</body></html>")


def page(markup: str = "", **options) -> Route:
    """An HTML page whose body is `markup`."""
    html = f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>测试页</title></head><body>{markup}</body></html>"
    return Route(body=html, **options)


def redirect(location: str, status: int = 302) -> Route:
    return Route(status, headers={"Location": location})


def file(content_type: str, **options) -> Route:
    """A non-HTML file (image, attachment, style sheet) with a short body."""
    return Route(body="0" * 64, content_type=content_type, **options)


class LocalSite:
    """Serves `routes` on 127.0.0.1 at a free port while used as a context manager; with `host`, only to
    requests whose Host header is that name (as a public server hosting many sites)."""

    def __init__(self, routes: dict[str, Route] | None = None, host: str | None = None):
        self.routes = dict(routes or {})
        self.host = host
        self.hits: Counter[tuple[str, str]] = Counter()
        self.hosts: Counter[str] = Counter()
        self.times: list[float] = []
        self.max_active = 0
        self._active = 0
        self._lock = threading.Lock()
        self._server = _Server(self)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LocalSite:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self._server.server_port}{path}"

    def requests(self, path: str) -> int:
        """Requests for `path`, any method."""
        return sum(count for (_, hit), count in self.hits.items() if hit == path)

    def _enter(self, method: str, path: str, host: str) -> int:
        """Count the request in; how many requests this path has had, this one included."""
        with self._lock:
            self.hits[(method, path)] += 1
            self.hosts[host] += 1
            self.times.append(time.monotonic())
            self._active += 1
            self.max_active = max(self.max_active, self._active)
            return self.requests(path)

    @staticmethod
    def _send_body(handler: BaseHTTPRequestHandler, framing: str, body: bytes) -> None:
        """End the headers, then send the body (none to a HEAD) framed as the route says."""
        if framing == "length":
            handler.send_header("Content-Length", str(len(body)))
        elif framing == "chunked":
            handler.send_header("Transfer-Encoding", "chunked")
            chunks = [body[at:at + 100] for at in range(0, len(body), 100)]
            body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in [*chunks, b""])
        else:
            handler.close_connection = True
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(body)

    def _leave(self) -> None:
        with self._lock:
            self._active -= 1

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        """Answer one request as its route says."""
        host = handler.headers.get("Host", "")
        count = self._enter(handler.command, handler.path, host)
        try:
            route = self.routes.get(handler.path, NOT_FOUND) if self.host in (None, host) else NOT_FOUND
            if route.needs_cookie and route.needs_cookie not in handler.headers.get("Cookie", "").split("; "):
                route = redirect("/")
            time.sleep(route.delay)
            status = 500 if count <= route.failures else route.status
            if handler.command == "HEAD" and route.head_status:
                status = route.head_status
            body = gzip.compress(route.body.encode()) if route.gzip else route.body.encode()
            handler.send_response(status)
            for name, value in {"Content-Type": route.content_type, **route.headers}.items():
                handler.send_header(name, value)
            if route.gzip:
                handler.send_header("Content-Encoding", "gzip")
            self._send_body(handler, route.framing, body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (a timeout test)
            handler.close_connection = True
        finally:
            self._leave()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the checker expects of real servers
    timeout = 10

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.server.site.answer(self)

    do_HEAD = do_GET  # noqa: N815

    def log_message(self, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # As real servers (nginx: 511): with socketserver's 5, a checker opening its 8 connections at once while
    # holding the GIL overflows the queue, and the kernel's SYN retry a second later looks like a timeout.
    request_queue_size = 128

    def __init__(self, site: LocalSite):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hung up mid-answer is what some tests do on purpose
