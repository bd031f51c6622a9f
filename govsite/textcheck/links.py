"""External links in published text (X10: no commercial advertising on government sites)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .findings import BLOCK, WARN, Hit

RULE_AD = "X10 商业广告链接：政府网站不得刊登商业广告"
RULE_EXTERNAL = "X10 外部链接：请核实，政府网站不得链接商业广告"
SUGGEST_AD = "删除该链接"
SUGGEST_EXTERNAL = "核实链接内容，非政务必要请删除"

_LABEL = r"[a-z0-9\u4e00-\u9fff](?:[a-z0-9\u4e00-\u9fff-]*[a-z0-9\u4e00-\u9fff])?"
# Chinese top-level domains are listed, so 网址www.x.com了解详情 stops at .com.
_URL = re.compile(
    rf"(?:https?://|(?=www\.))(?P<host>(?:{_LABEL}\.)+(?:[a-z]{{2,63}}|政务|公益|中国|公司|网络))"
    r"(?::[0-9]{1,5})?(?:[/?#][-a-z0-9._~:/?#\[\]@!$&'()*+,;=%]*)?"
)
_TRAILING = ".,;:!?)]'"
_AD_HOST = re.compile(r"shop|mall|taobao|tmall|jd\.com|pinduoduo|casino|1688\.com|coupon|(?:^|[.-])bet")
_AD_WORDS = re.compile(
    "代购|优惠券|优惠码|返利|返现|下单|加微信|加v|微信号|淘宝|天猫|京东|拼多多|商城|网店|店铺|秒杀|包邮|"
    "特价|折扣|促销|团购|博彩|赌场|娱乐城|彩金|开户送|扫码领"
)
_CONTEXT = 20


def _allowed(host: str, domains: Iterable[str]) -> bool:
    """Whether the host is one of the allowed domains or under one (www.yn.gov.cn under gov.cn)."""
    return any(host == d or host.endswith("." + d) for d in domains)


def link_hits(text: str, allowed_domains: tuple[str, ...]) -> Iterator[Hit]:
    """Links to hosts outside the allowed domains: advertising ones block, any other one warns."""
    for match in _URL.finditer(text):
        host = match.group("host")
        if _allowed(host, allowed_domains):
            continue
        start, end = match.start(), match.start() + len(match.group().rstrip(_TRAILING))
        context = text[max(0, start - _CONTEXT) : start] + text[end : end + _CONTEXT]
        if _AD_HOST.search(host) or _AD_WORDS.search(context):
            yield Hit(start, end, "ad_link", BLOCK, SUGGEST_AD, RULE_AD)
        else:
            yield Hit(start, end, "ad_link", WARN, SUGGEST_EXTERNAL, RULE_EXTERNAL)
