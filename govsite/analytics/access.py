"""Who sees which site's statistics: the portal office every site, a unit's staff their own site only."""

from __future__ import annotations

from django.db.models import QuerySet

from govsite.interaction.access import supervises, units_where
from govsite.registry.models import SiteRecord
from govsite.review.roles import Role

VIEW_PERMISSION = "analytics.view_statistics"
UNIT_ROLES = (Role.EDITOR, Role.FIRST_REVIEW, Role.SECOND_REVIEW, Role.FINAL_REVIEW, Role.PRINCIPAL)


def oversees(user) -> bool:
    """The portal office (or a superuser) supervises every site and sees the platform summary."""
    return bool(getattr(user, "is_superuser", False)) or supervises(user)


def sites_for(user) -> QuerySet[SiteRecord]:
    """The sites whose statistics `user` may open; none without the permission."""
    if not user.has_perm(VIEW_PERMISSION):
        return SiteRecord.objects.none()
    if oversees(user):
        return SiteRecord.objects.all()
    return SiteRecord.objects.filter(pk__in=units_where(user, *UNIT_ROLES))
