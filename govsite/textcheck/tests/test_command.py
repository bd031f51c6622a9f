"""`govsite textcheck` (P6): JSON findings for a file or stdin, Chinese errors for a missing file."""

from __future__ import annotations

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

from govsite.textcheck.models import LexiconEntry

pytestmark = pytest.mark.django_db
TEXT = "習進平同志指出。\n联系人手机13812345678\n"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("textcheck", *args, stdout=out)
    return out.getvalue()


def test_json_findings_of_a_file(tmp_path):
    path = tmp_path / "稿件.txt"
    path.write_text(TEXT, encoding="utf-8")
    findings = json.loads(run(str(path), "--json"))["findings"]
    assert [(f["kind"], f["offset"], f["length"], f["text"], f["suggestion"]) for f in findings] == [
        ("leader_name", 0, 3, "習進平", "习近平"),
        ("mobile", 14, 11, "13812345678", "138****5678"),
    ]
    assert set(findings[0]) == {"kind", "severity", "offset", "length", "text", "suggestion", "rule"}


@pytest.mark.parametrize("binary", [True, False])
def test_json_findings_of_stdin(monkeypatch, binary):
    stdin = io.TextIOWrapper(io.BytesIO(TEXT.encode("gb18030")), encoding="gb18030") if binary else io.StringIO(TEXT)
    monkeypatch.setattr(sys, "stdin", stdin)
    findings = json.loads(run("-", "--json"))["findings"]
    assert [f["kind"] for f in findings] == ["leader_name", "mobile"]


def test_readable_chinese_listing(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    output = run(str(path))
    assert "共发现 2 处问题" in output
    assert "[拦截] 第2行第6字 手机号码“13812345678” → 建议：138****5678" in output
    path.write_text("一切正常。", encoding="utf-8")
    assert "未发现问题" in run(str(path))


def test_site_lexicon_by_domain_or_host_name(tmp_path, department):
    LexiconEntry.objects.create(word="部门禁用词", category="其他", severity="warn", site=department)
    path = tmp_path / "a.txt"
    path.write_text("部门禁用词", encoding="utf-8")
    assert json.loads(run(str(path), "--json"))["findings"] == []
    for key in ("jtj.ceshi.gov.cn", "jtj.localhost"):
        assert len(json.loads(run(str(path), "--json", "--site", key))["findings"]) == 1
    with pytest.raises(CommandError, match="找不到网站"):
        run(str(path), "--site", "nowhere.example")


def test_a_missing_file_is_a_chinese_error(tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        run(str(tmp_path / "missing.txt"))
