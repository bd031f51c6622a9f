"""Who works on which participation items: a unit's editors on their own sites, the portal office on all."""

from __future__ import annotations

from django.db.models import QuerySet

from govsite.review.models import RoleGroup
from govsite.review.roles import Role


def _roles(user) -> set[tuple[str, int | None]]:
    """(role, site id) pairs the user holds, read once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if not hasattr(user, "_participation_roles"):
        user._participation_roles = set(
            RoleGroup.objects.filter(group__user=user).values_list("role", "record_id")
        )
    return user._participation_roles


def supervises(user) -> bool:
    """The portal office oversees every site's surveys, interviews and proposals."""
    return bool(getattr(user, "is_superuser", False)) or any(r == Role.PORTAL_OFFICE for r, _s in _roles(user))


def unit_sites(user) -> set[int]:
    """The sites whose participation items the user edits: those of the unit groups they are an editor in."""
    return {site for role, site in _roles(user) if role == Role.EDITOR and site is not None}


def scoped(queryset: QuerySet, user) -> QuerySet:
    """`queryset` (of a model with a `record`) cut to what `user` may see: all for the office."""
    if supervises(user):
        return queryset
    return queryset.filter(record__in=unit_sites(user))


def may_work_on(user, item) -> bool:
    return supervises(user) or item.record_id in unit_sites(user)
