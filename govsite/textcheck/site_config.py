"""The check config of a site (P6): shipped data files plus the lexicon rows edited in the admin.

Compiling a config takes a fraction of a second, so each process keeps one per site and rebuilds
it only when a lexicon row or a site record changes. The version lives in Django's cache, so with
a shared cache every worker process sees a change made in any other.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from govsite.registry.models import SiteRecord

from . import models
from .engine import CheckConfig, default_config
from .lexicon import Leader, SensitiveWord

_VERSION_KEY = "textcheck:lexicon-version"
_configs: dict[int | None, tuple[str, CheckConfig]] = {}


def _version() -> str:
    """The current lexicon version, created on first use."""
    cache.add(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    return cache.get(_VERSION_KEY) or ""


def invalidate(**_signal_kwargs) -> None:
    """Make every process rebuild its configs on next use; connected to the lexicon models' signals."""
    cache.set(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    _configs.clear()


def _site_domains() -> list[str]:
    """The domains and host names of every site of the platform: links between them are not ads."""
    domains: list[str] = []
    for domain, chinese, hostname in SiteRecord.objects.values_list("domain", "chinese_domain", "site__hostname"):
        domains += [d for d in (domain, chinese, hostname) if d]
    return domains


def _build(record: SiteRecord | None) -> CheckConfig:
    """The shipped config extended with the platform-wide rows and those of `record`."""
    for_site = (Q(site__isnull=True) | Q(site=record)) if record else Q(site__isnull=True)
    return default_config().extended(
        sensitive=[
            SensitiveWord(e.word, e.category, e.severity)
            for e in models.LexiconEntry.objects.filter(for_site, active=True).order_by("site", "pk")
        ],
        whitelist=models.WhitelistEntry.objects.filter(for_site).values_list("word", flat=True),
        leaders=[Leader(m.name, m.title) for m in models.Leader.objects.filter(active=True)],
        typos=models.TypoPair.objects.values_list("wrong", "right"),
        allowed_domains=_site_domains(),
    )


def config_for_site(record: SiteRecord | None) -> CheckConfig:
    """The config for checking content of `record` (None: platform-wide lists only), cached."""
    version = _version()
    key = record.pk if record else None
    cached = _configs.get(key)
    if cached is None or cached[0] != version:
        cached = (version, _build(record))
        _configs[key] = cached
    return cached[1]


def connect_signals() -> None:
    """Invalidate the cached configs whenever a lexicon row or a site record is saved or deleted."""
    for sender in (models.LexiconEntry, models.WhitelistEntry, models.Leader, models.TypoPair, SiteRecord):
        post_save.connect(invalidate, sender=sender, dispatch_uid=f"textcheck-{sender.__name__}-save")
        post_delete.connect(invalidate, sender=sender, dispatch_uid=f"textcheck-{sender.__name__}-delete")
