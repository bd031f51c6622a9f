"""`govsite createadmin`: the first system administrator (X2 "no default accounts"), never a built-in one."""

from __future__ import annotations

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from govsite.accounts import passwords
from govsite.accounts.models import AccountState
from govsite.core.cli import JsonCommand
from govsite.review.models import RoleGroup
from govsite.review.roles import Role


class Command(JsonCommand):
    help = _("创建第一个系统管理员：交互输入密码，或生成一次性密码（首次登录须修改并绑定身份验证器）")

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--username", help=_("用户名"))
        parser.add_argument("--one-time-password", action="store_true",
                            help=_("生成一次性密码并只显示这一次；首次登录须立即修改"))

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            raise self.fail(_("平台已有系统管理员：其他账号请由系统管理员在后台“用户”中新建"))
        username = (options["username"] or input(_("用户名：")).strip()).strip()
        if not username or User.objects.filter(username=username).exists():
            raise self.fail(_("用户名“%(name)s”为空或已被使用") % {"name": username})
        one_time = options["one_time_password"]
        password = passwords.generate() if one_time else self._ask_password(User(username=username))
        user = self._create(username, password, one_time)
        data = {"username": user.get_username(), "one_time_password": password if one_time else None}
        text = _("已创建系统管理员 %(name)s。") % {"name": username}
        if one_time:
            text += _("\n一次性密码（只显示这一次）：%(pw)s\n首次登录须修改密码，并用手机身份验证器扫码绑定。") % {"pw": password}
        self.emit(options, data, text)

    def _ask_password(self, user) -> str:
        """Typed twice, checked against the whole policy before anything is created."""
        first = getpass.getpass(_("密码："))
        if first != getpass.getpass(_("再次输入密码：")):
            raise self.fail(_("两次输入的密码不一致"))
        try:
            validate_password(first, user)
        except ValidationError as error:
            raise self.fail(error) from error
        return first

    @transaction.atomic
    def _create(self, username: str, password: str, one_time: bool):
        user = get_user_model().objects.create_superuser(username=username, password=password, email="")
        user.groups.add(RoleGroup.objects.get(role=Role.SYSTEM_ADMIN, record=None).group)
        if one_time:
            AccountState.objects.filter(user=user).update(password_set_by_other=True)
        return user
