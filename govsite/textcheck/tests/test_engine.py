"""The pure engine (P6, X10): each kind found at the right place, nothing found in ordinary prose."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from pathlib import Path

import pytest

from govsite.demo import corpus
from govsite.textcheck.engine import CheckConfig, check_text, default_config
from govsite.textcheck.findings import Finding
from govsite.textcheck.lexicon import Leader, SensitiveWord
from govsite.textcheck.normalize import normalize

PROSE = (Path(__file__).parent / "data" / "prose.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def config() -> CheckConfig:
    return default_config()


def found(text: str, config: CheckConfig, kind: str | None = None) -> list[Finding]:
    """The findings of `text` (of one kind), each checked to point at its own text."""
    findings = check_text(text, config)
    for f in findings:
        assert text[f.offset : f.offset + f.length] == f.text
    assert findings == sorted(findings, key=lambda f: f.offset)
    return [f for f in findings if kind is None or f.kind == kind]


def only(text: str, config: CheckConfig, kind: str) -> Finding:
    """The single finding of `kind` in `text`."""
    findings = found(text, config, kind)
    assert len(findings) == 1, findings
    return findings[0]


def test_every_kind_is_found_at_its_offset(config):
    text = (
        "网站留言：代开发票，请联系13812345678。习进平总书记强调，要坚持中国特设社会主义。"
        "申请人身份证号码11010519491231002X，补贴打入银行卡6222 0200 0000 0000 000。"
        "工作人员一愁莫展。详见http://shop.example.com/sale 领优惠券。\n机密★10年\n"
    )
    kinds = {f.kind: f for f in found(text, config)}
    expected = {
        "sensitive": "代开发票",
        "mobile": "13812345678",
        "leader_name": "习进平",
        "political_phrase": "中国特设社会主义",
        "id_number": "11010519491231002X",
        "bank_card": "6222 0200 0000 0000 000",
        "typo": "一愁莫展",
        "ad_link": "http://shop.example.com/sale",
        "secret_mark": "机密★10年",
    }
    assert {kind: f.text for kind, f in kinds.items()} == expected
    assert kinds["sensitive"].offset == text.index("代开发票")
    assert kinds["id_number"].rule == "P6 个人信息：身份证号码"
    assert kinds["ad_link"].rule.startswith("X10")
    assert all(f.severity == "block" for k, f in kinds.items() if k != "typo")
    assert kinds["typo"].severity == "warn"
    assert kinds["typo"].suggestion == "一筹莫展"


def test_finding_as_dict_is_json_ready(config):
    finding = only("手机13812345678", config, "mobile")
    assert finding.as_dict() == {
        "kind": "mobile", "severity": "block", "offset": 2, "length": 11,
        "text": "13812345678", "suggestion": "138****5678", "rule": "P6 个人信息：手机号码",
    }


def test_a_word_inside_a_longer_whitelisted_word_is_not_flagged(config):
    assert not found("这件事是个大麻烦。", config, "sensitive")
    assert only("这件事是个大麻烦，种植大麻违法。", config, "sensitive").offset == 11


def test_longest_sensitive_word_wins():
    config = CheckConfig(sensitive=(SensitiveWord("赌场", "赌博", "warn"), SensitiveWord("网上赌场", "赌博", "block")))
    finding = only("严禁开设网上赌场。", config, "sensitive")
    assert (finding.text, finding.severity, finding.rule) == ("网上赌场", "block", "P6 敏感词：赌博")


def test_later_entries_override_and_traditional_lexicon_words_match_simplified_text():
    config = CheckConfig(sensitive=(SensitiveWord("賭場", "赌博", "warn"),)).extended(
        sensitive=(SensitiveWord("赌场", "赌博", "block"),)
    )
    assert only("赌场", config, "sensitive").severity == "block"


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("习进平同志指出", "习进平", "习近平"),
        ("席近平主席", "席近平", "习近平"),
        ("國務院總理李墻主持會議", "李墻", "李强"),
        ("总理李张出席", "李张", "李强"),
        ("委员长赵乐记", "赵乐记", "赵乐际"),
        ("丁薛翔副总理", "丁薛翔", "丁薛祥"),
        ("習進平總書記", "習進平", "习近平"),
    ],
)
def test_misspelt_leader_names_are_found_with_the_right_name(config, text, wrong, right):
    finding = only(text, config, "leader_name")
    assert (finding.text, finding.suggestion, finding.severity) == (wrong, right, "block")


@pytest.mark.parametrize(
    "text",
    [
        "中共中央总书记、国家主席、中央军委主席习近平",
        "国务院总理李强、李强总理",
        "国务院副总理丁薛祥，国家副主席韩正，中央纪委书记李希，中央书记处书记蔡奇",
        "李克强总理、克强总理，国务院副总理李岚清",
        "市委书记李明、副市长李西华、李蔷薇同学、行政能力强",
        "中韩政府间合作",
    ],
)
def test_correct_names_and_ordinary_names_are_not_flagged(config, text):
    assert not found(text, config, "leader_name")


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("坚持中国特设社会主义道路", "中国特设社会主义", "中国特色社会主义"),
        ("坚定四个自性", "四个自性", "四个自信"),
        ("全面推进乡村振新", "乡村振新", "乡村振兴"),
        ("推动构建人类命远共同体", "人类命远共同体", "人类命运共同体"),
        ("全过程人名民主", "全过程人名民主", "全过程人民民主"),
    ],
)
def test_mangled_political_phrases_are_found(config, text, wrong, right):
    finding = only(text, config, "political_phrase")
    assert (finding.text, finding.suggestion) == (wrong, right)


def test_a_misspelt_name_inside_a_mangled_phrase_is_reported_once_as_the_phrase(config):
    findings = found("学习习进平新时代中国特色社会主义思想", config)
    assert [(f.kind, f.text) for f in findings] == [
        ("political_phrase", "习进平新时代中国特色社会主义思想")
    ]


@pytest.mark.parametrize(
    "text", ["四个意见", "党的二十届三中全会", "社会主义核心价值体系", "中国是现代化国家", "四个自然村"]
)
def test_similar_ordinary_wording_is_not_a_mangled_phrase(config, text):
    assert not found(text, config, "political_phrase")


def test_ten_thousand_characters_of_government_prose_have_no_name_or_phrase_findings(config):
    rng = random.Random(7)
    parts = [PROSE]
    for column, kind in (("政务动态", "news"), ("通知公告", "notice"), ("政策文件", "policy")):
        for item in corpus.generate_items(
            column_title=column, column_type=kind, unit="弥勒市人民政府办公室", city="弥勒市", count=12,
            start=dt.datetime(2024, 1, 1), end=dt.datetime(2024, 12, 1), rng=rng,
        ):
            parts += [item.title, item.summary, *item.paragraphs]
    text = "\n".join(parts)
    assert len(text) >= 10_000
    findings = found(text, config)
    assert [(f.kind, f.text) for f in findings] == [("secret_mark", "商业秘密")]
    assert findings[0].severity == "warn"


@pytest.mark.parametrize(
    ("text", "number", "masked"),
    [
        ("身份证号码：11010519491231002X。", "11010519491231002X", "1101**********002X"),
        ("身份证号码：11010519491231002x。", "11010519491231002x", "1101**********002X"),
        ("旧身份证110105491231002号", "110105491231002", "1101*******1002"),
        ("身份证１１０１０５１９４９１２３１００２Ｘ", "１１０１０５１９４９１２３１００２Ｘ", "1101**********002X"),
    ],
)
def test_id_numbers_are_found_and_masked(config, text, number, masked):
    finding = only(text, config, "id_number")
    assert (finding.text, finding.suggestion) == (number, masked)


@pytest.mark.parametrize(
    "text",
    ["11010519491231002Y", "110105194912310021", "911101051949123100201", "订单号110105491331002"],
)
def test_invalid_or_longer_numbers_are_not_id_numbers(config, text):
    assert not found(text, config, "id_number")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("电话13812345678。", "13812345678"),
        ("电话+86 138-1234-5678", "+86 138-1234-5678"),
        ("电话8613812345678", "8613812345678"),
        ("电话138 1234 5678", "138 1234 5678"),
    ],
)
def test_mobile_numbers_are_found_and_masked(config, text, number):
    finding = only(text, config, "mobile")
    assert (finding.text, finding.suggestion) == (number, "138****5678")


@pytest.mark.parametrize(
    "text", ["办公电话0873-6122000", "编号2013812345678", "工单138123456789", "12345热线", "138-1234 5678"]
)
def test_landlines_and_longer_runs_are_not_mobiles(config, text):
    assert not found(text, config, "mobile")


def test_bank_cards_pass_luhn_and_are_masked(config):
    finding = only("卡号6222020200112233446，户名张三", config, "bank_card")  # Luhn check digit 6
    assert finding.suggestion == "6222***********3446"
    assert only("卡号 4111-1111-1111-1111", config, "bank_card").text == "4111-1111-1111-1111"
    assert not found("卡号6222020200112233445", config, "bank_card")
    assert not found("身份证号码11010519491231002X", config, "bank_card")


def test_advertising_links_block_and_other_external_links_warn(config):
    text = "请访问www.taobao.com/item，或https://www.yn.gov.cn/，参考 http://example.org/a.html。"
    links = found(text, config, "ad_link")
    assert [(f.text, f.severity) for f in links] == [
        ("www.taobao.com/item", "block"),
        ("http://example.org/a.html", "warn"),
    ]
    assert "X10" in links[1].rule
    assert only("扫码领优惠券：http://t.example.cn/x", config, "ad_link").severity == "block"
    assert not found("测试市人民政府网站http://测试市人民政府.政务/ 欢迎访问", config, "ad_link")


@pytest.mark.parametrize(
    ("text", "mark", "severity"),
    [
        ("机密★10年\n关于……的通知", "机密★10年", "block"),
        ("秘密级", "秘密级", "block"),
        ("【机密】会议纪要", "【机密】", "block"),
        ("（內部資料）", "（內部資料）", "block"),
        ("绝密\n正文", "绝密", "block"),
        ("機密★長期", "機密★長期", "block"),
        ("依法保护商业秘密。", "商业秘密", "warn"),
        ("不得泄露国家秘密。", "国家秘密", "warn"),
        ("本材料不得外传。", "不得外传", "warn"),
    ],
)
def test_secrecy_marks(config, text, mark, severity):
    finding = only(text, config, "secret_mark")
    assert (finding.text, finding.severity) == (mark, severity)


@pytest.mark.parametrize("text", ["调查组秘密地开展工作", "保障数据机密性", "秘密花园"])
def test_secret_in_ordinary_words_is_not_flagged(config, text):
    assert not found(text, config, "secret_mark")


def test_typos_warn_with_the_right_word(config):
    text = "按装设备后再接再励，既往不究，做好布署。报道、截止、截至、部署、精减机构都不是错别字。"
    assert [(f.text, f.suggestion) for f in found(text, config, "typo")] == [
        ("按装", "安装"), ("再接再励", "再接再厉"), ("既往不究", "既往不咎"), ("布署", "部署"),
    ]
    assert not found("按装修标准验收", config, "typo")


def test_offsets_stay_in_the_original_when_conversion_changes_length():
    # OpenCC's shipped t2s tables never change length; a converter that does must still map back.
    def widening(text: str) -> str:
        return text.replace("機", "机机")

    norm = normalize("甲機密乙\n秘密地", convert=widening)
    assert norm.text == "甲机机密乙\n秘密地"
    start = norm.text.index("机密")
    assert norm.span(start, start + 2) == (1, 2)
    assert norm.span(norm.text.index("秘"), norm.text.index("地")) == (5, 2)


def test_shipped_t2s_conversion_keeps_the_length():
    text = "習近平總書記於會議上發表講話，強調國務院應當加強監督檢查。"
    assert normalize(text).positions is None
    assert len(normalize(text).text) == len(text)


def test_lone_surrogates_and_empty_text_do_not_break_the_check(config):
    assert check_text("", config) == []
    text = "机密\ud800★\n手机13812345678"
    assert [f.kind for f in found(text, config)] == ["secret_mark", "mobile"]


def test_an_empty_config_finds_only_pattern_kinds():
    config = CheckConfig()
    assert [f.kind for f in check_text("习进平 代开发票 13812345678", config)] == ["mobile"]


def test_site_leaders_extend_the_shipped_list(config):
    local = config.extended(leaders=(Leader("周明远", "市长"),))
    assert only("市长周明园主持会议", local, "leader_name").suggestion == "周明远"
    assert not found("市长周明远主持会议", local, "leader_name")


def test_the_engine_imports_no_django():
    code = "import sys, govsite.textcheck.attachments; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
