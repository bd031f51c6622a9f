"""`govsite textcheck FILE|-`: the content check (P6, X10) of a text file, an attachment or stdin."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.db.models import Q

from govsite.core.cli import JsonCommand
from govsite.registry.models import SiteRecord
from govsite.textcheck.attachments import extract_text
from govsite.textcheck.engine import check_text
from govsite.textcheck.findings import KIND_LABELS, SEVERITY_LABELS, Finding
from govsite.textcheck.site_config import config_for_site


def _position(text: str, offset: int) -> str:
    """Line and column (from 1) of a character offset, as editors count them."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"第{line}行第{column}字"


def _listing(text: str, findings: list[Finding]) -> str:
    """The findings as readable Chinese lines."""
    if not findings:
        return "未发现问题。"
    lines = [f"共发现 {len(findings)} 处问题："]
    for f in findings:
        lines.append(
            f"[{SEVERITY_LABELS[f.severity]}] {_position(text, f.offset)} {KIND_LABELS[f.kind]}“{f.text}”"
            f" → 建议：{f.suggestion}（{f.rule}）"
        )
    return "\n".join(lines)


class Command(JsonCommand):
    help = "内容检查：检查文本文件、附件（PDF、Word、Excel）或标准输入中的敏感词、个人信息、错别字等"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("file", help="要检查的文件，“-”表示从标准输入读取")
        parser.add_argument("--site", help="按该网站的词库检查（英文域名或主机名），默认用全平台词库")

    def handle(self, *args, **options):
        name = options["file"]
        text = extract_text(name, self._read(name))
        findings = check_text(text, config_for_site(self._site(options.get("site"))))
        data = {"findings": [f.as_dict() for f in findings]}
        self.emit(options, data, _listing(text, findings))

    def _read(self, name: str) -> bytes:
        """The bytes of the file, or of stdin for “-”."""
        if name == "-":
            stream = sys.stdin
            return stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode("utf-8")
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"找不到文件“{name}”")
        return path.read_bytes()

    def _site(self, key: str | None) -> SiteRecord | None:
        """The site whose lexicon applies, by registered domain or Wagtail host name."""
        if not key:
            return None
        record = SiteRecord.objects.filter(Q(domain=key) | Q(site__hostname=key)).first()
        if record is None:
            raise CommandError(f"找不到网站“{key}”")
        return record
