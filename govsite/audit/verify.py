"""Walking the hash chain to prove no entry was changed or removed (X1, M5)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .chain import HEAD_PK, chain_anchor, entry_hash
from .models import AuditChainHead, AuditEntry

PROBLEM_LABELS = {
    "hash_mismatch": _("哈希值不符：本条内容被改动"),
    "broken_link": _("链接断裂：与前一条的哈希或序号不衔接，其前有记录被删除或改动"),
    "missing_tail": _("链尾缺失：最新的记录被删除"),
}


@dataclass(frozen=True)
class Verification:
    """The outcome of walking the chain: how many entries held, and the first that did not."""

    ok: bool
    count: int
    first_broken: dict | None


def _broken(problem: str, seq: int, entry: AuditEntry | None = None) -> dict:
    """What a person needs to find a broken entry: where, when, what, and what is wrong."""
    return {
        "seq": seq,
        "id": entry.pk if entry else None,
        "at": timezone.localtime(entry.at).isoformat() if entry else None,
        "action": entry.action if entry else None,
        "problem": problem,
        "problem_label": str(PROBLEM_LABELS[problem]),
    }


def verify_chain(until_seq: int | None = None) -> Verification:
    """Recompute every hash and link in seq order from the archive anchor, in constant memory."""
    head = AuditChainHead.objects.filter(pk=HEAD_PK).first()
    # Read the head first: entries appended while walking lie beyond it and are left for next time.
    stop = until_seq if until_seq is not None else (head.last_seq if head else None)
    expected_seq, previous = chain_anchor()
    entries = AuditEntry.objects.order_by("seq")
    if stop is not None:
        entries = entries.filter(seq__lte=stop)
    count = 0
    for entry in entries.iterator(chunk_size=2000):
        if entry.prev_hash != previous or entry.seq != expected_seq + 1:
            return Verification(False, count, _broken("broken_link", entry.seq, entry))
        if entry_hash(entry) != entry.hash:
            return Verification(False, count, _broken("hash_mismatch", entry.seq, entry))
        expected_seq, previous, count = entry.seq, entry.hash, count + 1
    if until_seq is None and head and (head.last_seq, head.last_hash) != (expected_seq, previous):
        return Verification(False, count, _broken("missing_tail", head.last_seq))
    return Verification(True, count, None)
