"""`govsite serve-public --port 8080`: the public host for the demo: static tree plus the public app."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.servers.basehttp import run

from govsite.publishing.public_server import local_public_host


class Command(BaseCommand):
    help = "在本机提供公众访问端：先查静态页面树，再交给公众端动态接口（无后台路由）"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8080)

    def handle(self, *args, **options):
        settings.ROOT_URLCONF = "govsite.urls_public"
        app = local_public_host(settings.GOVSITE_PUBLIC_ROOT)
        self.stdout.write(f"公众访问端：http://{options['host']}:{options['port']}/（静态页面树 {settings.GOVSITE_PUBLIC_ROOT}）")
        run(options["host"], options["port"], app, threading=True)
