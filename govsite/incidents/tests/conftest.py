"""Fixtures of the incidents tests: a security administrator holding the app's permissions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from govsite.review.roles import Role

MODELS = ("incident", "drill", "training", "golivereview")


@pytest.fixture
def security_admin(make_user):
    """A system administrator given add, change and view of every security record (not delete)."""
    user = make_user("security_admin", Role.SYSTEM_ADMIN)
    codenames = [f"{verb}_{model}" for verb in ("add", "change", "view") for model in MODELS]
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="incidents",
                                                         codename__in=codenames))
    return user
