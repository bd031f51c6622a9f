"""Hashing audit entries and appending them to the chain, one at a time (X1)."""

from __future__ import annotations

import hashlib
import ipaddress
import json
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from govsite.registry.models import SiteRecord

from .actions import action_label
from .models import GENESIS_HASH, AuditArchive, AuditChainHead, AuditEntry

HEAD_PK = 1
# Every stored value except `hash` itself. Left out: the row id the database assigns after
# hashing, and the actor and site foreign keys, which SET_NULL may legitimately clear; the
# names they pointed to are kept and hashed in actor_name and site_name.
HASHED_FIELDS = (
    "seq", "at", "actor_name", "action", "action_label", "object_type", "object_id",
    "object_repr", "site_name", "ip", "data", "prev_hash",
)


class ObjectRef(NamedTuple):
    """An object known only by type, id and name, such as the subject of a Wagtail log entry."""

    object_type: str
    object_id: str
    object_repr: str


def canonical_payload(entry: AuditEntry) -> dict[str, Any]:
    """The hashed fields as JSON-ready values: times as UTC ISO strings."""
    payload = {name: getattr(entry, name) for name in HASHED_FIELDS}
    payload["at"] = entry.at.astimezone(UTC).isoformat()
    return payload


def entry_hash(entry: AuditEntry) -> str:
    """SHA-256 over canonical JSON (sorted keys, no ASCII escaping, no spaces) of the entry."""
    text = json.dumps(canonical_payload(entry), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chain_anchor() -> tuple[int, str]:
    """(seq, hash) the remaining entries continue from: the latest archive's end, or the genesis."""
    archive = AuditArchive.objects.order_by("-last_seq").first()
    return (archive.last_seq, archive.last_hash) if archive else (0, GENESIS_HASH)


def _chain_tip() -> tuple[int, str]:
    """(seq, hash) of the newest stored entry, else the anchor; seeds a missing head row."""
    last = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
    return last or chain_anchor()


def locked_head() -> AuditChainHead:
    """The chain head, locked until the surrounding transaction ends, so appends are serialised."""
    head = AuditChainHead.objects.select_for_update().filter(pk=HEAD_PK).first()
    if head is None:
        seq, digest = _chain_tip()
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(
            pk=HEAD_PK, defaults={"last_seq": seq, "last_hash": digest}
        )
    return head


def _clip(value: Any, field_name: str) -> str:
    """A string cut to the column's length before hashing, so what is stored is what was hashed."""
    return str(value or "")[: AuditEntry._meta.get_field(field_name).max_length]


def _clean_ip(value: str | None) -> str | None:
    """The address as the database will return it; anything that is not an IP is dropped."""
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    return clean_ipv6_address(str(address)) if address.version == 6 else str(address)


def _plain_json(data: dict | None) -> dict:
    """The data as it will read back from the JSON column (dates to strings, tuples to lists)."""
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))


def _object_fields(obj: models.Model | ObjectRef | None) -> ObjectRef:
    """Type, id and name of the object acted on."""
    if obj is None or isinstance(obj, ObjectRef):
        return obj or ObjectRef("", "", "")
    return ObjectRef(obj._meta.label_lower, str(obj.pk), str(obj))


def _site_of(obj) -> SiteRecord | None:
    """The object itself when it is a site record, so site registry actions are filed by site."""
    return obj if isinstance(obj, SiteRecord) else None


def record(
    action: str,
    *,
    actor=None,
    obj: models.Model | ObjectRef | None = None,
    site: SiteRecord | None = None,
    ip: str | None = None,
    data: dict | None = None,
    label: str | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry to the chain (X1); the only way entries are written."""
    actor = actor if actor is not None and actor.is_authenticated else None
    site = site or _site_of(obj)
    ref = _object_fields(obj)
    entry = AuditEntry(
        actor=actor,
        actor_name=_clip(actor.get_username() if actor else "", "actor_name"),
        action=_clip(action, "action"),
        action_label=_clip(label or action_label(action), "action_label"),
        object_type=_clip(ref.object_type, "object_type"),
        object_id=_clip(ref.object_id, "object_id"),
        object_repr=_clip(ref.object_repr, "object_repr"),
        site=site,
        site_name=_clip(site.name if site else "", "site_name"),
        ip=_clean_ip(ip),
        data=_plain_json(data),
    )
    with transaction.atomic():
        head = locked_head()
        # Stamped under the lock, so time never runs backwards along the chain.
        entry.at = at or timezone.now()
        entry.seq, entry.prev_hash = head.last_seq + 1, head.last_hash
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
        head.last_seq, head.last_hash = entry.seq, entry.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return entry
