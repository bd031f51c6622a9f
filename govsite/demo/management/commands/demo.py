"""`govsite demo`: load the demo city into an empty platform and print the accounts once."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from govsite.core.cli import JsonCommand
from govsite.demo.loader import load_demo
from govsite.registry.models import SiteRecord


class Command(JsonCommand):
    help = "装入演示城市：门户、区县门户、三个部门网站、各角色账号和约三百条信息"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--host", default="127.0.0.1", help="门户网站的主机名")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--skip-if-loaded", action="store_true", help="平台已有网站时不再装入，直接返回"
        )
        parser.add_argument(
            "--credentials-file",
            default=str(Path(settings.DATA_DIR) / "demo-credentials.txt"),
            help="保存演示账号密码的文件（不纳入版本库）",
        )

    def handle(self, *args, **options):
        def progress(message: str) -> None:
            if not options["json"]:
                self.stdout.write(message)

        if options["skip_if_loaded"] and SiteRecord.objects.exists():
            self.stdout.write(f"演示数据已装入；账号和密码见 {options['credentials_file']}")
            return
        try:
            accounts = load_demo(
                host=options["host"], port=options["port"], seed=options["seed"], progress=progress
            )
        except RuntimeError as error:
            raise self.fail(str(error)) from error
        lines = [f"{a.username}\t{a.password}\t{a.role}\t{a.site}" for a in accounts]
        path = Path(options["credentials_file"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("用户名\t密码\t角色\t网站\n" + "\n".join(lines) + "\n", encoding="utf-8")
        path.chmod(0o600)
        data = {"accounts": [a.__dict__ for a in accounts], "credentials_file": str(path)}
        text = (
            "演示账号（密码只显示这一次，已保存到 " + str(path) + "）：\n" + "\n".join(lines)
            + "\n每个账号首次登录后台时，须用手机身份验证器扫码绑定（双因素登录，X3），之后每次登录输入动态验证码。"
        )
        self.emit(options, data, text)
