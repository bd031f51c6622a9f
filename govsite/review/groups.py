"""Creating the permission groups of each role, platform-wide and per site."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from .models import RoleGroup
from .roles import (
    COLLECTION_PERMISSIONS,
    MODEL_PERMISSIONS,
    PAGE_PERMISSIONS,
    PLATFORM_ROLES,
    UNIT_ROLES,
    Role,
    group_name,
)


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _ensure_group(role: Role, record=None) -> Group:
    binding = RoleGroup.objects.filter(role=role, record=record).select_related("group").first()
    if binding:
        group = binding.group
    else:
        group, _ = Group.objects.get_or_create(name=group_name(role, record.name if record else None))
        RoleGroup.objects.create(group=group, role=role, record=record)
    group.permissions.set([_permission(p) for p in MODEL_PERMISSIONS[role]])  # the role's current grant
    return group


def _grant_pages(group: Group, role: Role, page: Page) -> None:
    """Exactly the role's page permissions on `page` (a renamed Wagtail group loses its own)."""
    wanted = PAGE_PERMISSIONS.get(role, ())
    GroupPagePermission.objects.filter(group=group).exclude(
        page=page, permission__codename__in=wanted
    ).delete()
    for codename in wanted:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission(f"wagtailcore.{codename}")
        )


def _grant_collection(group: Group, role: Role, collection: Collection) -> None:
    wanted = COLLECTION_PERMISSIONS.get(role, ())
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=collection, permission__codename__in=[d.split(".")[1] for d in wanted]
    ).delete()
    for dotted in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(dotted)
        )


@transaction.atomic
def ensure_platform_groups() -> dict[Role, Group]:
    """The platform-wide groups; Wagtail's English default groups are replaced."""
    Group.objects.filter(name="Editors", role__isnull=True).delete()
    moderators = Group.objects.filter(name="Moderators", role__isnull=True).first()
    if moderators and not Group.objects.filter(name=Role.PORTAL_OFFICE.label).exists():
        moderators.name = Role.PORTAL_OFFICE.label
        moderators.permissions.clear()
        moderators.save()
    groups = {role: _ensure_group(role) for role in PLATFORM_ROLES}
    _grant_pages(groups[Role.PORTAL_OFFICE], Role.PORTAL_OFFICE, Page.get_first_root_node())
    _grant_collection(groups[Role.PORTAL_OFFICE], Role.PORTAL_OFFICE, Collection.get_first_root_node())
    return groups


@transaction.atomic
def ensure_unit_groups(record) -> dict[Role, Group]:
    """The unit groups of one site, scoped to its pages and its collection."""
    groups = {role: _ensure_group(role, record) for role in UNIT_ROLES}
    for role, group in groups.items():
        _grant_pages(group, role, record.site.root_page)
        if record.collection_id:
            _grant_collection(group, role, record.collection)
    return groups
