"""Start-up checks of the security settings: security.E001 the master key pair (X7), security.E002 the
back-office networks (X4)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.utils.translation import gettext as _

from govsite.formguard.refusal import Refused

from .keyring import creates_keys_on_first_use, key_directory
from .masterkey import DIR_MODE, FILE_MODE, INIT_COMMAND
from .networks import backoffice_networks


@register(Tags.security)
def check_key_directory(app_configs, **kwargs) -> list[Error]:
    """A missing or too open key directory stops every command at start-up, not the first citizen's letter."""
    if creates_keys_on_first_use():
        return []
    directory = key_directory()
    hint = _("运行“%(init)s”生成主密钥对；已有密钥文件时，把目录权限改为 %(dir)04o、文件权限改为 %(file)04o。") % {
        "init": INIT_COMMAND, "dir": DIR_MODE, "file": FILE_MODE}
    return [Error(problem, hint=hint, id="security.E001") for problem in directory.problems()]


@register(Tags.security)
def check_backoffice_networks(app_configs, **kwargs) -> list[Error]:
    """security.E002 (X4): a mistyped GOVSITE_BACKOFFICE_NETWORKS stops start-up instead of locking everyone out."""
    try:
        backoffice_networks(settings.GOVSITE_BACKOFFICE_NETWORKS)
    except Refused as refusal:
        hint = _("用英文逗号分隔，如 GOVSITE_BACKOFFICE_NETWORKS=10.0.0.0/8,192.168.0.0/16,127.0.0.1")
        return [Error(refusal.message, hint=hint, id="security.E002")]
    return []
