"""Hostile requests against the public app (X6 "防攻击", I1; issue 8): SQL injection, XSS, path traversal,
oversized bodies and malformed Unicode get a 4xx or an honest answer, never a 500 or a traceback; nothing is
stored or shown back as live markup; nothing outside the site is readable."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, models
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from govsite.content.tests.factories import article, column_of
from govsite.disclosure.models import InformationRequest
from govsite.disclosure.tests.test_public import form_data as application_data
from govsite.formguard.testing import solved_captcha
from govsite.interaction import handling
from govsite.interaction.models import ErrorReport, Letter
from govsite.interaction.tests.test_hostile_input import FEWER
from govsite.interaction.tests.test_public import REPLY, error_data, letter_data, shown
from govsite.participation import results
from govsite.participation.models import InterviewQuestion
from govsite.participation.rules import ProposalKind, SurveyKind
from govsite.participation.tests.conftest import guard_fields, make_interview, make_proposal, make_survey
from govsite.publishing.public_server import local_public_host
from govsite.publishing.tests.test_public_host import call

pytestmark = pytest.mark.django_db

PUBLIC_URLCONF = "govsite.urls_public"
DEPARTMENT = "jtj.localhost"
SECRET = "不该被读到的机密"
# What Django's debug page, a traceback or a file read outside the site would put in a body.
LEAKS = ("Traceback (most recent call last)", "You're seeing this error because", 'id="traceback"',
         "Exception Value", "root:x:0:0", "SQLite format 3", "SECRET_KEY", SECRET)
CJK = re.compile("[\u4e00-\u9fff]")


class PublicClient(Client):
    """A browser of the public host: every request goes through the public app's routes only (X4)."""

    def request(self, **request):
        with override_settings(ROOT_URLCONF=PUBLIC_URLCONF):
            return super().request(**request)


@pytest.fixture
def browser() -> PublicClient:
    return PublicClient()


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    """Hundreds of posts from one address: the rate limits (tested in formguard) would answer 429."""
    settings.GOVSITE_RATE_LIMITS = dict.fromkeys(settings.GOVSITE_RATE_LIMITS)


def checked(response, *statuses: int) -> str:
    """The body of a response with one of `statuses`; no traceback, debug page or file outside the site in it."""
    body = response.content.decode("utf-8", "replace")
    assert response.status_code in statuses, (response.status_code, body[:300])
    assert not [leak for leak in LEAKS if leak in body], body[:1000]
    return body


def refused_in_chinese(response, *statuses: int) -> str:
    """A refusal the person can read: one of `statuses` with a Chinese message."""
    body = checked(response, *statuses)
    assert CJK.search(re.sub(r"<title>.*?</title>", "", body, flags=re.S)), body[:300]
    return body


def row_counts() -> dict[str, int]:
    """Rows of every table, in one query (a dropped table makes it fail): what a request added or removed."""
    tables = set(connection.introspection.table_names())
    labels = {model._meta.db_table: model._meta.label for model in apps.get_models(include_auto_created=True)
              if model._meta.managed and model._meta.db_table in tables}
    quote_name = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(f"SELECT '{table}', COUNT(*) FROM {quote_name(table)}" for table in labels))
        return {labels[table]: count for table, count in cursor.fetchall()}


def changes(before: dict[str, int]) -> dict[str, int]:
    after = row_counts()
    return {label: after[label] - before[label] for label in after if after[label] != before[label]}


def newest_texts(labels) -> list[str]:
    """Every text column of the newest row of each table in `labels`."""
    texts = []
    for label in labels:
        model = apps.get_model(label)
        row = model._base_manager.order_by("-pk").first()
        texts += [getattr(row, f.attname) or "" for f in model._meta.concrete_fields
                  if isinstance(f, models.CharField | models.TextField)]
    return [text for text in texts if isinstance(text, str)]


def valid_text(text: str) -> bool:
    """Text a database, a browser and an export all take: encodable, no NUL, no bidirectional override."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text and "\u202e" not in text


@dataclass(frozen=True)
class PublicForm:
    """One public form: where it posts, a valid filling (a fresh solved captcha each time), its free-text fields."""

    url: str
    fill: Callable[..., dict[str, str]]
    text_fields: tuple[str, ...] = ()
    host: str = "testserver"
    accepted: int = 200

    def post(self, client: Client, data: dict | bytes, **extra):
        """POST `data`: a dict, or a body written byte by byte as a broken client sends it."""
        if isinstance(data, bytes):
            extra.setdefault("content_type", "application/x-www-form-urlencoded")
        return client.post(self.url, data, HTTP_HOST=self.host, **extra)

    def raw(self, field: str, value: bytes) -> bytes:
        """A valid urlencoded filling whose `field` is the bytes `value`, sent as they are."""
        rest = {name: text for name, text in self.fill().items() if name != field}
        return urlencode(rest).encode() + b"&" + field.encode() + b"=" + value


def guarded(**fields: str) -> Callable[..., dict[str, str]]:
    """The filling of a participation form or a lookup: `fields` and a solved captcha."""
    return lambda **overrides: {**fields, **guard_fields(), **overrides}


@pytest.fixture
def storing_forms(portal) -> dict[str, PublicForm]:
    """Every public form that stores what a citizen sends."""
    interview = make_interview(portal)
    solicitation = make_survey(portal, kind=SurveyKind.SOLICITATION, title="停车管理办法征求意见")
    return {
        "letter": PublicForm("/hudong/xiexin/", letter_data, ("title", "content", "name", "address")),
        "error_report": PublicForm("/hudong/zhaocuo/", error_data, ("url", "description", "contact")),
        "disclosure_request": PublicForm("/xxgk/ysq/shenqing/", application_data,
                                         ("person_name", "address", "description", "purpose"), host=DEPARTMENT),
        "interview_question": PublicForm(f"/hudong/fangtan/{interview.pk}/",
                                         guarded(text="招生划片的依据是什么？", nickname="家长"), ("text", "nickname"),
                                         accepted=302),
        "solicitation_opinion": PublicForm(f"/hudong/zhengji/{solicitation.pk}/",
                                           guarded(opinion="建议增加夜间停车位。", contact_name="王五",
                                                   contact_phone="0873-6122000"),
                                           ("opinion", "contact_name"), accepted=302),
    }


LOOKUPS = {
    "letter_lookup": PublicForm("/hudong/chaxun/", guarded(query_code="A" * 12, password="x" * 8)),
    "disclosure_lookup": PublicForm("/xxgk/ysq/chaxun/", guarded(query_code="A" * 12, password="x" * 8),
                                    host=DEPARTMENT),
    "reply_download": PublicForm("/xxgk/ysq/chaxun/dafushu/", lambda **f: {"query_code": "A", "password": "x", **f},
                                 host=DEPARTMENT),
}
STORING = ("letter", "error_report", "disclosure_request", "interview_question", "solicitation_opinion")


@pytest.fixture
def every_form(storing_forms) -> dict[str, PublicForm]:
    return {**storing_forms, **LOOKUPS}


# SQL injection

SQL_INJECTIONS = ("' OR 1=1--", "1;DROP TABLE interaction_letter", '" UNION SELECT password FROM auth_user--',
                  "%' OR '%'='")


@pytest.mark.parametrize("name", STORING)
def test_sql_injection_in_every_field_stores_at_most_what_a_valid_submission_stores(browser, storing_forms, name):
    """X6: each field in turn carries each payload; the database changes exactly as one valid submission changes
    it, or not at all (refused with a Chinese message)."""
    form = storing_forms[name]
    checked(form.post(browser, form.fill()), form.accepted)  # the first one may also create a data key (X7)
    before = row_counts()
    checked(form.post(browser, form.fill()), form.accepted)
    valid = changes(before)
    assert valid, "a valid submission stores something"
    for field in form.fill():
        for payload in SQL_INJECTIONS:
            before = row_counts()
            response = form.post(browser, form.fill(**{field: payload}))
            if response.status_code == form.accepted:
                assert changes(before) == valid, (field, payload)
                continue
            refused_in_chinese(response, 400)
            assert changes(before) == {}, (field, payload)


@pytest.mark.parametrize("name", sorted(LOOKUPS))
def test_sql_injection_in_a_lookup_never_shows_anyone_elses_letter_or_application(
        browser, write_letter, apply, name):
    """I1, I9: an injected query code or password finds nothing, shows nothing of the other person's letter or
    application, and changes nothing."""
    letter = write_letter(title="别人的来信标题", content="别人的来信内容，只有来信人能看到。")
    req = apply(timezone.localdate(), description="别人的申请内容，只有申请人能看到。")
    others = ("别人的来信", "别人的申请", req.number)
    form = LOOKUPS[name]
    tries = [(payload, payload) for payload in SQL_INJECTIONS] + [
        (code, payload) for code in (letter.query_code, req.query_code) for payload in SQL_INJECTIONS[::2]]
    for code, password in tries:
        before = row_counts()
        body = refused_in_chinese(form.post(browser, form.fill(query_code=code, password=password)), 400)
        assert changes(before) == {}
        assert not [other for other in others if other in body], (code, password)


ROUTES = {
    "/": ("page",), "/zwyw/csyw/": ("page", "year"), "/zwyw/csyw/rss.xml": (), "/sitemap.xml": (),
    "/hudong/": (), "/hudong/xiexin/": ("kind", "channel"), "/hudong/chaxun/": (), "/hudong/xinjian/": ("kind", "page"),
    "/hudong/tongji/": ("year",), "/hudong/zhishi/": ("q",), "/hudong/zhishi/similar/": ("q",),
    "/hudong/zhaocuo/": ("url",), "/hudong/zhengji/": ("page",), "/hudong/fangtan/": ("page",),
    "/hudong/jianyi/": ("session", "unit", "page"), "/hudong/tian/": ("session", "unit", "page"),
    "/xxgk/ysq/": (), "/xxgk/ysq/shenqing/": (), "/xxgk/ysq/chaxun/": (), "/guard/captcha/new/": (),
}


@pytest.mark.parametrize("path", sorted(ROUTES))
def test_sql_injection_in_every_query_parameter_answers_as_an_ordinary_value_does(
        browser, storing_forms, portal, path):
    """X6: every parameter of every public page (each with something to list) carries each payload (an unknown
    one where the page takes none): 200 as with an ordinary value, nothing changed."""
    make_proposal(portal, 1)
    make_proposal(portal, 2, kind=ProposalKind.CPPCC)
    article(column_of(portal, "测试要闻"), "测试市召开春耕生产工作会议")
    params = ROUTES[path] or ("x",)
    ordinary = browser.get(path, dict.fromkeys(params, "1")).status_code
    assert ordinary == 200
    for payload in SQL_INJECTIONS:
        before = row_counts()
        checked(browser.get(path, dict.fromkeys(params, payload)), ordinary)
        assert changes(before) == {}


@pytest.mark.parametrize("path", [
    "/hudong/xinjian/1 OR 1=1/", "/hudong/fangtan/1;DROP TABLE x/", "/hudong/zhengji/0 UNION SELECT 1/",
    "/guard/captcha/' OR 1=1--.png", "/documents/1' OR '1'='1/a.pdf", "/hudong/jianyi/-1/",
    "/hudong/xinjian/99999999999999999999999/",
])
def test_sql_injection_in_the_path_is_not_found(browser, portal, path):
    checked(browser.get(path), 404)


# XSS: stored as typed, shown escaped wherever it is shown

XSS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<svg onload=alert(1)>",
       "<a href=javascript:alert(1)>", "javascript:alert(1)")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


class LiveMarkup(HTMLParser):
    """What a browser would run as it parses the page: scripts, event handlers and javascript: links of ours."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if (name.startswith("on") and "alert(" in value) or (
                    name in URL_ATTRIBUTES and value.startswith("javascript:")):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and "alert(1)" in data:
            self.found.append(data)


def shows_escaped(body: str, payload: str, *, shown_here: bool = True) -> None:
    """The payload is on the page as text (when the page shows it), never as markup a browser would run."""
    parser = LiveMarkup()
    parser.feed(body)
    assert parser.found == []
    if shown_here:
        assert html.escape(payload) in body


def xss_filling(form: PublicForm, payload: str) -> dict[str, str]:
    return form.fill(**dict.fromkeys(form.text_fields, payload))


@pytest.mark.parametrize("payload", XSS)
def test_xss_in_a_letter_is_shown_escaped_to_the_writer_the_public_and_the_back_office(
        browser, client, storing_forms, people, department, payload):
    """I1, I5, X6: the writer's lookup, the public listing and letter page once answered and published, and the
    hotline's and office's pages all show the letter's text escaped."""
    form = storing_forms["letter"]
    written = form.post(browser, xss_filling(form, payload))
    shows_escaped(checked(written, 200), payload, shown_here=False)
    letter = Letter.objects.latest("pk")
    assert (letter.title, letter.content, letter.writer_name) == (payload, payload, payload)
    lookup = {"query_code": shown(written, "query-code"), "password": shown(written, "query-password")}
    shows_escaped(checked(browser.post("/hudong/chaxun/", {**lookup, **solved_captcha()}), 200), payload)
    handling.dispatch(letter, people.hotline, department)
    handling.submit_reply(letter, people.handler, REPLY)
    handling.approve_reply(letter, people.approver)
    handling.decide_publicity(Letter.objects.get(pk=letter.pk), people.hotline, True)
    for path in ("/hudong/xinjian/", f"/hudong/xinjian/{letter.pk}/", "/hudong/"):
        shows_escaped(checked(browser.get(path), 200), payload)
    client.force_login(people.office)
    for url in (reverse("letters:index"), reverse("letters:handle", args=[letter.pk])):
        shows_escaped(checked(client.get(url), 200), payload)


@pytest.mark.parametrize("payload", XSS)
def test_xss_in_an_error_report_is_refused_as_an_address_or_shown_escaped_in_the_back_office(
        browser, client, storing_forms, people, payload):
    """I10, X6: a javascript: address is refused in Chinese; any other text is shown escaped to the office."""
    form = storing_forms["error_report"]
    response = form.post(browser, xss_filling(form, payload))
    if payload.startswith("javascript:"):
        assert "页面地址不正确" in refused_in_chinese(response, 400)
        response = form.post(browser, form.fill(description=payload, contact=payload))
    shows_escaped(checked(response, 200), payload, shown_here=False)
    report = ErrorReport.objects.latest("pk")
    assert payload == report.description == report.contact
    client.force_login(people.office)
    for url in (reverse("error_reports:index"), reverse("error_reports:handle", args=[report.pk])):
        shows_escaped(checked(client.get(url), 200), payload, shown_here=url.endswith(f"/{report.pk}/"))


@pytest.mark.parametrize("payload", XSS)
def test_xss_in_a_disclosure_request_is_shown_escaped_to_the_applicant_and_the_office(
        browser, client, storing_forms, office, payload):
    """I9, X6: the applicant's lookup and the handler's pages show the application's text escaped."""
    form = storing_forms["disclosure_request"]
    applied = form.post(browser, xss_filling(form, payload))
    shows_escaped(checked(applied, 200), payload, shown_here=False)
    lookup = {"query_code": shown(applied, "query-code"), "password": shown(applied, "query-password")}
    status = LOOKUPS["disclosure_lookup"].post(browser, {**lookup, **solved_captcha()})
    shows_escaped(checked(status, 200), payload)
    req = InformationRequest.objects.latest("pk")
    client.force_login(office.handler)
    for url in (reverse("information_requests:index"), reverse("information_requests:handle", args=[req.pk])):
        shows_escaped(checked(client.get(url), 200), payload, shown_here=url.endswith(f"/{req.pk}/"))


@pytest.mark.parametrize("payload", XSS)
def test_xss_in_an_interview_question_is_shown_escaped_to_the_moderator_and_once_approved_to_the_public(
        browser, client, storing_forms, make_user, payload):
    """I8, X6: the moderation page and, after approval, the interview page show the question escaped."""
    form = storing_forms["interview_question"]
    checked(form.post(browser, xss_filling(form, payload)), 302)
    question = InterviewQuestion.objects.latest("pk")
    assert question.text == question.nickname == payload
    moderator = make_user("moderator", None, is_superuser=True)
    client.force_login(moderator)
    shows_escaped(checked(client.get(reverse("participation_interviews:moderate", args=[question.interview_id])), 200),
                  payload)
    results.moderate(question, True, moderator)
    shows_escaped(checked(browser.get(form.url), 200), payload)


# Path traversal: nothing outside the site is readable

TRAVERSALS = (
    "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/..%252f..%252fetc%252fpasswd",
    "/static/../settings", "/static/..%2f..%2fgovsite%2fsettings%2fbase.py", "/media/../govsite.sqlite3",
    "/media/..%2f..%2fvar%2fgovsite.sqlite3", "/documents/1/..%2f..%2f..%2fetc%2fpasswd",
    "/etc/passwd%00.html", "/hudong/xiexin/%00", "/..\\..\\etc\\passwd", "/%5c..%5c..%5cetc%5cpasswd",
    "/zwyw/..%2f..%2f..%2fetc/rss.xml", "/guard/captcha/..%2f..%2fetc%2fpasswd.png",
    "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/sitemap.xml/../../etc/passwd",
)


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_against_the_public_app_is_not_found(browser, portal, path):
    checked(browser.get(path), 400, 404)


@pytest.fixture
def public_tree(tmp_path):
    """A public root with one site, and a secret file beside the root that no request may reach."""
    root = tmp_path / "public"
    (root / "testserver").mkdir(parents=True)
    (root / "testserver" / "index.html").write_text("<h1>首页</h1>")
    (tmp_path / "secret.txt").write_text(SECRET)
    (tmp_path / "index.html").write_text(SECRET)
    return root


SERVED_TRAVERSALS = (
    "/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/testserver/../../secret.txt",
    "/..\\secret.txt", "/secret.txt\x00.html", "/\x00", "/static/../../secret.txt",
    "/static/..%2f..%2fgovsite%2fsettings%2fbase.py", "/static/../../../govsite/settings/base.py",
)
HOSTILE_HOSTS = ("..", "../..", "testserver/..", "testserver/../..", ".", "testserver\x00", "/", "..:80")


@pytest.fixture
def served(public_tree):
    """Call `govsite serve-public`'s WSGI application as its server does, with the public app's routes. Like
    Django's test client, it keeps the test's database connection (the handler closes it around requests)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with override_settings(ROOT_URLCONF=PUBLIC_URLCONF):
            app = local_public_host(public_tree)
            yield lambda path, host="testserver": call(app, path, host=host)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("path", SERVED_TRAVERSALS)
def test_serve_public_reads_nothing_outside_its_tree(served, portal, path):
    """X4, X6: `govsite serve-public` (static tree, forms' assets, public app) through its WSGI entry."""
    status, _headers, body = served(path)
    assert status[:3] in ("400", "404"), status
    assert not [leak for leak in LEAKS if leak.encode() in body]


@pytest.mark.parametrize("host", HOSTILE_HOSTS)
def test_serve_public_takes_no_path_from_the_host_header(served, portal, host):
    """X6: a Host header of dots or slashes does not lead the static tree outside its root."""
    for path in ("/", "/secret.txt", "/index.html", "/public/testserver/index.html"):
        status, _headers, body = served(path, host)
        assert not status.startswith("5") and SECRET.encode() not in body, (path, status)


# Oversized bodies: a Chinese 413 or 400, nothing stored

def oversized(form: PublicForm) -> dict[str, Callable]:
    field = form.text_fields[0] if form.text_fields else "query_code"
    return {
        "a huge single field": lambda c: form.post(c, form.fill(**{field: "字" * 400_000})),
        "a field far over its length": lambda c: form.post(c, form.fill(**{field: "a" * 20_000})),
        "many fields": lambda c: form.post(c, "&".join(f"f{i}=" for i in range(12_000)).encode()),
        "a file": lambda c: form.post(c, {**form.fill(), "file": SimpleUploadedFile("a.pdf", b"%PDF" * 800_000)}),
        "a huge Content-Length with a small body": lambda c: form.post(c, form.fill(), CONTENT_LENGTH="99999999999"),
        "a Content-Length that is no number": lambda c: form.post(c, form.fill(), CONTENT_LENGTH="abc"),
    }


@pytest.mark.parametrize("name", sorted([*STORING, *LOOKUPS]))
def test_oversized_bodies_get_a_chinese_413_or_400_and_store_nothing(browser, every_form, name):
    """I1, X6: every public form, every way of sending too much."""
    for case, send in oversized(every_form[name]).items():
        before = row_counts()
        refused_in_chinese(send(browser), 400, 413)
        assert changes(before) == {}, case


# Malformed Unicode: no 500, what is stored is valid text

MALFORMED = {
    "invalid UTF-8": b"\xff\xfe\xfd\x80abc\xc3", "percent-encoded invalid UTF-8": b"%FF%FE%80abcdefghij",
    "a lone surrogate": b"%ED%A0%80abcdefghij", "an overlong slash and dot": b"%C0%AF%C0%AEabcdefghij",
    "NUL": b"abc%00defghij", "an RTL override": quote("\u202e反转的文字内容，看起来正常").encode(),
    "10,000 combining characters": quote("a" + "\u0301" * 10_000).encode(),
    "a surrogate pair spelt as two escapes": quote("\ud83d\ude00字字字字字字字字字字", errors="surrogatepass").encode(),
}


def sent_as_text_or_refused(form: PublicForm, response, before: dict[str, int]) -> None:
    """Accepted: every text stored is valid; refused: a Chinese message and nothing stored."""
    if response.status_code == form.accepted:
        stored = changes(before)
        assert stored and all(valid_text(text) for text in newest_texts(stored))
        return
    refused_in_chinese(response, 400)
    assert changes(before) == {}


@pytest.mark.parametrize("name", STORING)
def test_malformed_unicode_in_every_text_field_is_stored_as_valid_text_or_refused(browser, storing_forms, name):
    """I1, X6: every free-text field of every storing form, each kind of broken text."""
    form = storing_forms[name]
    for field in form.text_fields:
        for value in MALFORMED.values():
            before = row_counts()
            sent_as_text_or_refused(form, form.post(browser, form.raw(field, value)), before)


@pytest.mark.parametrize("path", [
    "/hudong/%FF%FE/", "/%ED%A0%80/", "/hudong/xiexin/%C0%AF", "/zwyw/%E2%80%AE/", "/%00/", "/" + "%CC%81" * 2000,
    "/hudong/zhishi/?q=%FF%FE%ED%A0%80%00", "/hudong/zhishi/similar/?q=%C0%AF%C0%AE%00%E2%80%AE",
    "/hudong/xinjian/?kind=%FF&page=%ED%A0%80", "/hudong/tongji/?year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96",
    "/hudong/zhaocuo/?url=%FF%00javascript:alert(1)", "/?q=" + "%CC%81" * 10_000, "/hudong/xiexin/?kind=%00%FF",
])
def test_malformed_unicode_in_paths_and_query_strings_answers_without_error(browser, portal, path):
    checked(browser.get(path), 200, 404)


@given(value=st.one_of(st.binary(max_size=80), st.text(max_size=40).map(
    lambda text: quote(text, errors="surrogatepass").encode())))
@FEWER
def test_arbitrary_bytes_in_a_letter_and_a_search_never_break_the_public_app(browser, storing_forms, value):
    """I1, X6 (hypothesis): any bytes as a letter's title and a search's query."""
    form = storing_forms["letter"]
    before = row_counts()
    sent_as_text_or_refused(form, form.post(browser, form.raw("title", value)), before)
    checked(browser.get("/hudong/zhishi/", QUERY_STRING="q=" + value.decode("iso-8859-1")), 200)


# Wrong methods, CSRF, Host

@pytest.mark.parametrize("method", ["put", "delete", "patch", "trace"])
def test_wrong_methods_are_refused_on_every_form(every_form, method):
    """X6: a public form is shown (GET) and sent (POST); PUT, DELETE, PATCH and TRACE get 405 naming the methods
    it takes (the forms' guard says so in Chinese; the reply download takes POST only)."""
    strict = PublicClient(enforce_csrf_checks=True)
    for form in every_form.values():
        response = getattr(strict, method)(form.url, HTTP_HOST=form.host)
        body = checked(response, 405)
        assert method.upper() not in response["Allow"] and "POST" in response["Allow"]
        assert "GET" not in response["Allow"] or "此地址只接受浏览和提交表单" in body


def test_a_post_without_or_with_a_wrong_csrf_token_is_refused_and_stores_nothing(every_form):
    """X6: the forms' own CSRF check (formguard.bodysize) answers 403 in Chinese; nothing is stored."""
    strict = PublicClient(enforce_csrf_checks=True)
    strict.cookies["csrftoken"] = "x" * 32
    for form in every_form.values():
        for token in ({}, {"csrfmiddlewaretoken": "y" * 32}):
            before = row_counts()
            refused_in_chinese(form.post(strict, {**form.fill(), **token}), 403)
            assert changes(before) == {}


@pytest.mark.parametrize("host", ["evil.example", "evil.example<script>", "a b", "x" * 300 + ".com:999999", "[::1",
                                  "..\\..", "testserver/../../etc", "例子.测试", "testserver:80:80"])
def test_an_absurd_host_header_gets_a_chinese_400(browser, storing_forms, settings, host):
    """X6: with the hosts production allows (GOVSITE_ALLOWED_HOSTS, required there), any other or malformed Host
    header gets a Chinese 400 page, on a page and on a form, and nothing is stored."""
    settings.ALLOWED_HOSTS = ["testserver", "jtj.localhost", ".ceshi.gov.cn"]
    refused_in_chinese(browser.get("/", HTTP_HOST=host), 400)
    form = storing_forms["letter"]
    before = row_counts()
    refused_in_chinese(browser.post(form.url, form.fill(), HTTP_HOST=host), 400)
    assert changes(before) == {}
