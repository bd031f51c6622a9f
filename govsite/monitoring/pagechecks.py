"""Checks over one page's HTML (M1): the footer set, the national meta tags, empty columns (C5).

The footer set is what monitoring vendors check (国办发〔2017〕47号): 我为政府网站找错, 党政机关网站标识,
网站标识码, ICP备案号, 公安机关备案号, 主办单位, 联系方式. Both our own footer and the usual wording of
other sites are recognised. No Django import: the inspection feeds fetched pages in.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Literal

from lxml import html as lxml_html

from govsite.columns.rules import COLUMN_TYPES, find_placeholder

PageKind = Literal["site", "column", "article"]

# Where a footer sits when the page has no <footer>: id or class words of the common templates.
_FOOTER_WORDS = ("foot", "bottom", "copyright", "banquan")
# Page parts that are not a column's content: navigation, header, footer, location bar.
_CHROME_WORDS = ("nav", "menu", "head", "foot", "crumb", "position", "location", "search")
_CHROME_TAGS = ("header", "footer", "script", "style", "h1", "h2", "h3")
# Where a column page keeps its content, best guess first.
_CONTENT_PATHS = ("//main", "//*[@id='main']", "//*[@id='content']", "//body")
# Labels that may follow 主办单位 in a footer: seeing one right after it means the sponsor is blank.
_FOOTER_LABELS = ("承办", "协办", "联系", "政府网站标识码", "网站标识码", "ICP", "地址", "电话", "邮箱", "技术支持")

_SITE_ID = re.compile(r"网站标识码\s*[：:]?\s*([A-Za-z0-9]*)")
_SITE_ID_VALUE = re.compile(r"[A-Za-z0-9]{10}")
_ICP = re.compile(r"[\u4e00-\u9fff]ICP备\s*\d{6,10}\s*号(?:-\d+)?")
_PSB = re.compile(r"[\u4e00-\u9fff]公网安备\s*\d{14}\s*号")
_SPONSOR = re.compile(r"主\s?办(?:单位)?[\s：:]*")
_CONTACT = re.compile(
    r"(?<!\d)(?:0\d{2,3}[-－—\s]?|[(（]0\d{2,3}[)）])\d{7,8}(?!\d)"  # landline
    r"|(?<!\d)1[3-9]\d{9}(?!\d)"  # mobile
    r"|(?<!\d)(?:12345|400[-\d]{7,9})(?!\d)"  # hotlines
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|联系我们"
)


def _parse(page: str):
    """The page's element tree; a blank page gives an empty document rather than an error."""
    source = page.encode("utf-8") if page.strip() else b"<html></html>"
    return lxml_html.document_fromstring(source, parser=lxml_html.HTMLParser(encoding="utf-8"))


def _words(element) -> str:
    return f"{element.get('id', '')} {element.get('class', '')}".lower()


def _text(element) -> str:
    """Visible text with image alternatives, pieces joined by spaces (so dt/dd pairs stay apart)."""
    pieces = element.xpath(".//text()[not(ancestor::script) and not(ancestor::style)] | .//@alt | .//@title")
    return " ".join(p.strip() for p in pieces if p.strip())


def _footer_regions(root) -> list:
    """<footer> and the elements named like a footer, outermost only; the whole page when none."""
    found = [el for el in root.iter() if isinstance(el.tag, str)
             and (el.tag == "footer" or any(w in _words(el) for w in _FOOTER_WORDS))]
    chosen = set(found)
    outermost = [el for el in found if not any(a in chosen for a in el.iterancestors())]
    return outermost or [root]


def _markers(root) -> str:
    """Addresses and script ids of the whole page, where the 找错 and 党政机关 scripts show themselves."""
    return " ".join(root.xpath("//@href | //@src | //script/@id")).lower()


def _find_fault(footer: str, markers: str) -> str | None:
    if "我为政府网站找错" in footer or "jiucuo" in markers or "zfwzgl.www.gov.cn" in markers:
        return None
    return "页脚缺少“我为政府网站找错”入口"


def _party_mark(footer: str, markers: str) -> str | None:
    if "党政机关" in footer or "conac" in markers:
        return None
    return "页脚缺少党政机关网站标识"


def _site_id(footer: str, markers: str) -> str | None:
    match = _SITE_ID.search(footer)
    if match is None:
        return "页脚缺少网站标识码"
    if not _SITE_ID_VALUE.fullmatch(match.group(1)):
        return f"页脚网站标识码“{match.group(1)}”格式不正确（应为10位数字或字母）"
    return None


def _icp(footer: str, markers: str) -> str | None:
    if _ICP.search(footer):
        return None
    if "icp" in footer.lower() or "beian.miit.gov.cn" in markers:
        return "页脚ICP备案号格式不正确（应如“滇ICP备05001234号-1”）"
    return "页脚缺少ICP备案号"


def _psb(footer: str, markers: str) -> str | None:
    if _PSB.search(footer):
        return None
    if "公网安备" in footer or "公安机关备案" in footer or "beian.mps.gov.cn" in markers:
        return "页脚公安机关备案号格式不正确（应如“滇公网安备 53250402000101号”，14位数字）"
    return "页脚缺少公安机关备案标识"


def _sponsor(footer: str, markers: str) -> str | None:
    match = _SPONSOR.search(footer)
    if match is None:
        return "页脚缺少网站主办单位"
    rest = footer[match.end():].split(maxsplit=1)
    if not rest or rest[0].startswith(_FOOTER_LABELS):
        return "页脚网站主办单位未填写"
    return None


def _contact(footer: str, markers: str) -> str | None:
    return None if _CONTACT.search(footer) else "页脚缺少联系方式（电话、邮箱或“联系我们”）"


_FOOTER_CHECKS = (_find_fault, _party_mark, _site_id, _icp, _psb, _sponsor, _contact)


def footer_findings(page: str) -> list[str]:
    """What the footer set lacks or gets wrong, one Chinese sentence each; empty when complete."""
    root = _parse(page)
    footer = " ".join(_text(region) for region in _footer_regions(root))
    markers = _markers(root)
    return [finding for check in _FOOTER_CHECKS if (finding := check(footer, markers))]


# ---- National page metadata (国办发〔2017〕47号) ----

META_LABELS: dict[str, str] = {
    "SiteName": "网站名称",
    "SiteDomain": "网站域名",
    "SiteIDCode": "网站标识码",
    "ColumnName": "栏目名称",
    "ColumnDescription": "栏目描述",
    "ColumnKeywords": "栏目关键词",
    "ColumnType": "栏目类型",
    "ArticleTitle": "文章标题",
    "PubDate": "发布时间",
    "ContentSource": "文章来源",
}
_SITE_META = ("SiteName", "SiteDomain", "SiteIDCode")
_COLUMN_META = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
_ARTICLE_META = ("ArticleTitle", "PubDate", "ContentSource")
# A home page carries the site tags, a column page the column tags too, an article page all of them.
REQUIRED_META: dict[str, tuple[str, ...]] = {
    "site": _SITE_META,
    "column": _SITE_META + _COLUMN_META,
    "article": _SITE_META + _COLUMN_META + _ARTICLE_META,
}
_DOMAIN = re.compile(r"[^\s/:]+(?:\.[^\s/:]+)+")


def _valid_pub_date(value: str) -> bool:
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M").strftime("%Y-%m-%d %H:%M") == value
    except ValueError:
        return False


# Why a present, non-empty value is malformed, or None when it is fine.
_META_FORMATS = {
    "SiteIDCode": lambda v: None if _SITE_ID_VALUE.fullmatch(v) else "应为10位数字或字母",
    "SiteDomain": lambda v: None if _DOMAIN.fullmatch(v) else "应为域名本身，不带“http://”和路径",
    "ColumnType": lambda v: None if v in COLUMN_TYPES else "不是国家规定的栏目类型",
    "PubDate": lambda v: None if _valid_pub_date(v) else "应为“YYYY-MM-DD HH:MM”",
}


def _meta_tags(root) -> dict[str, str]:
    """name → content of the page's named meta tags; the first wins."""
    tags: dict[str, str] = {}
    for meta in root.xpath("//meta[@name]"):
        tags.setdefault(meta.get("name").strip(), (meta.get("content") or "").strip())
    return tags


def _meta_finding(name: str, tags: dict[str, str], by_lower: dict[str, str]) -> str | None:
    """The problem with one required tag: missing, misspelt case, empty or malformed."""
    label = f"{name}（{META_LABELS[name]}）"
    if name not in tags:
        written = by_lower.get(name.lower())
        return f"元数据 {label} 名称大小写不符：页面写作“{written}”" if written else f"缺少元数据 {label}"
    value = tags[name]
    if not value:
        return f"元数据 {label} 内容为空"
    why = _META_FORMATS[name](value) if name in _META_FORMATS else None
    return f"元数据 {label} 格式不正确：“{value}”，{why}" if why else None


def meta_findings(page: str, kind: PageKind) -> list[str]:
    """What the page's national meta tags lack or get wrong for its kind, one Chinese sentence each."""
    if kind not in REQUIRED_META:
        raise ValueError(f"未知的页面类型：{kind}")
    tags = _meta_tags(_parse(page))
    by_lower = {name.lower(): name for name in tags}
    return [finding for name in REQUIRED_META[kind] if (finding := _meta_finding(name, tags, by_lower))]


# ---- Empty columns (C5) ----


def _is_chrome(element, region) -> bool:
    """Headings and page chrome. A bare <nav> counts only when the page marks no content part:
    inside <main> it may list the column's sub-columns, which is content."""
    if element is region or not isinstance(element.tag, str):
        return False
    bare_nav = element.tag == "nav" and region.tag == "body"
    return bare_nav or element.tag in _CHROME_TAGS or any(w in _words(element) for w in _CHROME_WORDS)


def _column_content(page: str) -> tuple[str, bool]:
    """(text outside links, has links) of a column page's content part: <main>, #main, #content or <body>.

    Text inside links is left out: an item titled "…正在建设中" is news, not a placeholder.
    """
    root = _parse(page)
    region = next((found[0] for path in _CONTENT_PATHS if (found := root.xpath(path))), root)
    for element in [el for el in region.iter() if _is_chrome(el, region)]:
        if element.getparent() is not None:
            element.drop_tree()
    text = " ".join(t.strip() for t in region.xpath(".//text()[not(ancestor::a)]") if t.strip())
    return text, bool(region.xpath(".//a[@href]"))


def column_placeholder(page: str) -> str | None:
    """The placeholder phrase a column page shows instead of content (C5), or None."""
    return find_placeholder(_column_content(page)[0])


def is_empty_column(page: str) -> bool:
    """An empty column (C5): a placeholder, or nothing in its content part but its heading."""
    text, has_links = _column_content(page)
    return find_placeholder(text) is not None or not (text or has_links)
