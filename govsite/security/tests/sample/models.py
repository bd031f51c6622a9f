"""A letter-like model with encrypted fields, for the security tests only."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from govsite.security.fields import EncryptedTextField


class Petition(models.Model):
    name = EncryptedTextField(_("姓名"), blank=True)
    phone = EncryptedTextField(_("电话"), blank=True)
    note = EncryptedTextField(_("备注"), blank=True, null=True)
    subject = models.CharField(_("标题"), max_length=100, blank=True)

    def __str__(self) -> str:
        return self.subject
