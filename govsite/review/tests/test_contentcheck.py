"""Content checks on items (P6): in the text and attachments, shown to editors, gating every approval."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from govsite.content.models import ArticlePage, ContentAttachment
from govsite.content.tests.factories import column_of
from govsite.review.contentcheck import check_item
from govsite.review.forms import CONFIDENTIALITY_CHECKLIST
from govsite.review.models import ContentCheckOverride
from govsite.review.roles import Role

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"  # a valid check digit
CHECKLIST = {name: True for name, _label in CONFIDENTIALITY_CHECKLIST}


def xlsx_with(text: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["姓名", "身份证号"])
    book.active.append(["张三", text])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def submitted_item(portal, editor, body: str, attachment: bytes | None = None) -> ArticlePage:
    page = ArticlePage(title="关于发放补贴的公示", body=body, live=False)
    if attachment:
        document = get_document_model()(title="补贴名单", collection=portal.collection)
        document.file.save("mingdan.xlsx", ContentFile(attachment), save=False)
        document.save()
        page.attachments.add(ContentAttachment(document=document))
    column_of(portal, "测试要闻").add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return ArticlePage.objects.get(pk=page.pk)


@pytest.fixture
def people(portal, make_user):
    return {name: make_user(name, role, portal) for name, role in (
        ("editor", Role.EDITOR), ("first", Role.FIRST_REVIEW), ("final", Role.FINAL_REVIEW))}


def test_findings_in_text_and_attachments(portal, people):
    page = submitted_item(portal, people["editor"], "<p>联系电话13812345678。</p>", xlsx_with(ID_NUMBER))
    found = {(f.source, f.finding.kind) for f in check_item(page)}
    assert ("正文", "mobile") in found
    assert ("附件《补贴名单》", "id_number") in found


def test_blocking_findings_stop_approval_until_final_reviewer_overrides(client, portal, people):
    page = submitted_item(portal, people["editor"], f"<p>申请人身份证号{ID_NUMBER}。</p>")
    state = page.current_workflow_task_state
    with pytest.raises(PermissionDenied, match="内容检查发现须修改的问题"):
        page.current_workflow_task.specific.on_action(state, people["first"], "approve", comment="", **CHECKLIST)

    client.force_login(people["first"])  # not a 终审 reviewer
    assert client.get(reverse("review_content_override", args=[page.pk])).status_code == 302
    client.force_login(people["final"])
    form = client.get(reverse("review_content_override", args=[page.pk])).content.decode()
    assert "1101**********002X" in form
    client.post(reverse("review_content_override", args=[page.pk]), {"reason": "身份证号为示例号码，经核实不属个人信息"})
    assert ContentCheckOverride.objects.get().decided_by == people["final"]

    page = ArticlePage.objects.get(pk=page.pk)
    page.current_workflow_task.specific.on_action(
        page.current_workflow_task_state, people["first"], "approve", comment="", **CHECKLIST)
    assert ArticlePage.objects.get(pk=page.pk).current_workflow_task.specific.level == Role.SECOND_REVIEW


def test_editor_sees_findings_inline(client, portal, people):
    page = submitted_item(portal, people["editor"], "<p>联系电话13812345678。</p>")
    client.force_login(people["first"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "内容检查发现 1 处问题" in html and "138****5678" in html
