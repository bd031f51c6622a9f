"""A person opens the demo portal in Debian's chromium: column, article, footer, metadata (C5, C7)."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass

import pytest
from django.core.management import call_command

from .accessibility_steps import the_public_pages_pass_an_accessibility_check
from .csp_steps import public_pages_and_the_admin_break_no_content_security_policy
from .disclosure_steps import a_citizen_applies_for_information_and_reads_the_reply
from .search_steps import a_person_searches_from_the_header_and_sees_highlighted_results

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="未安装 Debian 的 chromium 软件包，跳过浏览器测试"),
]
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class DemoCity:
    url: str
    printed: str

    def password_of(self, username: str) -> str:
        """The password `govsite demo` printed for `username`."""
        row = next(line for line in self.printed.splitlines() if line.startswith(username + "\t"))
        return row.split("\t")[1]


@pytest.fixture
def demo_city(transactional_db, live_server, tmp_path) -> DemoCity:
    """The demo city, its portal served by the live server (the default site)."""
    from wagtail.models import Page, Site

    from govsite.registry.models import SiteRecord

    SiteRecord.objects.filter(parent__isnull=False).delete()
    SiteRecord.objects.all().delete()
    Site.objects.all().delete()
    for page in Page.objects.filter(depth=2):
        page.delete()
    printed = io.StringIO()
    call_command("demo", "--port", "80", "--credentials-file", str(tmp_path / "c.txt"), stdout=printed)
    return DemoCity(live_server.url, printed.getvalue())


@pytest.fixture
def page(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; only while it runs may the ORM ignore that.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser.new_page()
        browser.close()


def test_a_person_browses_the_demo_portal(demo_city, page, settings):
    """One test, as a transactional test empties the database when it ends."""
    settings.GOVSITE_FORM_MIN_FILL_SECONDS = 0  # a person takes seconds to fill a form; the browser does not
    settings.GOVSITE_TWO_FACTOR_REQUIRED = True  # as in production and the demo
    walk_from_portal_to_a_column_and_an_article(demo_city.url, page)
    no_link_leads_to_an_empty_column(demo_city.url, page)
    keyboard_reaches_the_skip_link_with_visible_focus(demo_city.url, page)
    the_public_pages_pass_an_accessibility_check(demo_city.url, page)
    printed_login_opens_the_chinese_admin(demo_city, page)
    a_writer_follows_a_letter_until_its_reply_is_listed(demo_city.url, page)
    a_citizen_applies_for_information_and_reads_the_reply(demo_city.url, page, solve_captcha)
    public_pages_and_the_admin_break_no_content_security_policy(demo_city.url, page)
    a_person_searches_from_the_header_and_sees_highlighted_results(demo_city.url, page)


def meta(page, name: str) -> str | None:
    return page.locator(f'meta[name="{name}"]').first.get_attribute("content")


def walk_from_portal_to_a_column_and_an_article(url: str, page) -> None:
    page.goto(url + "/")
    assert meta(page, "SiteName") == "弥勒市人民政府"
    assert meta(page, "SiteIDCode") == "5325040001"

    footer = page.locator("footer")
    for text in ("我为政府网站找错", "弥勒市人民政府办公室", "5325040001", "滇ICP备05001234号-1",
                 "滇公网安备 53250402000101号", "主办单位", "联系电话"):
        assert text in footer.inner_text(), text
    assert footer.get_by_role("img", name="党政机关网站标识").count() == 1
    assert page.get_by_role("link", name="云南省人民政府门户网站").first.is_visible()

    nav = page.get_by_role("navigation", name="主栏目")
    assert nav.get_by_role("link", name="魅力弥勒").count() == 1
    nav.get_by_role("link", name="政务要闻").click()
    assert meta(page, "ColumnName") == "政务要闻"
    sub = page.get_by_role("navigation", name="下级栏目")
    assert sub.get_by_role("link", name="弥勒要闻").count() == 1
    assert sub.get_by_role("link", name="图片新闻").count() == 0  # left empty on purpose (C5)

    sub.get_by_role("link", name="弥勒要闻").click()
    assert meta(page, "ColumnType") == "工作动态"
    first = page.locator(".item-list a").first
    title = first.inner_text()
    first.click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert meta(page, "ArticleTitle") == title
    assert meta(page, "ColumnName") == "弥勒要闻"
    pub = meta(page, "PubDate")
    assert pub and len(pub) == 16 and pub[4] == "-" and pub[13] == ":"
    assert meta(page, "ContentSource")
    assert "正在建设" not in page.content()


def no_link_leads_to_an_empty_column(url: str, page) -> None:
    page.goto(url + "/")
    hrefs = {a for a in page.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
             if a and a.startswith("/")}
    for href in sorted(hrefs):
        response = page.request.get(url + href)
        assert response.status == 200, href


def keyboard_reaches_the_skip_link_with_visible_focus(url: str, page) -> None:
    page.goto(url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def authenticator_code(secret: str) -> str:
    """What a phone's authenticator app shows for the key typed in from the enrolment page (RFC 6238)."""
    import base64

    from django_otp.oath import totp

    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{totp(key):06d}"


def printed_login_opens_the_chinese_admin(city: DemoCity, page) -> None:
    """X3: the printed password, then the first sign-in's enrolment of an authenticator, then the admin."""
    page.goto(city.url + "/admin/login/")
    page.fill("input[name=username]", "portal_office")
    page.fill("input[name=password]", city.password_of("portal_office"))
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/admin/account/2fa/enrol/**")
    assert page.locator("#qr-code > svg").first.is_visible()
    page.get_by_label("验证码").fill(authenticator_code(page.locator("#totp-secret").inner_text()))
    page.get_by_role("button", name="完成绑定", exact=True).click()
    page.locator("#recovery-codes").wait_for()
    assert page.locator("#recovery-codes li").count() == 10
    page.get_by_role("link", name="我已保存，继续").click()
    page.wait_for_url(city.url + "/admin/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("link", name="网站登记").count() >= 1
    assert page.get_by_role("link", name="栏目调整申请").count() >= 1


def solve_captcha(page) -> None:
    """Type the captcha's answer, as a person reading the picture would (the server's own answer)."""
    from govsite.formguard.captcha import challenge_for

    token = page.locator("input[name=captcha_token]").input_value()
    page.fill("input[name=captcha_answer]", challenge_for(token).answer)


def follow(url: str, page, code: str, password: str) -> str:
    """The writer's 信件查询 with the code and password; returns the status shown."""
    page.goto(url + "/hudong/chaxun/")
    page.get_by_role("textbox", name="查询码").fill(code)
    page.get_by_label("查询密码").fill(password)
    solve_captcha(page)
    page.get_by_role("button", name="查询").click()
    return page.locator("#letter-status").inner_text()


def a_writer_follows_a_letter_until_its_reply_is_listed(url: str, page) -> None:
    """I1-I5: write, follow with the query code, dispatched, answered, approved and listed."""
    from django.contrib.auth import get_user_model

    from govsite.interaction import handling
    from govsite.interaction.models import Letter
    from govsite.registry.models import SiteRecord

    page.goto(url + "/")
    page.get_by_role("navigation", name="主栏目").get_by_role("link", name="政民互动").click()
    page.get_by_role("navigation", name="下级栏目").get_by_role("link", name="咨询投诉").click()
    page.get_by_role("link", name="我要咨询").click()
    page.get_by_role("textbox", name="标题").fill("新能源汽车充电桩补贴如何申请")
    page.get_by_role("textbox", name="内容").fill("我在城区小区安装了家用充电桩，请问有没有补贴，需要准备哪些材料？")
    page.get_by_role("textbox", name="姓名").fill("李四")
    page.get_by_role("textbox", name="联系电话").fill("13987654321")
    page.get_by_label("我已阅读并同意《个人信息处理说明》").check()
    solve_captcha(page)
    page.get_by_role("button", name="提交").click()
    assert page.get_by_role("heading", level=1).inner_text() == "来信已提交"
    code, password = page.locator("#query-code").inner_text(), page.locator("#query-password").inner_text()
    assert follow(url, page, code, password) == "待分拣"

    letter = Letter.objects.get(query_code=code)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=(
        "hotline", "fgj_letter_handler", "fgj_letter_approver"))}
    handling.dispatch(letter, users["hotline"], SiteRecord.objects.get(domain="fgj.mile.gov.cn"), "请答复")
    assert follow(url, page, code, password) == "办理中"
    assert "已转弥勒市发展和改革局办理" in page.locator(".timeline").inner_text()

    reply = "您好！家用充电桩可申请一次性建设补贴，请携带购车发票和安装验收单到市发改局窗口办理。"
    handling.submit_reply(letter, users["fgj_letter_handler"], reply)
    assert follow(url, page, code, password) == "答复待审核"
    assert page.locator("#reply").count() == 0  # not out before the leader approves (I4)
    handling.approve_reply(letter, users["fgj_letter_approver"])
    handling.decide_publicity(letter, users["hotline"], True)
    assert follow(url, page, code, password) == "已答复"
    assert reply in page.locator("#reply").inner_text()

    page.goto(url + "/hudong/xinjian/")
    page.get_by_role("link", name="新能源汽车充电桩补贴如何申请").click()
    assert reply in page.content() and "13987654321" not in page.content()
