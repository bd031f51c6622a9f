"""The data keys at run time (X7): `DataKey` rows, opened by the master key pair in GOVSITE_KEY_DIR.

Opened data keys are cached in this process's memory only. Ids are random, so a cached key can never
stand for another key that later took the same id.
"""

from __future__ import annotations

import threading
from contextlib import suppress
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from govsite.audit.models import AuditEntry

from .envelope import UnknownDataKey, new_data_key
from .events import DATA_KEY_CREATE, MASTER_INIT, master_init_recorded, master_ref, record_key_event
from .masterkey import KeyDirectory, MasterKey, MasterKeyExists, MasterKeyNotFound
from .models import DataKey

_opened: dict[str, bytes] = {}
_lock = threading.Lock()


def key_directory() -> KeyDirectory:
    """The master key directory of this deployment (setting and env var GOVSITE_KEY_DIR)."""
    return KeyDirectory(Path(settings.GOVSITE_KEY_DIR))


def creates_keys_on_first_use() -> bool:
    """A developer's machine (DEBUG) and the tests get a master pair at first use; production never does."""
    return bool(settings.DEBUG or settings.GOVSITE_KEYS_AUTO_CREATE)


def _table_exists(model) -> bool:
    return model._meta.db_table in connection.introspection.table_names()


def record_master_created(key: MasterKey) -> None:
    """The audit entry of a new master pair, unless the database is not migrated yet (then `post_migrate`)."""
    if _table_exists(AuditEntry) and not master_init_recorded(key.fingerprint):
        record_key_event(MASTER_INIT, master_ref(key.fingerprint), fingerprint=key.fingerprint,
                         directory=str(key_directory().path))


def initialise_master() -> MasterKey:
    """`govsite keys init`: a new master pair; refused if one exists or data keys wait for a lost one."""
    directory = key_directory()
    if not directory.has_master() and _table_exists(DataKey) and DataKey.objects.exists():
        fingerprints = sorted(set(DataKey.objects.values_list("master_fingerprint", flat=True)))
        raise MasterKeyNotFound(
            _("数据库中已有由主密钥 %(fps)s 加密的数据密钥，但密钥目录 %(dir)s 中没有主密钥文件。"
              "请从备份恢复密钥目录；新生成的主密钥解不开这些数据密钥。")
            % {"fps": "、".join(fp[:16] for fp in fingerprints), "dir": directory.path}
        )
    key = directory.create()
    record_master_created(key)
    return key


def master_key() -> MasterKey:
    """The current master pair; made at first use on a developer's machine, else `MasterKeyMissing`."""
    directory = key_directory()
    if not directory.has_master() and creates_keys_on_first_use():
        with suppress(MasterKeyExists):
            initialise_master()
    return directory.current()


def _remember(key_id: str, material: bytes) -> None:
    with _lock:
        _opened[key_id] = material


def _cached(key_id: str) -> bytes | None:
    with _lock:
        return _opened.get(key_id)


def forget() -> None:
    """Drop every opened data key from this process's memory."""
    with _lock:
        _opened.clear()


def create_data_key(*, replace_active: bool) -> DataKey:
    """A new active data key wrapped by the current master pair; `replace_active` demotes the active one."""
    master = master_key()
    material = new_data_key()
    key = DataKey(active=True)
    key.wrap(material, master)
    with transaction.atomic():
        if replace_active:
            DataKey.objects.filter(active=True).update(active=False)
        key.save(force_insert=True)
        record_key_event(DATA_KEY_CREATE, key, key_id=key.pk, master=master.fingerprint)
    _remember(key.pk, material)
    return key


def _first_active_key_id() -> str:
    """The first data key of a new installation; a process racing to make it too uses the winner's."""
    try:
        return create_data_key(replace_active=False).pk
    except IntegrityError:
        return DataKey.objects.values_list("pk", flat=True).get(active=True)


def open_data_key(key: DataKey) -> bytes:
    """The key bytes of a row, from this process's memory or unwrapped with the pair that wrapped them."""
    material = _cached(key.pk)
    if material is None:
        material = key.unwrap(key_directory().find(key.master_fingerprint))
        _remember(key.pk, material)
    return material


class DatabaseKeyring:
    """The keyring `envelope.encrypt`/`decrypt` use in the platform, installed by `SecurityConfig.ready`."""

    def active_key_id(self) -> str:
        """Read at every encryption, so every process seals with the new key as soon as a rotation starts."""
        key_id = DataKey.objects.filter(active=True).values_list("pk", flat=True).first()
        return key_id or _first_active_key_id()

    def data_key(self, key_id: str) -> bytes:
        material = _cached(key_id)
        if material is not None:
            return material
        key = DataKey.objects.filter(pk=key_id).first()
        if key is None:
            raise UnknownDataKey(_("找不到数据密钥 %(id)s：密文所用的密钥不在数据库中") % {"id": key_id})
        return open_data_key(key)


def record_master_after_migrate(sender, **kwargs) -> None:
    """`post_migrate`: a pair made by `keys init` before the first migrate gets its audit entry now."""
    directory = key_directory()
    if directory.has_master():
        record_master_created(directory.current())
