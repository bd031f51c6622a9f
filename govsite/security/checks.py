"""security.E001 (X7): in production the master key pair must exist and be readable by its owner only."""

from __future__ import annotations

from django.core.checks import Error, Tags, register
from django.utils.translation import gettext as _

from .keyring import creates_keys_on_first_use, key_directory
from .masterkey import DIR_MODE, FILE_MODE, INIT_COMMAND


@register(Tags.security)
def check_key_directory(app_configs, **kwargs) -> list[Error]:
    """A missing or too open key directory stops every command at start-up, not the first citizen's letter."""
    if creates_keys_on_first_use():
        return []
    directory = key_directory()
    hint = _("运行“%(init)s”生成主密钥对；已有密钥文件时，把目录权限改为 %(dir)04o、文件权限改为 %(file)04o。") % {
        "init": INIT_COMMAND, "dir": DIR_MODE, "file": FILE_MODE}
    return [Error(problem, hint=hint, id="security.E001") for problem in directory.problems()]
