"""Push (P9): a published item is copied as a draft into columns of other sites, each copy passes the
receiving site's own review, and a republished original reaches every copy as a new revision to review."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from wagtail.models import Page

from govsite.audit.chain import record
from govsite.audit.context import current_ip
from govsite.columns.models import ColumnPage
from govsite.content.models import ContentPage
from govsite.formguard.refusal import Refused
from govsite.registry.models import SiteRecord
from govsite.review.workflow import submit_for_review

from . import events
from .links import copy_slug, with_origin_link
from .models import PushedItem


def site_of(page: Page) -> SiteRecord:
    return SiteRecord.objects.get(site=page.get_site())


def _copied_fields(origin: ContentPage) -> dict:
    """What the copy sets apart from the original: its source site and a link back, and no emergency
    event of the source site, whose workflow would otherwise review it (P11)."""
    name = site_of(origin).name
    text = _("原文链接：%(site)s“%(title)s”") % {"site": name, "title": origin.title}
    return {"source": name[:100], "body": with_origin_link(origin.body, origin.full_url or "", text),
            "emergency_event": None}


def push_targets(origin: ContentPage):
    """The columns of other sites an item may be pushed to."""
    return ColumnPage.objects.exclude(pk__in=Page.objects.descendant_of(origin.get_site().root_page)
                                      .values("pk")).order_by("path")


def check_push(origin: ContentPage, user) -> None:
    """Refuse a push of an unpublished item or by someone who may not edit it."""
    if not origin.live:
        raise Refused(_("只能推送已发布的信息"), "not_live")
    if not origin.permissions_for_user(user).can_edit():
        raise Refused(_("只能推送本单位网站的信息"), "not_editor")


@transaction.atomic
def push(origin: ContentPage, targets: list[ColumnPage], user) -> list[PushedItem]:
    """Copy the published item as a draft into each target column and submit it to that site's review."""
    origin = origin.specific
    check_push(origin, user)
    own = push_targets(origin)
    items = []
    for target in targets:
        if not own.filter(pk=target.pk).exists():
            raise Refused(_("不能推送到本网站的栏目“%(column)s”") % {"column": target.title}, "own_site")
        if PushedItem.objects.filter(origin=origin, target=target).exists():
            raise Refused(_("已推送到栏目“%(column)s”，原信息更新后会自动同步") % {"column": target.title},
                          "pushed")
        copy = origin.copy(to=target, keep_live=False, copy_revisions=False, user=user, log_action=None,
                           update_attrs={"slug": copy_slug(origin.slug, origin.pk), **_copied_fields(origin)})
        submit_for_review(copy, user)
        item = PushedItem.objects.create(origin=origin, target=target, copy=copy, pushed_by=user)
        record(events.PUSH, actor=user, obj=copy, site=site_of(target), ip=current_ip(),
               data={"origin": origin.pk, "target": target.pk, "copy": copy.pk})
        items.append(item)
    return items


def _revision_content(origin: ContentPage, copy: ContentPage) -> dict:
    """The original's content as a revision of the copy: the copy keeps its own place, address and
    identity; its attachments are new rows so the original's are never moved."""
    content = copy.serializable_data()
    source = origin.serializable_data()
    for field in origin._meta.concrete_fields:
        if field.model is not Page and field.name in source:
            content[field.name] = source[field.name]
    content["title"] = source["title"]
    for relation in get_all_child_relations(origin):
        if relation.field.remote_field.model is Page:
            continue  # comments and other page-wide records stay with their page
        name = relation.get_accessor_name()
        content[name] = [{**child, "pk": None, relation.field.name: copy.pk} for child in source.get(name, [])]
    return content


def propagate(item: PushedItem, origin: ContentPage, user) -> None:
    """A new revision of the copy with the original's new content, sent to the receiver's review afresh;
    the copy's live version stays until the receiving site approves (P9)."""
    copy = item.copy.specific
    draft = copy.with_content_json(_revision_content(origin, copy))
    for name, value in _copied_fields(origin).items():
        setattr(draft, name, value)
    draft.save_revision(user=user)
    state = copy.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    submit_for_review(draft, user)
    PushedItem.objects.filter(pk=item.pk).update(status=PushedItem.Status.SUBMITTED)
    record(events.PROPAGATE, actor=user, obj=copy, site=site_of(item.target), ip=current_ip(),
           data={"origin": origin.pk, "copy": copy.pk})
