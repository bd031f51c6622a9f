"""The platform's roles (P4, X1) and the permissions each one is given; no Django import."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SYSTEM_ADMIN = "system_admin"
    AUDITOR = "auditor"
    PORTAL_OFFICE = "portal_office"
    EDITOR = "editor"
    FIRST_REVIEW = "first_review"
    SECOND_REVIEW = "second_review"
    FINAL_REVIEW = "final_review"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def per_site(self) -> bool:
        """Unit roles are scoped to one site; platform roles span all sites."""
        return self in UNIT_ROLES


ROLE_LABELS = {
    Role.SYSTEM_ADMIN: "系统管理员",
    Role.AUDITOR: "安全审计员",
    Role.PORTAL_OFFICE: "网站主管",
    Role.EDITOR: "内容编辑",
    Role.FIRST_REVIEW: "初审",
    Role.SECOND_REVIEW: "复审",
    Role.FINAL_REVIEW: "终审",
}

PLATFORM_ROLES = (Role.SYSTEM_ADMIN, Role.AUDITOR, Role.PORTAL_OFFICE)
UNIT_ROLES = (Role.EDITOR, Role.FIRST_REVIEW, Role.SECOND_REVIEW, Role.FINAL_REVIEW)

# Model permissions ("app_label.codename") each role holds; page permissions are per site.
MODEL_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.SYSTEM_ADMIN: (
        "wagtailadmin.access_admin",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.change_group",
    ),
    Role.AUDITOR: ("wagtailadmin.access_admin",),
    Role.PORTAL_OFFICE: (
        "wagtailadmin.access_admin",
        "columns.change_column_structure",
        "columns.view_columnchangerequest",
        "columns.change_columnchangerequest",
        "registry.add_siterecord",
        "registry.change_siterecord",
        "registry.view_siterecord",
    ),
    Role.EDITOR: (
        "wagtailadmin.access_admin",
        "columns.add_columnchangerequest",
        "columns.view_columnchangerequest",
        "registry.view_siterecord",
    ),
    Role.FIRST_REVIEW: ("wagtailadmin.access_admin",),
    Role.SECOND_REVIEW: ("wagtailadmin.access_admin",),
    Role.FINAL_REVIEW: ("wagtailadmin.access_admin",),
}

# Page permissions on the site's home page (unit roles) or the tree root (portal office).
PAGE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PORTAL_OFFICE: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    Role.EDITOR: ("add_page", "change_page"),
}

# Collection permissions on the site's own collection of attachments and images.
COLLECTION_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PORTAL_OFFICE: (
        "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
        "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
    ),
    Role.EDITOR: (
        "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
        "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
    ),
}


def group_name(role: Role, site_name: str | None = None) -> str:
    """`网站主管` for a platform role; `弥勒市教育体育局·内容编辑` for a unit role."""
    return f"{site_name}·{role.label}" if site_name else role.label
