"""Which unit and role a permission group stands for."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role


class RoleGroup(models.Model):
    """A permission group bound to one role, and for unit roles to one site (scope)."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="role", verbose_name=_("用户组")
    )
    role = models.CharField(_("角色"), max_length=20, choices=[(r.value, r.label) for r in Role])
    record = models.ForeignKey(
        "registry.SiteRecord",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_groups",
        verbose_name=_("所属网站"),
    )

    class Meta:
        verbose_name = _("角色用户组")
        verbose_name_plural = _("角色用户组")
        constraints = [
            models.UniqueConstraint(fields=["role", "record"], name="one_group_per_role_and_site"),
        ]

    def __str__(self) -> str:
        return self.group.name
