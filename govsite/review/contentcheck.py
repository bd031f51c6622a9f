"""Content checks on an item (P6): its text and attachments, shown to editors and gating approval."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import strip_tags

from govsite.textcheck.attachments import check_attachment
from govsite.textcheck.engine import check_text
from govsite.textcheck.findings import KIND_LABELS, Finding
from govsite.textcheck.site_config import config_for_site


@dataclass(frozen=True)
class ItemFinding:
    """A finding and where it was found: the item's text or one of its attachments."""

    source: str
    finding: Finding

    @property
    def blocking(self) -> bool:
        return self.finding.severity == "block"

    def describe(self) -> str:
        f = self.finding
        hint = f"，建议：{f.suggestion}" if f.suggestion else ""
        return f"{self.source}第{f.offset + 1}字“{f.text}”：{KIND_LABELS.get(f.kind, f.kind)}{hint}"


def item_text(page) -> str:
    """What a reader sees of an item: title, summary and body text."""
    return "\n".join([page.title, getattr(page, "summary", "") or "", strip_tags(getattr(page, "body", "") or "")])


def check_item(page) -> list[ItemFinding]:
    """Every finding in the item's text and in the text of its attached documents."""
    site = page.get_site()
    config = config_for_site(getattr(site, "record", None) if site else None)
    found = [ItemFinding("正文", f) for f in check_text(item_text(page), config)]
    for attachment in getattr(page, "attachments", None).all() if hasattr(page, "attachments") else []:
        document = attachment.document
        with document.file.open("rb") as handle:
            data = handle.read()
        name = f"附件《{attachment.display_title}》"
        found += [ItemFinding(name, f) for f in check_attachment(document.file.name, data, config)]
    return found


def blocking_summary(findings: list[ItemFinding], limit: int = 5) -> str:
    """A short Chinese list of the blocking findings, for a refusal message."""
    blocking = [f for f in findings if f.blocking]
    shown = "；".join(f.describe() for f in blocking[:limit])
    more = f"等共 {len(blocking)} 处" if len(blocking) > limit else ""
    return f"{shown}{more}"
