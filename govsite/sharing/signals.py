"""Push follows the pages (P9): a republished original reaches its copies, a copy's review sets its status."""

from __future__ import annotations

from wagtail.signals import page_published, workflow_rejected

from .models import PushedItem


def follow_publication(sender, instance, revision=None, **kwargs) -> None:
    """An original published again goes to every copy for review; a copy published is live on its site."""
    from .push import propagate

    PushedItem.objects.filter(copy_id=instance.pk).update(status=PushedItem.Status.PUBLISHED)
    items = PushedItem.objects.filter(origin_id=instance.pk).select_related("target", "copy", "pushed_by")
    for item in items:
        propagate(item, instance.specific, getattr(revision, "user", None) or item.pushed_by)


def follow_rejection(sender, instance, user=None, **kwargs) -> None:
    """A copy sent back by the receiving site's reviewers shows as 已退回 to the pushing site."""
    PushedItem.objects.filter(copy_id=instance.object_id).update(status=PushedItem.Status.REJECTED)


def connect() -> None:
    page_published.connect(follow_publication, dispatch_uid="sharing.follow_publication")
    workflow_rejected.connect(follow_rejection, dispatch_uid="sharing.follow_rejection")
