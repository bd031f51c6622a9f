"""Data keys (X7): stored only wrapped by the master key pair, whose files never enter the database."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .envelope import KEY_ID_LENGTH, new_key_id
from .masterkey import MasterKey


class DataKey(models.Model):
    """A 256-bit AES data key, wrapped by the master public key; one is active, older ones open old values.

    A retired key no longer seals or holds any value; its wrapped bytes stay, so a database restored from a
    backup taken before the rotation still decrypts.
    """

    id = models.CharField(
        _("编号"), max_length=KEY_ID_LENGTH, primary_key=True, default=new_key_id, editable=False
    )
    wrapped_key = models.BinaryField(_("经主密钥加密的密钥"))
    master_fingerprint = models.CharField(_("主密钥指纹"), max_length=64)
    created_at = models.DateTimeField(_("生成时间"), default=timezone.now)
    active = models.BooleanField(_("当前使用"), default=False)
    retired_at = models.DateTimeField(_("退役时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("数据密钥")
        verbose_name_plural = _("数据密钥")
        ordering = ["created_at"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=models.Q(active=True), name="one_active_data_key"
            )
        ]

    def __str__(self) -> str:
        return self.pk

    def unwrap(self, master: MasterKey) -> bytes:
        """The key bytes, opened with the pair that wrapped them."""
        return master.unwrap(bytes(self.wrapped_key), self.pk)

    def wrap(self, material: bytes, master: MasterKey) -> None:
        """Keep the key bytes wrapped by this pair (a new key, or a master rotation); saved by the caller."""
        self.wrapped_key, self.master_fingerprint = master.wrap(material, self.pk), master.fingerprint
