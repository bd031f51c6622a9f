"""Who may see and do what with an application: the receiving unit's office, its head, the portal office."""

from __future__ import annotations

from django.db.models import QuerySet

from govsite.interaction.access import supervises, units_where
from govsite.review.roles import Role

from .models import InformationRequest


def requests_for(user) -> QuerySet[InformationRequest]:
    """All applications for the portal office; those of the user's units for the disclosure roles."""
    if supervises(user):
        return InformationRequest.objects.all()
    units = units_where(user, Role.DISCLOSURE_HANDLER, Role.DISCLOSURE_HEAD)
    return InformationRequest.objects.filter(record__in=units)


def sees_applicant(user, req: InformationRequest) -> bool:
    """Name, ID number, phone and address only for the office handling the application (X7)."""
    return req.record_id in units_where(user, Role.DISCLOSURE_HANDLER, Role.DISCLOSURE_HEAD)


def handles(user, req: InformationRequest) -> bool:
    """The user handles the unit's applications."""
    return req.record_id in units_where(user, Role.DISCLOSURE_HANDLER)


def approves(user, req: InformationRequest) -> bool:
    """The user heads the unit's disclosure office: extensions and replies need them (Art. 33)."""
    return req.record_id in units_where(user, Role.DISCLOSURE_HEAD)
