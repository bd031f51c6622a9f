"""What the audit log hears about by itself (X1): Wagtail's log, logins, accounts and permissions."""

from __future__ import annotations

from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
    Page,
    PageLogEntry,
)

from govsite.registry.models import SiteRecord

from . import actions
from .chain import ObjectRef, record
from .context import client_ip, current_actor, current_ip

User = get_user_model()

# Account fields whose changes are recorded with old and new value; the password only as changed.
TRACKED_FIELDS = {
    User: ("username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser", "password"),
    Group: ("name",),
}
SECRET_FIELDS = {"password"}
ACCOUNT_ACTIONS = {
    User: (actions.USER_CREATE, actions.USER_CHANGE, actions.USER_DELETE),
    Group: (actions.GROUP_CREATE, actions.GROUP_CHANGE, actions.GROUP_DELETE),
}
MEMBERSHIP_ACTIONS = {
    User.groups.through: (actions.USER_GROUPS_ADD, actions.USER_GROUPS_REMOVE, User._meta.get_field("groups")),
    User.user_permissions.through: (
        actions.USER_PERMISSIONS_ADD,
        actions.USER_PERMISSIONS_REMOVE,
        User._meta.get_field("user_permissions"),
    ),
    Group.permissions.through: (
        actions.GROUP_PERMISSIONS_ADD,
        actions.GROUP_PERMISSIONS_REMOVE,
        Group._meta.get_field("permissions"),
    ),
}
GRANT_ACTIONS = {
    GroupPagePermission: (
        actions.PAGE_PERMISSION_GRANT,
        actions.PAGE_PERMISSION_CHANGE,
        actions.PAGE_PERMISSION_REVOKE,
    ),
    GroupCollectionPermission: (
        actions.COLLECTION_PERMISSION_GRANT,
        actions.COLLECTION_PERMISSION_CHANGE,
        actions.COLLECTION_PERMISSION_REVOKE,
    ),
}


def page_site(page_id: int | None) -> SiteRecord | None:
    """The registered site a page belongs to, so page actions are filed under their site."""
    page = Page.objects.filter(pk=page_id).first() if page_id else None
    site = page.get_site() if page else None
    return SiteRecord.objects.filter(site=site).first() if site else None


def _log_entry_site(entry) -> SiteRecord | None:
    """The site a Wagtail log entry concerns: the page's site, or the site record itself."""
    if isinstance(entry, PageLogEntry):
        return page_site(entry.page_id)
    model = entry.content_type.model_class()
    if model is SiteRecord:
        return SiteRecord.objects.filter(pk=entry.object_id).first()
    # A model names the foreign key to the site it belongs to (letters, error reports…).
    site_field = getattr(model, "audit_site_field", None)
    if site_field:
        site_id = model._base_manager.filter(pk=entry.object_id).values_list(site_field, flat=True).first()
        return SiteRecord.objects.filter(pk=site_id).first() if site_id else None
    return None


def mirror_log_entry(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """Copy each new Wagtail log entry into the chain, with its code, label, user and object."""
    if not created or raw:
        return
    content_type = instance.content_type
    record(
        instance.action,
        actor=instance.user,
        obj=ObjectRef(f"{content_type.app_label}.{content_type.model}", str(instance.object_id), instance.label),
        site=_log_entry_site(instance),
        ip=current_ip(),
        label=str(instance.message),
        data={
            "wagtail_log_id": instance.pk,
            "uuid": instance.uuid,
            "revision_id": instance.revision_id,
            "detail": instance.data,
        },
    )


def record_login(sender, request, user, **kwargs) -> None:
    """A successful login, with the client's IP."""
    record(actions.LOGIN, actor=user, obj=user, ip=client_ip(request))


def record_logout(sender, request, user, **kwargs) -> None:
    """A logout of a logged-in user."""
    if user is not None:
        record(actions.LOGOUT, actor=user, obj=user, ip=client_ip(request))


def record_login_failure(sender, credentials: dict, request=None, **kwargs) -> None:
    """A failed login: the username tried, never the password; an unknown name has no actor."""
    username = str(credentials.get(User.USERNAME_FIELD) or "")[:150]
    account = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    record(actions.LOGIN_FAILED, actor=account, obj=account, ip=client_ip(request), data={"username": username})


def _only_last_login(update_fields) -> bool:
    """Django saves `last_login` alone at every login; that is the login, not an account change."""
    return update_fields is not None and set(update_fields) <= {"last_login"}


def remember_before(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    """Keep the tracked values as stored, to record what a save changes."""
    if raw or instance.pk is None or _only_last_login(update_fields):
        return
    fields = TRACKED_FIELDS[sender]
    instance._audit_before = sender._base_manager.filter(pk=instance.pk).values(*fields).first()


def _changes(sender, before: dict | None, instance) -> dict:
    """Tracked fields that differ: [old, new], or just `true` for a secret such as the password."""
    changes = {}
    for name in TRACKED_FIELDS[sender]:
        old, new = (before or {}).get(name), getattr(instance, name)
        if old != new:
            changes[name] = True if name in SECRET_FIELDS else [old, new]
    return changes


def _snapshot(sender, instance) -> dict:
    """The tracked values of a created or deleted account, secrets left out."""
    return {name: getattr(instance, name) for name in TRACKED_FIELDS[sender] if name not in SECRET_FIELDS}


def record_account_saved(sender, instance, created: bool, raw: bool = False, update_fields=None, **kwargs) -> None:
    """A user or group created, or changed in a tracked field."""
    if raw or _only_last_login(update_fields):
        return
    create, change, _delete = ACCOUNT_ACTIONS[sender]
    if created:
        data = _snapshot(sender, instance)
    else:
        data = {"changes": _changes(sender, getattr(instance, "_audit_before", None), instance)}
        if not data["changes"]:
            return
    record(create if created else change, actor=current_actor(), obj=instance, ip=current_ip(), data=data)


def record_account_deleted(sender, instance, **kwargs) -> None:
    """A user or group deleted."""
    _create, _change, delete = ACCOUNT_ACTIONS[sender]
    data = _snapshot(sender, instance)
    record(delete, actor=current_actor(), obj=instance, ip=current_ip(), data=data)


def _item_names(model: type[models.Model], pks) -> list[str]:
    """Names of the groups, users or permissions added or removed; permissions as `app.codename`."""
    if model is Permission:
        rows = Permission.objects.filter(pk__in=pks).values_list("content_type__app_label", "codename")
        return sorted(f"{app_label}.{codename}" for app_label, codename in rows)
    return sorted(str(item) for item in model._default_manager.filter(pk__in=pks))


def record_membership(sender, instance, action: str, reverse: bool, model, pk_set, **kwargs) -> None:
    """Users joining or leaving groups, and permissions given to or taken from users and groups."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    add, remove, field = MEMBERSHIP_ACTIONS[sender]
    if action == "pre_clear":
        accessor = field.remote_field.get_accessor_name() if reverse else field.name
        pk_set = set(getattr(instance, accessor).values_list("pk", flat=True))
    if not pk_set:
        return
    record(
        add if action == "post_add" else remove,
        actor=current_actor(),
        obj=instance,
        ip=current_ip(),
        data={"operation": action.split("_", 1)[1], "items": _item_names(model, pk_set)},
    )


def _related_name(instance, field: str) -> str:
    """A related object's name, or its id if a cascading delete has already removed it."""
    try:
        return str(getattr(instance, field))
    except ObjectDoesNotExist:
        return f"#{getattr(instance, f'{field}_id')}"


def _grant_details(instance) -> tuple[str, SiteRecord | None, dict]:
    """Name, site and details of a page or collection permission of a group."""
    permission = f"{instance.permission.content_type.app_label}.{instance.permission.codename}"
    data = {"group": _related_name(instance, "group"), "permission": permission}
    if isinstance(instance, GroupPagePermission):
        target, site = _related_name(instance, "page"), page_site(instance.page_id)
        data["page_id"] = instance.page_id
    else:
        target = _related_name(instance, "collection")
        site = SiteRecord.objects.filter(collection_id=instance.collection_id).first()
        data["collection_id"] = instance.collection_id
    return f"{data['group']}：{permission}（{target}）", site, data


def record_grant(sender, instance, signal, created: bool = False, raw: bool = False, **kwargs) -> None:
    """A page or collection permission granted to, changed for or revoked from a group."""
    if raw:
        return
    grant, change, revoke = GRANT_ACTIONS[sender]
    action = revoke if signal is post_delete else grant if created else change
    name, site, data = _grant_details(instance)
    obj = ObjectRef(instance._meta.label_lower, str(instance.pk), name)
    record(action, actor=current_actor(), obj=obj, site=site, ip=current_ip(), data=data)


def connect() -> None:
    """Connect every receiver to its sender; called once from `AuditConfig.ready`."""
    for log_model in (PageLogEntry, ModelLogEntry):
        post_save.connect(mirror_log_entry, sender=log_model, dispatch_uid=f"audit.mirror.{log_model.__name__}")
    user_logged_in.connect(record_login, dispatch_uid="audit.login")
    user_logged_out.connect(record_logout, dispatch_uid="audit.logout")
    user_login_failed.connect(record_login_failure, dispatch_uid="audit.login_failed")
    for model in ACCOUNT_ACTIONS:
        pre_save.connect(remember_before, sender=model, dispatch_uid=f"audit.before.{model.__name__}")
        post_save.connect(record_account_saved, sender=model, dispatch_uid=f"audit.saved.{model.__name__}")
        post_delete.connect(record_account_deleted, sender=model, dispatch_uid=f"audit.deleted.{model.__name__}")
    for through in MEMBERSHIP_ACTIONS:
        m2m_changed.connect(record_membership, sender=through, dispatch_uid=f"audit.m2m.{through.__name__}")
    for model in GRANT_ACTIONS:
        post_save.connect(record_grant, sender=model, dispatch_uid=f"audit.grant.{model.__name__}")
        post_delete.connect(record_grant, sender=model, dispatch_uid=f"audit.revoke.{model.__name__}")
