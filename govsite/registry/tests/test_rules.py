"""Registry rules (S2): each identifier and domain rule with good and bad input."""

import pytest

from govsite.registry.rules import (
    SiteType,
    check_chinese_domain,
    check_domain,
    check_icp_number,
    check_psb_number,
    check_site_id_code,
    pinyin_initials,
)


@pytest.mark.parametrize("code", ["5325040001", "1100000005", "bm12345678", "4403040009"])
def test_site_id_code_accepts_division_code_or_bm(code):
    assert check_site_id_code(code) is None


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("532504001", "应为10位"),
        ("53250400011", "应为10位"),
        ("BM12345678", "应为10位"),
        ("bm1234567", "应为10位"),
        ("53250A0001", "应为10位"),
        ("9925040001", "不是有效的行政区划代码"),
        ("0025040001", "不是有效的行政区划代码"),
    ],
)
def test_site_id_code_refuses_with_rule_named(code, words):
    message = check_site_id_code(code)
    assert message and words in message and "网站标识码" in message


@pytest.mark.parametrize("number", ["滇ICP备05001234号", "滇ICP备05001234号-1", "京ICP备123456号-12"])
def test_icp_number_accepts_official_format(number):
    assert check_icp_number(number) is None


@pytest.mark.parametrize(
    "number", ["ICP备05001234号", "滇ICP05001234号", "滇ICP备05001234", "XX ICP备05001234号", "滇ICP备1234号"]
)
def test_icp_number_refuses_other_formats(number):
    assert "ICP备案号" in check_icp_number(number)


@pytest.mark.parametrize("number", ["滇公网安备 53250402000101号", "滇公网安备53250402000101号"])
def test_psb_number_accepts_14_digits(number):
    assert check_psb_number(number) is None


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("滇公网安备 5325040200010号", "14位数字"),
        ("公网安备 53250402000101号", "格式不正确"),
        ("滇公网安备 99250402000101号", "省级行政区划代码"),
    ],
)
def test_psb_number_refuses(number, words):
    assert words in check_psb_number(number)


def test_pinyin_initials_cover_heteronyms():
    assert "fgw" in pinyin_initials("发改委")
    # 行 reads xing or hang: both spellings of 银行 are accepted.
    assert {"yh", "yx"} <= pinyin_initials("银行")


def test_portal_domain_rule():
    assert check_domain("www.mile.gov.cn", SiteType.PORTAL) is None
    assert "www.<地区>.gov.cn" in check_domain("mile.gov.cn", SiteType.PORTAL)
    assert "www.<地区>.gov.cn" in check_domain("www.mile.com.cn", SiteType.PORTAL)
    assert "小写字母" in check_domain("WWW.mile.gov.cn", SiteType.PORTAL)


def test_department_domain_needs_pinyin_initials_or_exception():
    kwargs = dict(unit_names=("发改局", "发展和改革局"), parent_domain="www.mile.gov.cn")
    assert check_domain("fgj.mile.gov.cn", SiteType.DEPARTMENT, **kwargs) is None
    assert check_domain("fzhggj.mile.gov.cn", SiteType.DEPARTMENT, **kwargs) is None
    refused = check_domain("drc.mile.gov.cn", SiteType.DEPARTMENT, **kwargs)
    assert "拼音首字母" in refused and "fgj" in refused and "例外原因" in refused
    assert (
        check_domain("drc.mile.gov.cn", SiteType.DEPARTMENT, exception_reason="沿用原域名", **kwargs)
        is None
    )


def test_department_domain_must_sit_under_the_city_domain():
    kwargs = dict(unit_names=("发改局",), parent_domain="www.mile.gov.cn")
    assert "拼音首字母>.mile.gov.cn" in check_domain("fgj.other.gov.cn", SiteType.DEPARTMENT, **kwargs)
    assert "<单位名称拼音首字母>" in check_domain("a.fgj.mile.gov.cn", SiteType.DEPARTMENT, **kwargs)
    assert "上级门户" in check_domain("fgj.mile.gov.cn", SiteType.DEPARTMENT, unit_names=("发改局",))


def test_chinese_domain():
    assert check_chinese_domain("弥勒市人民政府.政务") is None
    for bad in ("mile.政务", "弥勒市人民政府.公益", "弥勒市人民政府", ".政务"):
        assert "中文域名" in check_chinese_domain(bad)
