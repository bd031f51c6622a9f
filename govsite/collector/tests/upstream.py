"""Made-up upstream government sites on 127.0.0.1 for the collector's tests and benchmark: pages in any
encoding (LocalSite serves UTF-8 text only), answered from a table or from a function of the path."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# (status, body, content type) for a path; None is a 404.
Answer = tuple[int, bytes, str]
Resolver = Callable[[str], Answer | None]


class Upstream:
    """Serves `routes` (path → answer; change it between runs) or `resolve(path)` while a context manager."""

    def __init__(self, routes: dict[str, Answer] | None = None, resolve: Resolver | None = None):
        self.routes = dict(routes or {})
        self.resolve = resolve or self.routes.get
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.request_queue_size = 128
        self._server.upstream = self
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Upstream:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self._server.server_port}{path}"

    def answer(self, path: str) -> Answer:
        with self._lock:
            self.hits[path] += 1
        return self.resolve(path) or (404, "页面不存在".encode(), "text/html; charset=utf-8")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        status, body, content_type = self.server.upstream.answer(self.path)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def html_page(markup: str, encoding: str = "utf-8", header_charset: bool = True) -> Answer:
    """A page in `encoding`, declared in the Content-Type header or only in its <meta> tag."""
    content_type = f"text/html; charset={encoding}" if header_charset else "text/html"
    return 200, markup.encode(encoding), content_type


def list_markup(title: str, items: list[tuple[str, str, str]], next_href: str = "", charset: str = "utf-8") -> str:
    """A government column's list page: (href, title, date) rows in ul.list, a 下一页 link if there is one."""
    rows = "".join(f'<li><a href="{href}" target="_blank" title="{text}">{text}</a><span>{date}</span></li>'
                   for href, text, date in items)
    following = f'<a class="next" href="{next_href}">下一页</a>' if next_href else '<span>下一页</span>'
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>{title}</title></head><body><div class=\"header\"><a href=\"/\">首页</a>"
            f'<a href="/zwgk/">政务公开</a></div><div class="main"><h2>{title}</h2><ul class="list">{rows}</ul>'
            f'<div class="page">{following}<span>共3页</span></div></div><div class="footer">主办单位</div>'
            "</body></html>")


def detail_markup(site: str, column: str, title: str, when: str, paragraphs: list[str], extra: str = "",
                  charset: str = "utf-8", source: str = "") -> str:
    """An item's page with the national meta tags (SiteName, ColumnName, ArticleTitle, PubDate, ContentSource)."""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f'<meta name="SiteName" content="{site}"><meta name="ColumnName" content="{column}">'
            f'<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{when}">'
            f'<meta name="ContentSource" content="{source or site}"><title>{title}_{site}</title></head><body>'
            f'<div class="header"><a href="/">首页</a></div><div class="article"><h1 class="title">{title}</h1>'
            f'<div class="info">发布时间：{when} 来源：{source or site}</div>'
            f'<div class="TRS_Editor" id="zoom">{body}{extra}</div></div>'
            f'<div class="footer">网站标识码5300000001</div></body></html>')
