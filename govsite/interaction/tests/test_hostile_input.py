"""Random and hostile input to every public form of letters and error reports (I1, I6, I10): never a 500,
a Chinese message on refusal, nothing half-stored: a refusal stores nothing, an acceptance one whole record."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from govsite.formguard.testing import solved_captcha
from govsite.interaction.models import ErrorReport, KnowledgeEntry, Letter
from govsite.interaction.rules import Channel, LetterKind

from .test_public import text_of

EXAMPLES = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FEWER = settings(EXAMPLES, max_examples=30)
CJK = re.compile("[\u4e00-\u9fff]")

hostile_text = st.one_of(
    st.text(max_size=50),
    st.text(st.characters(categories=["Cc", "Cf", "Cs", "Co", "Zl", "Zp", "So"]), max_size=20),
    st.sampled_from(["", "   ", "\x00", "甲\x00乙", "\ud800", "x\udfffy", "\u202e反转文字", "<script>alert(1)</script>",
                     '"><img src=x onerror=alert(1)>', "' OR 1=1 --", "😀👨‍👩‍👧", "%00", "../../etc/passwd",
                     "javascript:alert(1)", "http://[::1", "9" * 30, "-1", "[]", "{}", "null"]),
    # Just over a field's limit (title, content), or over the body size limit.
    st.builds(lambda char, n: char * n, st.sampled_from(["字", "a", "😀", "\u200b", "\n", "\x00"]),
              st.sampled_from([101, 3001, 20_000])),
)


# Wrong types: a field sent several times, or not at all.
hostile_values = st.one_of(hostile_text.map(lambda value: [value]), st.just([]),
                           st.lists(hostile_text, min_size=2, max_size=3))


def draw_form(data, fields: dict[str, str]) -> dict[str, list[str]]:
    """Up to three fields made hostile, the others valid, and a solved captcha three times in four."""
    spoiled = data.draw(st.sets(st.sampled_from(sorted(fields)), max_size=3), label="spoiled")
    form = {name: data.draw(hostile_values, label=name) if name in spoiled else [valid]
            for name, valid in fields.items()}
    if data.draw(st.integers(0, 3), label="captcha") != 3:
        form.update({name: [value] for name, value in solved_captcha().items()})
    return form


def post(client, url: str, form: dict[str, list[str]], **extra):
    """A urlencoded body built by hand, so lone surrogates reach the server as a broken client sends them."""
    body = urlencode(form, doseq=True, errors="surrogatepass")
    return client.post(url, body, content_type="application/x-www-form-urlencoded", **extra)


def check_refusal(response) -> None:
    """A refused form says why, in Chinese, for every error; an oversized body gets the Chinese 413 page."""
    page = text_of(response)
    if response.status_code == 413:
        assert "提交的内容（含附件）超过了" in page
        return
    assert response.status_code == 400, response.status_code
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S).group(0)
    errors = re.findall(r"<li>(.*?)</li>", summary, re.S)
    assert errors and all(CJK.search(error) for error in errors), errors


def outcome(response, before: int, after: int) -> bool:
    """True when the form was accepted with exactly one new record; a refusal must have stored none."""
    event(f"HTTP {response.status_code}")
    assert response.status_code < 500
    if response.status_code == 200:
        assert after == before + 1
        return True
    assert after == before
    check_refusal(response)
    return False


LETTER = {
    "kind": LetterKind.HELP, "channel": Channel.LEADER, "title": "路灯不亮", "content": "小区门口的路灯坏了一个月。",
    "name": "王五", "phone": "0873-6122000", "id_number": "11010519491231002X", "address": "测试市建设路3号",
    "email": "wangwu@example.com", "wants_public": "on", "consent": "on",
}


@given(data=st.data())
@EXAMPLES
def test_writing_a_letter(client, db, portal, data):
    cache.clear()
    form = draw_form(data, LETTER)
    before = Letter.objects.count()
    response = post(client, reverse("interaction:write"), form)
    if outcome(response, before, Letter.objects.count()):
        letter = Letter.objects.latest("pk")
        assert letter.query_code in text_of(response) and letter.kind in list(LetterKind)
        stored = letter.title + letter.content + letter.writer_name + letter.writer_address
        assert "\x00" not in stored and "\ufffd" not in letter.writer_phone
        assert 4 <= len(letter.title) <= 100 and 10 <= len(letter.content) <= 3000


@pytest.fixture
def letter(write_letter):
    return write_letter(title="只有来信人能看到的标题")


@given(data=st.data())
@FEWER
def test_following_a_letter(client, db, letter, data):
    cache.clear()
    form = draw_form(data, {"query_code": letter.query_code.lower(), "password": letter.password})
    before = Letter.objects.count()
    response = post(client, reverse("interaction:follow"), form)
    right = form["query_code"] == [letter.query_code.lower()] and form["password"] == [letter.password]
    event(f"HTTP {response.status_code}")
    assert response.status_code < 500 and Letter.objects.count() == before
    if response.status_code == 200:
        assert "只有来信人能看到的标题" in text_of(response)
    else:
        assert "只有来信人能看到的标题" not in text_of(response)
        check_refusal(response)
        assert not (right and "captcha_token" in form), "the right code and password were refused"


@given(data=st.data())
@EXAMPLES
def test_reporting_an_error(client, db, portal, department, data):
    cache.clear()
    url = data.draw(st.sampled_from(["http://testserver/zwyw/", "http://jtj.localhost/gzdt/", "/hudong/", "http://[::1"]))
    form = draw_form(data, {"url": url, "problem": ErrorReport.Problem.BROKEN_LINK,
                            "description": "链接打开后显示404。", "contact": "13612345678"})
    before = ErrorReport.objects.count()
    response = post(client, reverse("interaction:report_error"), form)
    if outcome(response, before, ErrorReport.objects.count()):
        report = ErrorReport.objects.latest("pk")
        assert report.reference in text_of(response) and report.responsible_unit
        assert "\x00" not in report.url + report.description + report.contact and len(report.url) <= 500


@pytest.fixture
def entries(department):
    KnowledgeEntry.objects.create(question="如何办理居住证？", answer="携带身份证到居住地派出所办理。", unit=department)
    KnowledgeEntry.objects.create(question="小学入学需要哪些材料？", answer="户口簿和房产证明。")
    return {"如何办理居住证？", "小学入学需要哪些材料？"}


@given(queries=st.lists(hostile_text, max_size=2))
@FEWER
def test_searching_the_knowledge_base_and_suggestions_while_typing(client, db, entries, queries):
    cache.clear()
    query = urlencode({"q": queries}, doseq=True, errors="surrogatepass")
    page = client.get(f"{reverse('interaction:knowledge')}?{query}")
    assert page.status_code == 200 and "常见问题知识库" in text_of(page)
    assert "<script>alert(1)" not in text_of(page) and "<img src=x" not in text_of(page)
    similar = client.get(f"{reverse('interaction:similar')}?{query}")
    assert similar.status_code == 200
    assert {result["question"] for result in similar.json()["results"]} <= entries


PAGES = {
    "interaction:index": (), "interaction:write": ("kind", "channel"), "interaction:follow": (),
    "interaction:letters": ("kind", "page"), "interaction:statistics": ("year",),
    "interaction:report_error": ("url",), "interaction:knowledge": ("q",),
}


@given(name=st.sampled_from(sorted(PAGES)), values=st.lists(hostile_text, min_size=1, max_size=3))
@FEWER
def test_hostile_addresses_of_every_public_page(client, db, portal, name, values):
    cache.clear()
    params = {param: values for param in PAGES[name] or ("x",)}
    response = client.get(f"{reverse(name)}?{urlencode(params, doseq=True, errors='surrogatepass')}")
    assert response.status_code == 200, response.status_code
    for pk in ("0", "99999999999999999999999"):
        assert client.get(f"/hudong/xinjian/{pk}/").status_code == 404
