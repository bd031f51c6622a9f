"""An upstream body made safe and self-contained for a Wagtail rich-text field (G1, X6); no Django import.

Only plain text markup is kept (no script, style, frame, form or event handler); links are absolute; an
attachment or image the collector stored points to the library copy (Wagtail's `linktype="document"` and
`embedtype="image"` references), an image it could not store is dropped, keeping its alt text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from html import escape

from lxml import html

from .extraction import absolute

KEPT_TAGS = frozenset({
    "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "b", "strong", "i", "em", "u", "sub", "sup",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td", "a", "img", "hr",
})
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "frame", "object", "embed", "form", "noscript",
                                  "template", "svg", "math", "head", "title", "button", "select", "textarea"})
KEPT_ATTRIBUTES = {"a": ("href",), "img": ("src", "alt"), "td": ("colspan", "rowspan"), "th": ("colspan", "rowspan")}
_SPACE = re.compile(r"\s+")
_EMBED = re.compile(r"<embed\b([^>]*?)/?>")


def _fragment(body_html: str):
    return html.fragment_fromstring(body_html or "", create_parent="div")


def _clean_element(element, base_url: str) -> None:
    """Strip every attribute but the kept ones; make links absolute, dropping javascript: and the like."""
    kept = KEPT_ATTRIBUTES.get(element.tag, ())
    for name in list(element.attrib):
        if name not in kept:
            del element.attrib[name]
    for name in ("href", "src"):
        if name in element.attrib:
            url = absolute(base_url, element.get(name))
            if url is None:
                del element.attrib[name]
            else:
                element.set(name, url)


def clean_body(body_html: str, base_url: str) -> str:
    """The body with only kept tags and attributes; other tags are unwrapped, dangerous ones removed."""
    root = _fragment(body_html)
    for element in list(root.iter())[1:]:
        if not isinstance(element.tag, str) or element.tag in DROPPED_WITH_CONTENT:  # comments too
            element.drop_tree()
        elif element.tag not in KEPT_TAGS:
            element.drop_tag()
        else:
            _clean_element(element, base_url)
    return _inner(root)


def _inner(root) -> str:
    """The fragment's markup; image embeds self-closed, as Wagtail's rich-text rewriter looks for them."""
    markup = escape(root.text or "", quote=False) + "".join(html.tostring(child, encoding="unicode") for child in root)
    return _EMBED.sub(r"<embed\1/>", markup).strip()


def rewrite_links(body_html: str, documents: dict[str, int], images: dict[str, int],
                  refused: frozenset[str] = frozenset()) -> str:
    """Point links to stored attachments at their documents and stored images at their images; unlink a
    refused file and drop an image that was not stored (hot-linking breaks when upstream files move),
    keeping their text."""
    root = _fragment(body_html)
    for link in list(root.iter("a")):
        document = documents.get(link.get("href", ""))
        if link.get("href") in refused:
            link.drop_tag()
        elif document is not None:
            link.attrib.clear()
            link.set("linktype", "document")
            link.set("id", str(document))
    for image in list(root.iter("img")):
        stored = images.get(image.get("src", ""))
        if stored is None:
            image.tail = (image.get("alt") or "") + (image.tail or "")
            image.drop_tree()
        else:
            embed = html.Element("embed", embedtype="image", id=str(stored), format="fullwidth",
                                 alt=image.get("alt") or "")
            embed.tail = image.tail
            image.getparent().replace(image, embed)
    return _inner(root)


def plain_text(body_html: str) -> str:
    """The body's text as a reader sees it, runs of spaces and line breaks made one space."""
    return _SPACE.sub(" ", _fragment(body_html).text_content()).strip()


def normalised_text(title: str, body_html: str) -> str:
    """What makes two copies of an item the same: the title and the body's text, width-folded (NFKC), with
    markup and every space removed (Chinese text has no word spaces to keep)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", f"{title}{plain_text(body_html)}"))


def content_hash(title: str, body_html: str) -> str:
    """SHA-256 of the normalised text: the same item re-posted with other markup or spacing is one item."""
    return hashlib.sha256(normalised_text(title, body_html).encode()).hexdigest()
