"""Registry rules for identifiers and domains (S2; 国办发〔2017〕47号); pure Python, no Django import.

Each check returns None when the value is acceptable, or a Chinese message that names the rule.
"""

from __future__ import annotations

import itertools
import re
from enum import StrEnum

from pypinyin import Style, pinyin

# Province-level division codes (GB/T 2260): the first two digits of any administrative code.
PROVINCE_CODES = frozenset(
    ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"]
)
# The one-character province abbreviations used in ICP and 公安 filing numbers.
PROVINCE_ABBREVIATIONS = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕秦甘陇青宁新"


class SiteType(StrEnum):
    PORTAL = "portal"
    DISTRICT_PORTAL = "district_portal"
    DEPARTMENT = "department"
    SPECIAL = "special"


SITE_TYPE_LABELS = {
    SiteType.PORTAL: "政府门户网站",
    SiteType.DISTRICT_PORTAL: "区县政府门户网站",
    SiteType.DEPARTMENT: "部门网站",
    SiteType.SPECIAL: "专项网站",
}

_SITE_ID = re.compile(r"(?P<division>\d{6})\d{4}|bm\d{8}")
_ICP = re.compile(rf"[{PROVINCE_ABBREVIATIONS}]ICP备\d{{6,8}}号(-\d{{1,3}})?")
_PSB = re.compile(rf"[{PROVINCE_ABBREVIATIONS}]公网安备 ?(?P<code>\d{{14}})号")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_CHINESE_NAME = re.compile(r"[\u4e00-\u9fff]{2,30}")


def check_site_id_code(value: str) -> str | None:
    """网站标识码: 6-digit division code + 4 digits, or `bm` + 8 digits, 10 characters in all."""
    match = _SITE_ID.fullmatch(value)
    if not match:
        return (
            f"网站标识码“{value}”格式不正确：应为10位，"
            "即6位行政区划代码加4位数字，或“bm”加8位数字（国办发〔2017〕47号）"
        )
    division = match.group("division")
    if division and division[:2] not in PROVINCE_CODES:
        return f"网站标识码“{value}”的前6位“{division}”不是有效的行政区划代码"
    return None


def check_icp_number(value: str) -> str | None:
    """ICP备案号: province abbreviation + ICP备 + 6-8 digits + 号, optionally -N for a site."""
    if _ICP.fullmatch(value):
        return None
    return f"ICP备案号“{value}”格式不正确：应如“滇ICP备12345678号”或“滇ICP备12345678号-1”"


def check_psb_number(value: str) -> str | None:
    """公安机关备案号: province abbreviation + 公网安备 + 14 digits + 号."""
    match = _PSB.fullmatch(value)
    if not match:
        return f"公安机关备案号“{value}”格式不正确：应如“滇公网安备 53250402000001号”（14位数字）"
    if match.group("code")[:2] not in PROVINCE_CODES:
        return f"公安机关备案号“{value}”的前两位数字不是有效的省级行政区划代码"
    return None


def pinyin_initials(name: str, limit: int = 64) -> set[str]:
    """Every spelling of the pinyin initials of `name`, heteronyms included (行 → h or x)."""
    letters = [
        sorted({syllable[0].lower() for syllable in options if syllable and syllable[0].isalpha()})
        or [""]
        for options in pinyin(list(name), style=Style.NORMAL, heteronym=True, errors="ignore")
    ]
    return {"".join(combo) for combo in itertools.islice(itertools.product(*letters), limit)}


def city_domain_of(portal_domain: str) -> str:
    """`mile.gov.cn` from the portal domain `www.mile.gov.cn`."""
    return portal_domain.removeprefix("www.")


def check_domain(
    domain: str,
    site_type: SiteType,
    *,
    unit_names: tuple[str, ...] = (),
    parent_domain: str = "",
    exception_reason: str = "",
) -> str | None:
    """Domain rule of S2: portal `www.<city>.gov.cn`; department `<pinyin initials>.<city domain>`."""
    labels = domain.split(".")
    if domain != domain.lower() or not all(_LABEL.fullmatch(label) for label in labels):
        return f"域名“{domain}”格式不正确：只能使用小写字母、数字和连字符，以“.”分隔"
    if site_type in (SiteType.PORTAL, SiteType.DISTRICT_PORTAL):
        if len(labels) != 4 or labels[0] != "www" or labels[-2:] != ["gov", "cn"]:
            return f"门户网站域名“{domain}”不符合规则：应为“www.<地区>.gov.cn”（国办发〔2017〕47号）"
        return None
    if not parent_domain:
        return "部门网站和专项网站须指定上级门户网站，其域名为门户域名的下级域名"
    city = city_domain_of(parent_domain)
    if not domain.endswith("." + city) or len(labels) != len(city.split(".")) + 1:
        return f"域名“{domain}”不符合规则：部门网站域名应为“<单位名称拼音首字母>.{city}”"
    if site_type == SiteType.DEPARTMENT and not exception_reason:
        label = labels[0]
        if not any(label in pinyin_initials(name) for name in unit_names if name):
            expected = "、".join(sorted(set().union(*(pinyin_initials(n) for n in unit_names if n))))
            return (
                f"域名“{domain}”的前缀“{label}”不是单位名称的拼音首字母（可用：{expected}）；"
                "如确需例外，请填写例外原因"
            )
    return None


def check_chinese_domain(value: str) -> str | None:
    """中文域名: the unit's Chinese name followed by `.政务`."""
    name, dot, suffix = value.rpartition(".")
    if dot and suffix == "政务" and _CHINESE_NAME.fullmatch(name):
        return None
    return f"中文域名“{value}”格式不正确：应为“<单位中文名称>.政务”，如“弥勒市人民政府.政务”"
