"""Whose guides a user checks: the sites of every unit group they belong to; the portal office checks all."""

from __future__ import annotations

from django.db.models import QuerySet

from govsite.participation.access import supervises
from govsite.registry.models import SiteRecord
from govsite.review.models import RoleGroup


def checked_records(user) -> QuerySet[SiteRecord]:
    records = SiteRecord.objects.select_related("site__root_page").order_by("pk")
    if supervises(user):
        return records
    own = RoleGroup.objects.filter(group__user=user, record__isnull=False).values("record")
    return records.filter(pk__in=own)
