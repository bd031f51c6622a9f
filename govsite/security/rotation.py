"""Key rotation without downtime (X7): values move to a new data key, data keys to a new master pair.

Readers keep working throughout: every value decrypts under whichever data key sealed it, and old keys
stay in the database. Each row is rewritten only if it still holds the token that was read (compare and
swap), so a concurrent edit is never overwritten with the old text. Both rotations are safe to re-run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date

from django.db import models, transaction
from django.db.models import ExpressionWrapper, F, Q, TextField, Value
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from govsite.jobs.progress import report_progress

from .envelope import KEY_ID_LENGTH, VERSION, EnvelopeError, decrypt, seal, token_prefix
from .events import DATA_KEY_RETIRE, DATA_KEY_ROTATE, MASTER_ROTATE, master_ref, record_key_event
from .fields import EncryptedTextField, encrypted_fields
from .keyring import create_data_key, key_directory, master_key, open_data_key
from .models import DataKey

BATCH_SIZE = 500
# A value written with the old key by a request that began before the rotation is caught by the next
# pass; three passes are plenty, and a re-run catches anything later still.
MAX_PASSES = 3
_KEY_ID_START = len(VERSION) + 2  # 1-based position after "gs1:"
# How many unreadable values the audit entry of a rotation names; the count is always there.
UNREADABLE_NAMED = 20


class UnreadableValues(Exception):
    """Values no data key opens (changed in the database, or sealed under a key that is gone)."""


def _token_alias(field: EncryptedTextField) -> str:
    return f"_token_{field.attname}"


def stored_tokens(model: type[models.Model], fields: list[EncryptedTextField]) -> models.QuerySet:
    """The model's rows with each encrypted column as stored, under `_token_<name>`: tokens, not text."""
    return model._base_manager.annotate(
        **{_token_alias(f): ExpressionWrapper(F(f.attname), output_field=TextField()) for f in fields}
    )


def _sealed_elsewhere(fields: list[EncryptedTextField], prefix: str) -> Q:
    """Rows with at least one non-empty value not sealed under the key with this token prefix."""
    condition = Q()
    for f in fields:
        alias = _token_alias(f)
        condition |= Q(**{f"{alias}__gt": ""}) & ~Q(**{f"{alias}__startswith": prefix})
    return condition


def key_usage() -> Counter[str]:
    """How many stored values each data key id seals, over every encrypted field; one query per field."""
    usage: Counter[str] = Counter()
    for model, fields in encrypted_fields().items():
        for f in fields:
            alias = _token_alias(f)
            rows = (
                stored_tokens(model, [f]).filter(**{f"{alias}__startswith": f"{VERSION}:"}).order_by()
                .values(key_id=Substr(alias, _KEY_ID_START, KEY_ID_LENGTH)).annotate(n=models.Count("pk"))
            )
            for row in rows:
                usage[row["key_id"]] += row["n"]
    return usage


@dataclass
class RotationResult:
    """What a data key rotation did, for the CLI and the audit log."""

    key_id: str
    resumed: bool
    reencrypted: int = 0
    passes: int = 0
    retired: list[str] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def _target_key() -> tuple[DataKey, bool]:
    """The active key of an unfinished rotation (old keys neither active nor retired), else a new one."""
    active = DataKey.objects.filter(active=True).first()
    if active is not None and DataKey.objects.filter(active=False, retired_at__isnull=True).exists():
        return active, True
    return create_data_key(replace_active=True), False


def _reencrypt_row(
    model: type[models.Model], fields: list[EncryptedTextField], pk, tokens: list[str | None],
    key: DataKey, material: bytes, result: RotationResult,
) -> int:
    """Re-seal one row's old values under `key`, only if the row still holds what was read; 1 if rewritten."""
    prefix = token_prefix(key.pk)
    changes, expected = {}, {}
    for f, token in zip(fields, tokens, strict=True):
        if not token or token.startswith(prefix):
            continue
        try:
            text = decrypt(token, f.aad)
        except EnvelopeError as error:
            result.unreadable[f"{f.qualified_name}#{pk}"] = str(error)
            continue
        changes[f.attname] = Value(seal(material, key.pk, text, f.aad), output_field=TextField())
        expected[_token_alias(f)] = token
    if not changes:
        return 0
    return stored_tokens(model, fields).filter(pk=pk, **expected).update(**changes)


def _reencrypt_model(
    model: type[models.Model], fields: list[EncryptedTextField], key: DataKey, material: bytes,
    batch_size: int, result: RotationResult, after_batch: Callable[[int], None],
) -> None:
    """Walk the model's rows holding old values in primary key order, one transaction per batch."""
    pending = stored_tokens(model, fields).filter(_sealed_elsewhere(fields, token_prefix(key.pk)))
    pending = pending.order_by("pk")
    columns = ["pk", *(_token_alias(f) for f in fields)]
    last = None
    while True:
        page = pending if last is None else pending.filter(pk__gt=last)
        batch = list(page.values_list(*columns)[:batch_size])
        if not batch:
            return
        with transaction.atomic():
            for pk, *tokens in batch:
                result.reencrypted += _reencrypt_row(model, fields, pk, tokens, key, material, result)
        last = batch[-1][0]
        after_batch(len(batch))


def _models_to_move(key: DataKey) -> list[tuple[type[models.Model], list[EncryptedTextField], int]]:
    """(model, fields, rows holding values under other keys) for every model with such rows."""
    prefix = token_prefix(key.pk)
    plan = []
    for model, fields in encrypted_fields().items():
        rows = stored_tokens(model, fields).filter(_sealed_elsewhere(fields, prefix)).count()
        if rows:
            plan.append((model, fields, rows))
    return plan


def _reencrypt_pass(key: DataKey, material: bytes, batch_size: int, result: RotationResult) -> int:
    """One walk over every model, reporting progress after each batch; how many rows it rewrote."""
    result.passes += 1
    plan = _models_to_move(key)
    if not plan:
        return 0
    total, done, before = sum(rows for _model, _fields, rows in plan), 0, result.reencrypted
    report_progress(0, total, _("第 %(n)s 轮：待重新加密 %(total)s 行") % {"n": result.passes, "total": total})

    def after_batch(rows: int) -> None:
        nonlocal done
        done += rows
        report_progress(done, total, _("第 %(n)s 轮：已处理 %(done)s / %(total)s 行") % {
            "n": result.passes, "done": done, "total": total})

    for model, fields, _rows in plan:
        _reencrypt_model(model, fields, key, material, batch_size, result, after_batch)
    return result.reencrypted - before


def retire_drained_keys() -> list[str]:
    """Retire every old key that no stored value uses any more; a key still in use waits for a re-run."""
    usage = key_usage()
    retired = []
    for key in DataKey.objects.filter(active=False, retired_at__isnull=True):
        if usage[key.pk] == 0:
            key.retired_at = timezone.now()
            key.save(update_fields=["retired_at"])
            record_key_event(DATA_KEY_RETIRE, key, key_id=key.pk)
            retired.append(key.pk)
    return retired


def rotate_data_keys(batch_size: int = BATCH_SIZE) -> RotationResult:
    """A new active data key (or the one of an unfinished rotation), every old value re-encrypted in batches
    with progress, then the keys left with no values retired. Unreadable values fail the run at the end."""
    key, resumed = _target_key()
    result = RotationResult(key.pk, resumed)
    material = open_data_key(key)
    for _attempt in range(MAX_PASSES):
        if not _reencrypt_pass(key, material, batch_size, result):
            break
    result.retired = retire_drained_keys()
    record_key_event(
        DATA_KEY_ROTATE, key, key_id=key.pk, resumed=resumed, reencrypted=result.reencrypted,
        passes=result.passes, retired=result.retired, unreadable=len(result.unreadable),
        unreadable_values=list(result.unreadable)[:UNREADABLE_NAMED],
    )
    if result.unreadable:
        where, why = next(iter(result.unreadable.items()))
        raise UnreadableValues(
            _("%(n)s 个值无法解密，未能重新加密（已被篡改，或所用密钥已丢失），例如 %(where)s：%(why)s")
            % {"n": len(result.unreadable), "where": where, "why": why}
        )
    return result


@dataclass
class MasterRotation:
    """What a master rotation did."""

    old_fingerprint: str
    new_fingerprint: str
    rewrapped: int
    backup: str

    def as_dict(self) -> dict:
        return asdict(self)


def rotate_master(today: date) -> MasterRotation:
    """A new master pair wraps every data key; the old pair is kept as a dated backup file. Safe to re-run:
    a crashed run's new pair (`master.next.pem`) is picked up and the keys it already wraps are skipped."""
    directory = key_directory()
    old = master_key()
    new = directory.next_master()
    with transaction.atomic():
        keys = list(DataKey.objects.select_for_update().exclude(master_fingerprint=new.fingerprint))
        for key in keys:
            key.wrap(key.unwrap(directory.find(key.master_fingerprint)), new)
            key.save(update_fields=["wrapped_key", "master_fingerprint"])
        backup = directory.backup_path(old, today)
        record_key_event(MASTER_ROTATE, master_ref(new.fingerprint), old=old.fingerprint, new=new.fingerprint,
                         rewrapped=len(keys), backup=str(backup))
    directory.promote_next(today)
    return MasterRotation(old.fingerprint, new.fingerprint, len(keys), str(backup))
