"""The public app carries no admin route (X4); the back office does."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(ROOT_URLCONF="govsite.urls_public")
def test_public_app_has_no_admin(client, portal):
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404
    assert client.get("/").status_code == 200


def test_back_office_serves_the_chinese_admin_login(client, portal):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="zh-hans"' in body and "登录" in body
