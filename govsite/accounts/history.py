"""Every change of an account's stored password restarts its 90-day clock and joins its history (X2)."""

from __future__ import annotations

from django.utils import timezone

from govsite.audit.context import current_actor

from .models import AccountState, PasswordRecord
from .validators import policy


def remember_stored_password(sender, instance, raw: bool = False, **kwargs) -> None:
    """`pre_save`: the hash as stored before this save, to tell whether the save changes it."""
    if not raw:
        instance._stored_password = (sender._base_manager.filter(pk=instance.pk).values_list("password", flat=True)
                                     .first() if instance.pk else None)


def record_password_change(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """`post_save`: a new hash is kept (the last five only); set by someone else means change it at first sign-in."""
    if raw or not instance.has_usable_password() or instance.password == getattr(instance, "_stored_password", None):
        return
    actor = current_actor()
    set_by_other = actor is not None and actor.pk != instance.pk
    PasswordRecord.objects.create(user=instance, encoded=instance.password)
    stale = list(PasswordRecord.objects.filter(user=instance).values_list("pk", flat=True)[policy().history:])
    PasswordRecord.objects.filter(pk__in=stale).delete()
    AccountState.objects.update_or_create(
        user=instance, defaults={"password_changed_at": timezone.now(), "password_set_by_other": set_by_other})
    instance._stored_password = instance.password
