"""A citizen applies for government information on the demo portal in chromium and follows the
application to the signed 答复书 (I9); a step of the demo portal's browser test."""

from __future__ import annotations

from docx import Document

DESCRIPTION = "2026年本市中小学校舍维修项目的立项批复文件"
REPLY = "现将《2026年中小学校舍维修项目立项批复》全文提供给您，见附件。"


def follow_application(url: str, page, solve_captcha, code: str, password: str) -> str:
    """The applicant's 申请查询 with the code and password; returns the status shown."""
    page.goto(url + "/xxgk/ysq/chaxun/")
    page.get_by_role("textbox", name="查询码").fill(code)
    page.get_by_label("查询密码").fill(password)
    solve_captcha(page)
    page.get_by_role("button", name="查询").click()
    return page.locator("#req-status").inner_text()


def apply_online(url: str, page, solve_captcha) -> tuple[str, str]:
    """Fill in and submit the online application; the query code and password the page shows once."""
    page.goto(url + "/xxgk/ysq/")
    page.get_by_role("link", name="在线申请").first.click()
    page.get_by_label("自然人").check()
    page.get_by_role("textbox", name="姓名").fill("李四")
    page.get_by_role("textbox", name="身份证件号码").fill("11010519491231002X")
    page.get_by_role("textbox", name="联系电话").fill("13987654321")
    page.get_by_role("textbox", name="所需政府信息的名称、文号或描述").fill(DESCRIPTION)
    page.get_by_label("网上查看").check()
    page.get_by_label("我已阅读并同意《个人信息处理说明》").check()
    solve_captcha(page)
    page.get_by_role("button", name="提交申请").click()
    assert page.get_by_role("heading", level=1).inner_text() == "申请已提交"
    return page.locator("#query-code").inner_text(), page.locator("#query-password").inner_text()


def a_citizen_applies_for_information_and_reads_the_reply(url: str, page, solve_captcha) -> None:
    """Apply, follow (awaiting confirmation), the office confirms, drafts and signs, follow again, download."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from govsite.disclosure import requests
    from govsite.disclosure.models import InformationRequest
    from govsite.disclosure.rules import Outcome

    code, password = apply_online(url, page, solve_captcha)
    assert follow_application(url, page, solve_captcha, code, password) == "待确认收到"

    users = get_user_model().objects
    handler, head = users.get(username="portal_disclosure_handler"), users.get(username="portal_disclosure_head")
    req = InformationRequest.objects.get(query_code=code)
    req = requests.confirm_receipt(req, handler, timezone.localdate())
    req = requests.draft_reply(req, handler, Outcome.GRANTED, REPLY)
    requests.sign_reply(req, head)

    assert follow_application(url, page, solve_captcha, code, password) == "已答复"
    timeline = page.locator(".timeline").inner_text()
    for step in ("申请已提交，等待受理机关确认收到", "受理机关已确认收到申请", "已答复：予以公开"):
        assert step in timeline
    reply = page.locator("#reply").inner_text()
    assert REPLY in reply and DESCRIPTION in reply and "弥勒市人民政府" in reply
    with page.expect_download() as download:
        page.get_by_role("button", name="下载答复书（Word）").click()
    assert download.value.suggested_filename == f"{req.number}-答复书.docx"
    document = Document(str(download.value.path()))
    assert REPLY in "\n".join(p.text for p in document.paragraphs)
