"""The X2 password policy as Django's password validator: every form that sets a password applies it.

The history and the 90-day clock are kept by `history.record_password_change`, on every save that changes
the stored hash: `create_user` sets the hash without calling validators' `password_changed`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

from . import passwords
from .models import PasswordRecord


def policy() -> passwords.Policy:
    """The deployment's policy (GOVSITE_PASSWORD_MAX_AGE_DAYS, GOVSITE_PASSWORD_HISTORY)."""
    return passwords.Policy(history=settings.GOVSITE_PASSWORD_HISTORY,
                            max_age_days=settings.GOVSITE_PASSWORD_MAX_AGE_DAYS)


def recent_hashes(user) -> list[str]:
    """The account's current password and those before it, newest first."""
    if user is None or user.pk is None:
        return []
    stored = list(PasswordRecord.objects.filter(user=user).values_list("encoded", flat=True)[: policy().history])
    current = [user.password] if user.has_usable_password() and user.password not in stored else []
    return current + stored


def _names(user) -> list[str]:
    if user is None:
        return []
    return [user.get_username(), user.first_name, user.last_name, user.email]


class PasswordPolicyValidator:
    """Length, character classes, likeness to the name and reuse, reported together."""

    def validate(self, password: str, user=None) -> None:
        found = passwords.problems(password, _names(user), recent_hashes(user), check_password, policy())
        if found:
            raise ValidationError(found, code="password_policy")

    def get_help_text(self) -> str:
        return policy().describe()
