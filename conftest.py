"""Fixtures shared by every test: a portal and a department site, users in each role."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

PORTAL_FIELDS = {
    "name": "测试市人民政府",
    "short_name": "测试市政府",
    "site_type": "portal",
    "sponsor": "测试市人民政府办公室",
    "organizer": "测试市电子政务中心",
    "person_in_charge": "王测试",
    "person_phone": "0873-6000000",
    "person_email": "admin@ceshi.gov.cn",
    "contact_phone": "0873-6000001",
    "site_id_code": "5325040001",
    "icp_number": "滇ICP备05001234号-1",
    "psb_number": "滇公网安备 53250402000101号",
    "domain": "www.ceshi.gov.cn",
    "chinese_domain": "测试市人民政府.政务",
    "superior_name": "云南省人民政府门户网站",
    "superior_url": "https://www.yn.gov.cn/",
}


def department_fields(parent, **overrides) -> dict:
    fields = {
        **PORTAL_FIELDS,
        "name": "测试市教育体育局",
        "short_name": "教体局",
        "site_type": "department",
        "sponsor": "测试市教育体育局",
        "site_id_code": "5325040004",
        "icp_number": "滇ICP备05001234号-4",
        "psb_number": "滇公网安备 53250402000104号",
        "domain": "jtj.ceshi.gov.cn",
        "chinese_domain": "测试市教育体育局.政务",
        "parent": parent,
    }
    fields.update(overrides)
    return fields


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Open the test portal and one department site once; each test rolls back its own changes."""
    from govsite.publishing.signals import suspended
    from govsite.registry.opening import open_site
    from govsite.review.groups import ensure_platform_groups

    with django_db_blocker.unblock(), suspended():
        ensure_platform_groups()
        portal = open_site(
            dict(PORTAL_FIELDS), hostname="testserver", template="city_portal", city="测试",
            is_default=True,
        )
        open_site(department_fields(portal), hostname="jtj.localhost", template="department", city="测试")


@pytest.fixture(autouse=True)
def fresh_site_root_paths():
    """Sites opened inside a rolled-back test must not linger in Wagtail's root-paths cache."""
    from wagtail.models import Site

    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture
def portal(db):
    from govsite.registry.models import SiteRecord

    return SiteRecord.objects.select_related("site").get(domain=PORTAL_FIELDS["domain"])


@pytest.fixture
def department(db):
    from govsite.registry.models import SiteRecord

    return SiteRecord.objects.select_related("site").get(domain="jtj.ceshi.gov.cn")


@pytest.fixture
def make_user(db):
    """A user in the group of `role`, for `record` when the role is a unit role."""
    from django.contrib.auth import get_user_model

    from govsite.review.models import RoleGroup

    def make(username: str, role, record=None, **extra):
        user = get_user_model().objects.create_user(username=username, password="Pw-12345678!x", **extra)
        if role is not None:
            user.groups.add(RoleGroup.objects.get(role=role, record=record).group)
        return user

    return make


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counts, captchas and cached indexes must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def one_rate_window(monkeypatch):
    """Each test counts its requests in one rate-limit window, however slow the machine: the windows are
    fixed blocks of clock time, and a test crossing a boundary would see its count start again."""
    from govsite.formguard import ratelimit

    start_of_hour = time.time() // 3600 * 3600 + 1
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: start_of_hour))
