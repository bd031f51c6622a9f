"""The participation functions a column can stand for, each shown only while its site has something (C5)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from govsite.columns.features import register_feature

from .rules import ProposalKind


def has_surveys(site) -> bool:
    from .models import Survey

    return Survey.objects.live().filter(record__site=site).exists()


def has_interviews(site) -> bool:
    from .models import Interview

    return Interview.objects.live().filter(record__site=site).exists()


def _has_proposals(kind: ProposalKind):
    def has_content(site) -> bool:
        from .models import Proposal

        return Proposal.objects.published().filter(record__site=site, kind=kind).exists()

    return has_content


FEATURES = {
    "surveys": (_("征集调查"), "participation:surveys", has_surveys),
    "interviews": (_("在线访谈"), "participation:interviews", has_interviews),
    "npc_suggestions": (_("人大代表建议"), "participation:npc_suggestions", _has_proposals(ProposalKind.NPC)),
    "cppcc_proposals": (_("政协提案"), "participation:cppcc_proposals", _has_proposals(ProposalKind.CPPCC)),
}


def has_content(key: str, site) -> bool:
    """Whether the function `key` has anything published on `site`."""
    return FEATURES[key][2](site)


def register_features() -> None:
    for key, (label, url_name, check) in FEATURES.items():
        register_feature(key, str(label), url_name, check)


_paused: ContextVar[bool] = ContextVar("participation_visibility_paused", default=False)


@contextmanager
def static_rebuilds_paused() -> Iterator[None]:
    """For bulk loads (the demo city) whose caller rebuilds every site afterwards."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def _feature_of(instance) -> str:
    from .models import Interview, Proposal

    if isinstance(instance, Interview):
        return "interviews"
    if isinstance(instance, Proposal):
        return "npc_suggestions" if instance.kind == ProposalKind.NPC else "cppcc_proposals"
    return "surveys"


def _shown(instance) -> bool:
    return has_content(_feature_of(instance), instance.record.site)


def note_visibility(sender, instance, **kwargs) -> None:
    """pre_save: whether the item's function had anything to show on its site before this change."""
    instance._was_shown = _shown(instance) if instance.record_id and not _paused.get() else None


def follow_visibility(sender, instance, **kwargs) -> None:
    """post_save/post_delete: when a function column appears or disappears, the site's static tree follows."""
    before = getattr(instance, "_was_shown", None)
    if instance.record_id and before is not None and before != _shown(instance):
        from govsite.publishing.tasks import rebuild_site

        site_id = instance.record.site_id
        transaction.on_commit(lambda: rebuild_site.enqueue(site_id))
