"""The library rebuild as a registered job (P10): progress on the job page and the CLI bar, safe to re-run."""

from __future__ import annotations

from govsite.jobs.registry import register

from . import catalogue


@register("library.rebuild", "重建信息资源库")
def rebuild_library() -> dict:
    """File every live content page in the library, e.g. those published before the library existed."""
    return catalogue.rebuild()
