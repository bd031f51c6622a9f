"""The body-size guard (I1): a Chinese 413 before the body is read, and CSRF still checked."""

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("govsite.formguard.tests.urls")]


def test_a_body_over_the_limit_gets_a_chinese_413(client):
    refused = client.post("/upload/", {"text": "字" * 2000})
    assert refused.status_code == 413
    html = refused.content.decode()
    assert "提交的内容（含附件）超过了2 KB的上限" in html and 'class="sitefooter"' in html


def test_a_body_within_the_limit_reaches_the_view(client):
    accepted = client.post("/upload/", {"text": "字" * 100})
    assert accepted.status_code == 200 and accepted.content.decode() == "收到100字"


def test_the_csrf_check_still_runs_after_the_size_check():
    browser = Client(enforce_csrf_checks=True)
    assert browser.post("/upload/", {"text": "字" * 2000}).status_code == 413
    assert browser.post("/upload/", {"text": "短"}).status_code == 403
    browser.get("/message/")
    token = browser.cookies["csrftoken"].value
    assert browser.post("/upload/", {"text": "短", "csrfmiddlewaretoken": token}).status_code == 200


def test_fields_over_djangos_memory_limit_also_get_the_chinese_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    refused = client.post("/upload/", {"text": "a" * 500})
    assert refused.status_code == 413 and "超过了100 字节的上限" in refused.content.decode()
