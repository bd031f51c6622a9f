"""Who may see and do what with a letter: the hotline centre, the unit it is dispatched to, the office."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from govsite.review.models import RoleGroup
from govsite.review.roles import Role

from .models import ErrorReport, Letter


def _roles(user) -> set[tuple[str, int | None]]:
    """(role, site id) pairs the user holds, read once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if not hasattr(user, "_govsite_roles"):
        user._govsite_roles = set(RoleGroup.objects.filter(group__user=user).values_list("role", "record_id"))
    return user._govsite_roles


def holds(user, role: Role) -> bool:
    return any(held == role for held, _site in _roles(user))


def units_where(user, *roles: Role) -> set[int]:
    """The sites on which the user holds one of `roles`."""
    return {site for held, site in _roles(user) if held in roles and site is not None}


def is_hotline(user) -> bool:
    """The hotline centre receives, sorts and dispatches every letter (I2, 004 §19)."""
    return holds(user, Role.HOTLINE)


def supervises(user) -> bool:
    """The portal office oversees every site's letters and error reports."""
    return holds(user, Role.PORTAL_OFFICE)


def letters_for(user) -> QuerySet[Letter]:
    """The letters a user may open: all for the hotline and the office, else those of the user's units."""
    if is_hotline(user) or supervises(user):
        return Letter.objects.all()
    units = units_where(user, Role.LETTER_HANDLER, Role.LETTER_APPROVER)
    if not units:
        return Letter.objects.none()
    return Letter.objects.filter(Q(unit__in=units) | Q(orders__unit__in=units)).distinct()


def sees_writer(user, letter: Letter) -> bool:
    """Name, phone, ID number and address only for those handling the letter (X7): hotline and its unit."""
    if is_hotline(user):
        return True
    return letter.unit_id is not None and letter.unit_id in units_where(
        user, Role.LETTER_HANDLER, Role.LETTER_APPROVER
    )


def handles(user, letter: Letter) -> bool:
    """The user drafts replies for the unit the letter is dispatched to."""
    return letter.unit_id is not None and letter.unit_id in units_where(user, Role.LETTER_HANDLER)


def approves(user, letter: Letter) -> bool:
    """The user is a leader of the unit the letter is dispatched to (I4)."""
    return letter.unit_id is not None and letter.unit_id in units_where(user, Role.LETTER_APPROVER)


def error_reports_for(user) -> QuerySet[ErrorReport]:
    """Reports of the sites the user edits; all of them for the office and the hotline centre."""
    if supervises(user) or is_hotline(user):
        return ErrorReport.objects.all()
    return ErrorReport.objects.filter(site__in=units_where(user, Role.EDITOR))


def fixes(user, report: ErrorReport) -> bool:
    """The site's editors correct the page a report is about (I10)."""
    return report.site_id in units_where(user, Role.EDITOR)
