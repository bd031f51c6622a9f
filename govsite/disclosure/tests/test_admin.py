"""The office's back office of applications through real requests, logged in as each role (I9, X7)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from govsite.audit.actions import EXPORT
from govsite.audit.models import AuditEntry
from govsite.disclosure.models import InformationRequest
from govsite.disclosure.wagtail_hooks import LOG_ACTIONS
from govsite.interaction.tests.test_admin import denied, text

pytestmark = pytest.mark.django_db
INDEX, HANDLE = "information_requests:index", "information_requests:handle"


def act(client, req, action: str, **fields):
    data = {"action": action, **{f"{action}-{name}": value for name, value in fields.items()}}
    return client.post(reverse(HANDLE, args=[req.pk]), data, follow=True)


def status_of(req) -> str:
    return InformationRequest.objects.get(pk=req.pk).status


@pytest.fixture
def submitted(apply):
    return apply(timezone.localdate(), name="赵六")


def test_the_handler_confirms_drafts_and_the_head_signs(client, office, submitted):
    client.force_login(office.handler)
    listing = text(client.get(reverse(INDEX)))
    assert submitted.number in listing and "待确认收到" in listing
    page = text(client.get(reverse(HANDLE, args=[submitted.pk])))
    assert "赵六" in page and "确认收到申请" in page and "签发答复书" not in page

    today = timezone.localdate().isoformat()
    page = text(act(client, submitted, "confirm", received_on=today))
    assert "已确认收到" in page and status_of(submitted) == "processing"
    assert InformationRequest.objects.get(pk=submitted.pk).due_on is not None

    page = text(act(client, submitted, "draft", outcome="granted", text="现将立项批复文件提供给您。"))
    assert "答复已提交负责人签发" in page and "现将立项批复文件提供给您。" in page

    client.force_login(office.head)
    page = text(act(client, submitted, "sign"))
    assert "答复书已签发" in page and status_of(submitted) == "answered"
    response = client.get(reverse("information_requests:letter", args=[submitted.pk]))
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "政府信息公开申请答复书" in body and "现将立项批复文件提供给您。" in body and "赵六" in body
    export = AuditEntry.objects.get(action=EXPORT)  # the applicant's name left the platform (X7)
    assert export.actor == office.head and export.data["contains_personal_data"] is True


def test_bad_input_is_refused_in_chinese_and_changes_nothing(client, office, submitted):
    client.force_login(office.handler)
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    page = text(act(client, submitted, "confirm", received_on=tomorrow))
    assert "收到日期不能晚于今天" in page and status_of(submitted) == "submitted"
    act(client, submitted, "confirm", received_on=timezone.localdate().isoformat())
    page = text(act(client, submitted, "extension", days="25", reason="材料多"))
    assert "最长不得超过 20 个工作日" in page and "材料多" in page  # what was typed is kept
    assert not submitted.extensions.exists()
    page = text(act(client, submitted, "correction", items="", deadline="2020-01-01"))
    assert "请检查填写的内容" in page and status_of(submitted) == "processing"


def test_other_units_and_the_head_cannot_take_the_handlers_steps(client, office, submitted):
    client.force_login(office.other_handler)
    assert denied(client.get(reverse(HANDLE, args=[submitted.pk])))
    assert submitted.number not in text(client.get(reverse(INDEX)))
    client.force_login(office.head)
    response = act(client, submitted, "confirm", received_on=timezone.localdate().isoformat())
    assert denied(response) and status_of(submitted) == "submitted"


def test_the_supervising_office_sees_every_request_with_the_applicant_masked(client, office, submitted):
    client.force_login(office.portal_office)
    page = text(client.get(reverse(HANDLE, args=[submitted.pk])))
    assert "赵六" not in page and "赵*" in page
    assert "确认收到申请" not in page


def test_every_step_is_a_registered_log_action(office, submitted):
    from wagtail.models import ModelLogEntry

    assert set(ModelLogEntry.objects.values_list("action", flat=True).filter(
        action__startswith="govsite.disclosure")) <= set(LOG_ACTIONS)
