"""`EncryptedTextField`: personal data stored encrypted (X7); Python sees the text, the database a token."""

from __future__ import annotations

from django.apps import apps as global_apps
from django.core.exceptions import FieldError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .envelope import decrypt, encrypt

ALLOWED_LOOKUPS = frozenset({"isnull"})

# Every concrete model field that stores tokens, by "app_label.model.field", for rotation and status.
_registered: dict[str, EncryptedTextField] = {}


class EncryptedTextField(models.TextField):
    """A TextField whose value is sealed with the active data key when saved and opened when loaded.

    The associated data `<app_label>.<model>.<field>` binds each token to its field: a token copied
    into another field fails to decrypt. The empty string is stored as it is. Queries on the content
    cannot work on ciphertext, so every lookup but `isnull` is refused instead of silently matching nothing.
    """

    description = _("加密文本")

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only)
        if not cls._meta.abstract and cls._meta.apps is global_apps:
            _registered[self.qualified_name] = self

    @property
    def qualified_name(self) -> str:
        """`<app_label>.<model>.<field>`: names the field in tokens (as associated data), status and errors."""
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}.{self.name}"

    @property
    def aad(self) -> bytes:
        """The associated data every token of this field is sealed with."""
        return self.qualified_name.encode()

    def from_db_value(self, value, expression, connection):
        return value if not value else decrypt(value, self.aad)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if not value else encrypt(value, self.aad)

    def _refuse(self, lookup_name: str) -> FieldError:
        return FieldError(
            gettext("“%(field)s”是加密字段，不能按内容查询（%(lookup)s）；只支持 isnull")
            % {"field": self.qualified_name, "lookup": lookup_name}
        )

    def get_lookup(self, lookup_name):
        if lookup_name in ALLOWED_LOOKUPS:
            return super().get_lookup(lookup_name)
        raise self._refuse(lookup_name)

    def get_transform(self, lookup_name):
        raise self._refuse(lookup_name)


def encrypted_fields() -> dict[type[models.Model], list[EncryptedTextField]]:
    """Every model with encrypted fields, and those fields, in a stable order."""
    by_model: dict[type[models.Model], list[EncryptedTextField]] = {}
    for label in sorted(_registered):
        field = _registered[label]
        by_model.setdefault(field.model, []).append(field)
    return by_model
