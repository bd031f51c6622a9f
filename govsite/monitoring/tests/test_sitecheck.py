"""A published site crawled through the public server (M1): a real server on 127.0.0.1 answers for the
department's host name only; its broken attachment is recorded with the page, column and responsible
person, and becomes a rectification item of that column."""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from docx import Document

from govsite.content.models import ContentAttachment
from govsite.content.reports import word_document
from govsite.content.tests.factories import article, column_of
from govsite.monitoring.inspection import inspect
from govsite.monitoring.models import Rectification
from govsite.monitoring.sitecheck import check_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(department):
    column = column_of(department, "工作动态")
    column.responsible_unit, column.responsible_person = "办公室", "李栏目"
    column.save()
    item = article(column, "局领导调研校园安全")
    item_path = urlsplit(item.full_url).path
    pages = {
        "/": f'<a href="{item_path}">局领导调研校园安全</a><a href="/gzdt/">工作动态</a>'
             '<img src="/guard/captcha/abc.png"><a href="/hudong/zhaocuo/?url=x">找错</a>'
             '<a href="http://127.0.0.1:9/elsewhere">其他网站</a>',
        "/gzdt/": '<meta name="ColumnName" content="工作动态"><meta name="ColumnType" content="工作动态">'
                  '<main><p>本栏目正在建设中，敬请期待</p></main>',
        item_path: '<meta name="ArticleTitle" content="局领导调研校园安全"><main><p>【机密】正文</p>'
                   '<a href="/files/anquan.pdf">附件：检查表</a></main>',
    }

    requested = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, with_body: bool):
            requested.append(self.path)
            body = pages.get(self.path) if self.headers.get("Host") == "jtj.localhost" else None
            data = f"<html><head></head><body>{body}</body></html>".encode() if body is not None else b"not found"
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if with_body:
                self.wfile.write(data)

        def do_GET(self):  # noqa: N802
            self._answer(True)

        def do_HEAD(self):  # noqa: N802
            self._answer(False)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", item, requested
    server.shutdown()
    server.server_close()


def test_a_broken_attachment_is_recorded_with_its_page_column_and_person(department, published, settings):
    origin, item, requested = published
    settings.GOVSITE_MONITOR_ORIGIN = origin
    run = check_links(department)
    assert run.pages == 3 and run.home_broken == 0
    assert not [path for path in requested if path.startswith(("/guard/", "/hudong/"))]  # widgets left out
    [broken] = run.broken
    assert broken["url"] == "http://jtj.localhost/files/anquan.pdf" and broken["status"] == 404
    assert broken["sources"] == [item.full_url]
    assert (broken["column"], broken["unit"], broken["person"]) == ("工作动态", "办公室", "李栏目")
    problems = {(p["url"], p["kind"]) for p in run.page_problems}
    assert (item.full_url, "text_error") in problems and (item.full_url, "metadata") in problems
    assert ("http://jtj.localhost/gzdt/", "empty_column") in problems
    assert all(p["column"] == "工作动态" for p in run.page_problems)

    inspect(department)
    [todo] = Rectification.objects.filter(record=department, kind="broken_link")
    assert todo.subject == "http://jtj.localhost/files/anquan.pdf" and todo.column.title == "工作动态"
    assert (todo.responsible_unit, todo.responsible_person, todo.severity) == ("办公室", "李栏目", "medium")
    assert todo.evidence == [f"所在页面：{item.full_url}"]
    kinds = set(Rectification.objects.filter(record=department).values_list("kind", flat=True))
    assert {"text_error", "metadata", "empty_column"} <= kinds
    [secret] = Rectification.objects.filter(record=department, kind="text_error")
    assert secret.description.startswith("涉密标志：“【机密】”") and secret.responsible_person == "李栏目"


def test_a_published_attachment_is_checked_like_a_page(department, published, settings):
    origin, item, _requested = published
    settings.GOVSITE_MONITOR_ORIGIN = origin
    document = Document()
    document.add_paragraph("机密★1年")
    document.add_paragraph("2026年校园安全检查表")
    buffer = io.BytesIO()
    document.save(buffer)
    attached = word_document("检查表", "jianchabiao.docx", buffer.getvalue(), department.collection)
    ContentAttachment.objects.create(page=item, document=attached)
    run = check_links(department)
    [problem] = [p for p in run.page_problems if p["url"].endswith(attached.url)]
    assert problem["description"].startswith("附件涉密标志：“机密★1年”") and problem["person"] == "李栏目"
    again = check_links(department)  # a second run (the attachment from the cache) finds the same

    def ordered(problems):
        return sorted(problems, key=lambda p: (p["url"], p["kind"], p["description"]))

    assert ordered(again.page_problems) == ordered(run.page_problems)


def test_other_sites_are_checked_only_where_allowed(department, published, settings):
    origin, _item, _requested = published
    settings.GOVSITE_MONITOR_ORIGIN = origin
    assert "http://127.0.0.1:9/elsewhere" not in {b["url"] for b in check_links(department).broken}
    settings.GOVSITE_MONITOR_CHECK_EXTERNAL = True
    [elsewhere] = [b for b in check_links(department).broken if b["url"] == "http://127.0.0.1:9/elsewhere"]
    assert elsewhere["status"] is None and elsewhere["sources"] == ["http://jtj.localhost/"]
