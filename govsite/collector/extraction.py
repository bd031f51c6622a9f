"""What a list page, a feed or a detail page of an upstream site holds (G1): links, next page, title, date,
body, attachments, images and the national meta tags; no Django import.

A selector starting with "/" or "(" is XPath, anything else CSS. Without a body selector the body is found
by trafilatura, as an editor would read the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urldefrag, urljoin, urlsplit

import trafilatura
from cssselect import SelectorError as CssError
from lxml import etree, html

from govsite.security.upload_rules import DOCUMENT_EXTENSIONS

_DATE = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2}))?"
)


class SelectorError(ValueError):
    """A selector neither CSS nor XPath can read; the message says which one, in Chinese."""


@dataclass(frozen=True)
class UpstreamDate:
    """When the upstream site published an item; `precise` when it gave the time of day, not only the date."""

    value: datetime
    precise: bool


@dataclass(frozen=True)
class Link:
    url: str
    title: str = ""


@dataclass(frozen=True)
class Selectors:
    """Where things are on the source's pages; empty means "find it yourself"."""

    links: str = "a"
    next_page: str = ""
    title: str = ""
    date: str = ""
    body: str = ""
    attachments: str = ""


@dataclass(frozen=True)
class Detail:
    url: str
    title: str
    published: UpstreamDate | None
    body_html: str
    attachments: tuple[Link, ...] = ()
    images: tuple[str, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)


def _is_xpath(selector: str) -> bool:
    return selector.lstrip().startswith(("/", "(", "./"))


def select(root, selector: str) -> list:
    """The elements (or strings, for an XPath ending in text() or @attr) the selector finds under `root`."""
    try:
        return root.xpath(selector) if _is_xpath(selector) else root.cssselect(selector)
    except (etree.XPathError, CssError) as error:
        kind = "XPath" if _is_xpath(selector) else "CSS"
        raise SelectorError(f"{kind}选择器“{selector}”写法不正确：{error}") from error


def validate_selector(selector: str) -> None:
    """Raise SelectorError when `selector` cannot be read (used when an administrator saves a source)."""
    if selector.strip():
        select(html.fromstring("<p></p>"), selector)


def _text(found) -> str:
    if isinstance(found, str):
        return found
    return " ".join(found.text_content().split())


def _first_text(root, selector: str) -> str:
    found = select(root, selector) if selector else []
    return _text(found[0]).strip() if found else ""


def absolute(base: str, href: str) -> str | None:
    """`href` made absolute against `base`, without its #fragment; None for mailto:, javascript: and the like."""
    url = urldefrag(urljoin(base, href.strip())).url
    return url if urlsplit(url).scheme in ("http", "https") else None


def parse_date(text: str) -> UpstreamDate | None:
    """The first date in `text` (2026-03-01, 2026/3/1, 2026年3月1日, with an optional 09:30)."""
    match = _DATE.search(text or "")
    if not match:
        return None
    hour, minute = match.group("H"), match.group("M")
    try:
        value = datetime(int(match["y"]), int(match["m"]), int(match["d"]), int(hour or 0), int(minute or 0))
    except ValueError:
        return None
    return UpstreamDate(value, precise=hour is not None)


def parse_page(text: str, url: str):
    """The page's element tree, links resolved against `url` (and a <base href> if it has one)."""
    root = html.document_fromstring(text or "<html></html>")
    base = root.xpath("//base/@href")
    root.make_links_absolute(urljoin(url, base[0]) if base else url, resolve_base_href=True, handle_failures="discard")
    return root


def _links(elements) -> list[Link]:
    links, seen = [], set()
    for element in elements:
        if isinstance(element, str) or element.get("href") is None:
            continue
        url = absolute("", element.get("href"))
        if url and url not in seen:
            seen.add(url)
            links.append(Link(url, (element.get("title") or _text(element)).strip()))
    return links


def parse_list(text: str, url: str, selectors: Selectors) -> tuple[list[Link], str | None]:
    """The item links of one list page and the address of the next page, if the source says how to find it."""
    root = parse_page(text, url)
    found = select(root, selectors.links)
    anchors = [a for element in found if not isinstance(element, str)
               for a in ([element] if element.tag == "a" else element.iter("a"))]
    following = _links(select(root, selectors.next_page)) if selectors.next_page else []
    return _links(anchors), following[0].url if following else None


def walk_list(first_url: str, fetch: Callable[[str], str], selectors: Selectors, max_pages: int) -> list[Link]:
    """Item links of the list page and its next pages, at most `max_pages` pages, each page and link once."""
    links: dict[str, Link] = {}
    visited: set[str] = set()
    url: str | None = first_url
    while url and url not in visited and len(visited) < max_pages:
        visited.add(url)
        found, url = parse_list(fetch(url), url, selectors)
        for link in found:
            links.setdefault(link.url, link)
    return list(links.values())


def parse_feed(data: bytes, url: str) -> list[Link]:
    """The items of an RSS 2.0 or Atom feed, newest first as the feed lists them."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise SelectorError(f"RSS订阅内容不是有效的XML：{error}") from error
    links = []
    for item in root.xpath("//*[local-name()='item' or local-name()='entry']"):
        href = item.xpath("string(*[local-name()='link']/@href)") or item.xpath("string(*[local-name()='link'])")
        target = absolute(url, href)
        if target:
            links.append(Link(target, " ".join(item.xpath("string(*[local-name()='title'])").split())))
    return links


def meta_tags(root) -> dict[str, str]:
    """The page's <meta name=… content=…> tags (SiteName, ColumnName, ArticleTitle, PubDate, ContentSource…)."""
    return {m.get("name").strip(): (m.get("content") or "").strip() for m in root.iter("meta") if m.get("name")}


def _is_document(url: str) -> bool:
    return urlsplit(url).path.rsplit(".", 1)[-1].lower() in DOCUMENT_EXTENSIONS


def _body(root, text: str, url: str, selector: str) -> tuple[str, list]:
    """The body's HTML and the elements to look for attachments in: the selected ones, or the whole page
    when trafilatura found the body (its output drops most links)."""
    if selector:
        elements = [e for e in select(root, selector) if not isinstance(e, str)]
        return "".join(html.tostring(e, encoding="unicode") for e in elements), elements
    extracted = trafilatura.extract(text, url=url, output_format="html", include_links=True, include_images=True,
                                    include_tables=True, favor_recall=True)
    return extracted or "", [root]


def parse_detail(text: str, url: str, selectors: Selectors) -> Detail:
    """Everything the collector keeps of one item's page."""
    root = parse_page(text, url)
    meta = meta_tags(root)
    body, scope = _body(root, text, url, selectors.body)
    if selectors.attachments:
        attachments = _links(select(root, selectors.attachments))
    else:
        attachments = [link for element in scope for link in _links(element.iter("a")) if _is_document(link.url)]
    images = [absolute(url, src) for src in html.fragment_fromstring(body, create_parent=True).xpath("//img/@src")
              ] if body else []
    title = (_first_text(root, selectors.title) or meta.get("ArticleTitle") or _first_text(root, "//h1")
             or _first_text(root, "//title"))
    published = parse_date(_first_text(root, selectors.date)) or parse_date(meta.get("PubDate", ""))
    return Detail(url, title, published, body, tuple(attachments), tuple(i for i in images if i), meta)

