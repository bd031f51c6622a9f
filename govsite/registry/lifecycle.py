"""Moving a site through its lifecycle (S3-S6): each step checked, announced, audited and kept in its history.

Every function runs in one transaction and refuses a bad step with a Chinese ValidationError
before anything changes; the rules themselves are in `lifecycle_rules`.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from govsite.audit.chain import record as audit_record
from govsite.audit.context import current_ip
from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage

from . import lifecycle_rules as rules
from .lifecycle_rules import CHECKLIST_LABELS, ChecklistItem, SiteStatus, Transition
from .models import SiteChecklistItem, SiteDowntime, SiteRecord

NOTICE_COLUMN_TITLES = ("通知公告", "公示公告")

ACTION_LABELS = {
    "govsite.site.checklist": gettext_lazy("登记网站开通（注销）事项"),
    "govsite.site.online": gettext_lazy("网站开通上线"),
    "govsite.site.offline": gettext_lazy("网站临时下线"),
    "govsite.site.back_online": gettext_lazy("网站恢复上线"),
    "govsite.site.outage": gettext_lazy("报备不可抗力中断"),
    "govsite.site.outage_end": gettext_lazy("不可抗力中断恢复"),
    "govsite.site.outage_escalate": gettext_lazy("不可抗力中断超过72小时转为临时下线"),
    "govsite.site.migrate": gettext_lazy("网站开始整合迁移"),
    "govsite.site.finish_migration": gettext_lazy("网站完成迁移"),
    "govsite.site.close": gettext_lazy("网站永久下线"),
}


def _refuse(message: str | None) -> None:
    """Stop the step with the rule's Chinese message, before anything has changed."""
    if message:
        raise ValidationError(message)


def _locked(record: SiteRecord) -> SiteRecord:
    """A fresh copy of the record, locked until the transaction ends, so two steps never interleave."""
    return SiteRecord.objects.select_for_update(of=("self",)).select_related("site", "parent").get(pk=record.pk)


def _when(moment: dt.datetime) -> str:
    """A moment as notices print it, in local time."""
    return f"{timezone.localtime(moment):%Y年%m月%d日%H:%M}"


def _audit(action: str, record: SiteRecord, user, data: dict) -> None:
    """One audit entry per step, filed under the site (S6, X1)."""
    audit_record(action, actor=user, obj=record, ip=current_ip(), data=data, label=str(ACTION_LABELS[action]))


def _move(record: SiteRecord, transition: Transition, user, data: dict, action: str = "") -> None:
    """Set the new status: the history row (S6) comes from `save`, the audit entry from here."""
    record.status = rules.TRANSITIONS[transition][1]
    record.save(changed_by=user)
    _audit(action or f"govsite.site.{transition}", record, user, data)


def top_portal(record: SiteRecord) -> SiteRecord:
    """The city portal above the site, or the site itself: openings and closings are announced there (003 §11, §13)."""
    while record.parent_id:
        record = record.parent
    return record


def level_portal(record: SiteRecord) -> SiteRecord:
    """The portal of the site's own level (本级政府门户), or the site itself at the top (003 §14)."""
    return record.parent if record.parent_id else record


def notice_column(record: SiteRecord) -> ColumnPage:
    """The site's live 通知公告 or 公示公告 column, the shallowest first; nothing is created."""
    column = (
        ColumnPage.objects.live()
        .descendant_of(record.site.root_page)
        .filter(title__in=NOTICE_COLUMN_TITLES)
        .order_by("depth", "path")
        .first()
    )
    if column is None:
        raise ValidationError(_("“%(site)s”没有已发布的“通知公告”或“公示公告”栏目，无法发布公告") % {"site": record.name})
    return column


def publish_notice(record: SiteRecord, title: str, paragraphs: list[str], user) -> ArticlePage:
    """Publish a notice in the site's notice column at once: the step itself is the approval."""
    column = notice_column(record)
    page = ArticlePage(
        title=title,
        kind=ArticlePage.Kind.NOTICE,
        source=record.sponsor,
        summary=paragraphs[0][:500],
        body="".join(format_html("<p>{}</p>", text) for text in paragraphs),
        owner=user,
    )
    column.add_child(instance=page)
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return page


def recorded_items(record: SiteRecord) -> set[str]:
    """The checklist items already recorded for the site (S3, S5)."""
    return set(record.checklist.values_list("item", flat=True))


def _registered_value(record: SiteRecord, item: str) -> str:
    """The registry's own number for an opening item, the default remark when none is given."""
    return {
        ChecklistItem.DOMAIN: record.domain,
        ChecklistItem.ICP: record.icp_number,
        ChecklistItem.PSB: record.psb_number,
        ChecklistItem.SITE_ID_CODE: record.site_id_code,
    }.get(item, "")


@transaction.atomic
def record_item(record: SiteRecord, item: str, *, done_on: dt.date, note: str = "", user=None) -> SiteChecklistItem:
    """Record an opening (S3) or cancellation (S5) step with its date, number and who recorded it."""
    record = _locked(record)
    _refuse(rules.check_item_allowed(record.status, item, done_on, timezone.localdate()))
    entry, _created = SiteChecklistItem.objects.update_or_create(
        record=record,
        item=item,
        defaults={"done_on": done_on, "note": note or _registered_value(record, item), "recorded_by": user},
    )
    _audit(
        "govsite.site.checklist",
        record,
        user,
        {"item": item, "label": CHECKLIST_LABELS[ChecklistItem(item)], "done_on": done_on, "note": entry.note},
    )
    return entry


@transaction.atomic
def go_online(record: SiteRecord, *, user=None) -> SiteRecord:
    """筹建 → 运行 once all six opening items are recorded; the city portal announces it (S3, 003 §11)."""
    record = _locked(record)
    _refuse(rules.check_transition(record.status, Transition.ONLINE))
    _refuse(rules.check_opening(recorded_items(record)))
    portal = top_portal(record)
    names = {"name": record.name, "domain": record.domain}
    notice = publish_notice(
        portal,
        _("关于%(name)s开通运行的公告") % names,
        [
            _("经批准，%(name)s（%(domain)s）于%(date)s正式开通运行。")
            % {**names, "date": f"{timezone.localdate():%Y年%m月%d日}"},
            _("主办单位：%(sponsor)s；承办单位：%(organizer)s；网站标识码：%(code)s；%(icp)s；%(psb)s。")
            % {
                "sponsor": record.sponsor,
                "organizer": record.organizer,
                "code": record.site_id_code,
                "icp": record.icp_number,
                "psb": record.psb_number,
            },
        ],
        user,
    )
    _move(record, Transition.ONLINE, user, {"notice_id": notice.pk, "portal": portal.name})
    return record


def _offline_starts(record: SiteRecord) -> list[dt.datetime]:
    """Local start times of the site's temporary offlines, for the once-a-year rule (S4)."""
    starts = record.downtimes.filter(kind=SiteDowntime.Kind.OFFLINE).values_list("start", flat=True)
    return [timezone.localtime(start) for start in starts]


def open_outage(record: SiteRecord) -> SiteDowntime | None:
    """The reported outage not yet ended nor turned into a temporary offline."""
    return record.downtimes.filter(
        kind=SiteDowntime.Kind.OUTAGE, ended_at__isnull=True, escalated_to__isnull=True
    ).first()


def current_offline(record: SiteRecord) -> SiteDowntime | None:
    """The temporary offline in progress, for its notice page and Retry-After (S4)."""
    return record.downtimes.filter(kind=SiteDowntime.Kind.OFFLINE, ended_at__isnull=True).first()


@transaction.atomic
def take_offline(
    record: SiteRecord, *, reason: str, planned_end: dt.datetime, start: dt.datetime | None = None, user=None
) -> SiteDowntime:
    """运行 → 临时下线: once a calendar year, at most 30 days, announced on the site and its portal (S4, 003 §14)."""
    now = timezone.now()
    start = start or now
    record = _locked(record)
    _refuse(rules.check_transition(record.status, Transition.OFFLINE))
    _refuse(rules.check_no_open_outage(open_outage(record) is not None))
    _refuse(
        rules.check_offline_plan(
            reason, timezone.localtime(start), timezone.localtime(planned_end), timezone.localtime(now),
            _offline_starts(record),
        )
    )
    return _start_offline(record, reason=reason.strip(), start=start, planned_end=planned_end, user=user)


def _start_offline(
    record: SiteRecord,
    *,
    reason: str,
    start: dt.datetime,
    planned_end: dt.datetime,
    user,
    outage: SiteDowntime | None = None,
    data: dict | None = None,
) -> SiteDowntime:
    """Create the offline, publish its two notices and set the status (S4)."""
    downtime = SiteDowntime.objects.create(
        record=record, kind=SiteDowntime.Kind.OFFLINE, reason=reason, start=start, planned_end=planned_end,
        outage=outage, reported_by=user,
    )
    facts = {"name": record.name, "domain": record.domain, "reason": reason, "start": _when(start),
             "end": _when(planned_end)}
    title = _("关于%(name)s临时下线的公告") % facts
    downtime.site_notice = publish_notice(
        record, title, [_("因%(reason)s，本网站自%(start)s起临时下线，计划于%(end)s恢复访问，给您带来不便，敬请谅解。") % facts],
        user,
    )
    portal = level_portal(record)
    downtime.portal_notice = downtime.site_notice if portal.pk == record.pk else publish_notice(
        portal, title, [_("%(name)s（%(domain)s）因%(reason)s，自%(start)s起临时下线，计划于%(end)s恢复访问。") % facts],
        user,
    )
    downtime.save(update_fields=["site_notice", "portal_notice"])
    action = "govsite.site.outage_escalate" if outage else ""
    _move(record, Transition.OFFLINE, user, {"downtime_id": downtime.pk, "reason": reason, "start": start,
                                              "planned_end": planned_end, **(data or {})}, action)
    return downtime


@transaction.atomic
def back_online(record: SiteRecord, *, user=None) -> SiteDowntime:
    """临时下线 → 运行: ends the offline (and the outage it came from) (S4)."""
    now = timezone.now()
    record = _locked(record)
    _refuse(rules.check_transition(record.status, Transition.BACK_ONLINE))
    downtime = current_offline(record)
    downtime.ended_at = now
    downtime.save(update_fields=["ended_at"])
    if downtime.outage_id:
        SiteDowntime.objects.filter(pk=downtime.outage_id).update(ended_at=now)
    _move(record, Transition.BACK_ONLINE, user,
          {"downtime_id": downtime.pk, "days": round((now - downtime.start) / dt.timedelta(days=1), 2)})
    return downtime


@transaction.atomic
def report_outage(record: SiteRecord, *, cause: str, start: dt.datetime | None = None, user=None) -> SiteDowntime:
    """Report a force-majeure outage: not counted as a temporary offline, unless it passes 72 hours (S4, 001 §8)."""
    now = timezone.now()
    start = start or now
    record = _locked(record)
    _refuse(rules.check_outage_report(record.status, cause, start, now, open_outage(record) is not None))
    outage = SiteDowntime.objects.create(
        record=record, kind=SiteDowntime.Kind.OUTAGE, reason=cause.strip(), start=start, reported_by=user
    )
    _audit("govsite.site.outage", record, user, {"downtime_id": outage.pk, "cause": outage.reason, "start": start})
    if rules.outage_must_escalate(start, now):
        _escalate(record, outage, user)
    return outage


@transaction.atomic
def end_outage(record: SiteRecord, *, end: dt.datetime | None = None, user=None) -> SiteDowntime:
    """The site is reachable again within 72 hours: the outage is closed and never counted (S4)."""
    now = timezone.now()
    end = end or now
    record = _locked(record)
    outage = open_outage(record)
    _refuse(None if outage else _("本网站没有尚未结束的不可抗力中断报备"))
    _refuse(rules.check_outage_end(outage.start, end, now))
    outage.ended_at = end
    outage.save(update_fields=["ended_at"])
    hours = round((end - outage.start) / dt.timedelta(hours=1), 1)
    _audit("govsite.site.outage_end", record, user, {"downtime_id": outage.pk, "hours": hours})
    return outage


def _escalate(record: SiteRecord, outage: SiteDowntime, user) -> SiteDowntime:
    """Turn an outage of over 72 hours into a temporary offline from its start; it then counts for the year (S4)."""
    start = outage.start
    over_limit = rules.check_yearly_offline(timezone.localtime(start), _offline_starts(record))
    return _start_offline(
        record,
        reason=_("不可抗力（%(cause)s）导致无法访问超过72小时") % {"cause": outage.reason},
        start=start,
        planned_end=start + rules.MAX_OFFLINE,
        user=user,
        outage=outage,
        data={"outage_id": outage.pk, "over_yearly_limit": over_limit or ""},
    )


def escalate_outages(now: dt.datetime | None = None) -> list[SiteDowntime]:
    """Scheduler job: every outage open over 72 hours becomes a temporary offline (S4, 001 §8)."""
    now = now or timezone.now()
    due = SiteDowntime.objects.filter(
        kind=SiteDowntime.Kind.OUTAGE, ended_at__isnull=True, escalated_to__isnull=True,
        record__status=SiteStatus.RUNNING,
    ).select_related("record")
    escalated = []
    for outage in due:
        if rules.outage_must_escalate(outage.start, now):
            with transaction.atomic():
                escalated.append(_escalate(_locked(outage.record), outage, None))
    return escalated


def _migration_banner(target_url: str, destination: str) -> str:
    if target_url:
        return _("本网站正在整合迁移，原有内容将迁移至 %(url)s，届时原网址将自动跳转。%(where)s") % {
            "url": target_url, "where": destination}
    return _("本网站即将永久下线，原有内容将整合至%(where)s。") % {"where": destination}


@transaction.atomic
def start_migration(
    record: SiteRecord, *, target_url: str = "", destination: str = "", banner: str = "", user=None
) -> SiteRecord:
    """运行 → 迁移中: the migration notice hangs on the home page (S5, 003 §13(一))."""
    record = _locked(record)
    _refuse(rules.check_transition(record.status, Transition.MIGRATE))
    _refuse(rules.check_no_open_outage(open_outage(record) is not None))
    target_url, destination = target_url.strip(), destination.strip()
    _refuse(rules.check_migration(target_url, destination))
    if target_url:
        try:
            URLValidator(schemes=["http", "https"])(target_url)
        except ValidationError:
            _refuse(_("迁移后网址“%(url)s”不是有效的网址") % {"url": target_url})
    record.migration_target = target_url
    record.content_destination = destination
    record.home_banner = banner.strip() or _migration_banner(target_url, destination)
    _move(record, Transition.MIGRATE, user, {"target": target_url, "destination": destination})
    return record


def redirect_old_addresses(record: SiteRecord) -> int:
    """A permanent redirect from every live page of the site to the same path under the new address (S5)."""
    root = record.site.root_page
    base = record.migration_target.rstrip("/")
    pages = Page.objects.live().descendant_of(root, inclusive=True).only("url_path")
    for page in pages:
        path = "/" + page.url_path[len(root.url_path):]
        Redirect.objects.update_or_create(
            site=record.site,
            old_path=Redirect.normalise_path(path),
            defaults={"redirect_link": base + path, "redirect_page": None, "is_permanent": True},
        )
    return len(pages)


@transaction.atomic
def close_site(record: SiteRecord, *, user=None) -> SiteRecord:
    """迁移中 → 已迁移 (with redirects) or 永久下线, once registrations are cancelled; the portal notice stays 30 days (S5)."""
    record = _locked(record)
    transition = Transition.FINISH_MIGRATION if record.migration_target else Transition.CLOSE
    _refuse(rules.check_transition(record.status, transition))
    _refuse(rules.check_closing(recorded_items(record)))
    redirects = redirect_old_addresses(record) if record.migration_target else 0
    record.closing_notice = publish_notice(top_portal(record), *_closing_notice_text(record), user)
    record.notice_keep_until = rules.notice_keep_until(timezone.localdate())
    _move(record, transition, user, {"notice_id": record.closing_notice.pk, "redirects": redirects,
                                     "notice_keep_until": record.notice_keep_until})
    return record


def _closing_notice_text(record: SiteRecord) -> tuple[str, list[str]]:
    """Title and paragraphs of the portal notice saying where the content went (003 §13(三))."""
    facts = {"name": record.name, "domain": record.domain, "date": f"{timezone.localdate():%Y年%m月%d日}",
             "url": record.migration_target, "where": record.content_destination}
    if record.migration_target:
        title = _("关于%(name)s整合迁移的公告") % facts
        lines = [_("%(name)s（%(domain)s）已于%(date)s完成整合迁移，原有内容已迁移至 %(url)s，原网址自动跳转至新地址。") % facts]
    else:
        title = _("关于%(name)s永久下线的公告") % facts
        lines = [_("%(name)s（%(domain)s）已于%(date)s永久下线。") % facts]
    if record.content_destination:
        lines.append(_("原有内容去向：%(where)s。") % facts)
    lines.append(_("该网站的ICP备案、公安机关备案和党政机关网站标识已注销。"))
    return title, lines


def notice_removal_refusal(page: Page, today: dt.date | None = None) -> str | None:
    """Why `page`, or a page under it, may not be unpublished or deleted yet: a portal notice kept 30 days (S5)."""
    today = today or timezone.localdate()
    record = (
        SiteRecord.objects.filter(closing_notice__path__startswith=page.path)
        .order_by("-notice_keep_until")
        .first()
    )
    return rules.check_notice_removal(record.notice_keep_until, today, record.name) if record else None


def _item_row(item: ChecklistItem, entry: SiteChecklistItem | None) -> dict:
    """One checklist line as plain data: done or not, when, its number, who recorded it."""
    return {
        "item": str(item),
        "label": CHECKLIST_LABELS[item],
        "done_on": entry.done_on.isoformat() if entry else None,
        "note": entry.note if entry else "",
        "recorded_by": entry.recorded_by.get_username() if entry and entry.recorded_by else None,
    }


def describe(record: SiteRecord) -> dict:
    """The site's lifecycle as plain data: status, next steps, checklist, downtimes (for the CLI and admin)."""
    entries = {entry.item: entry for entry in record.checklist.select_related("recorded_by")}
    required = rules.items_for(record.status)
    year = timezone.localdate().year
    return {
        "site": record.domain,
        "name": record.name,
        "status": record.status,
        "status_label": record.get_status_display(),
        "allowed": [str(t) for t in rules.allowed_transitions(record.status)],
        "checklist": [
            _item_row(item, entries.get(item)) for item in CHECKLIST_LABELS if item in entries or item in required
        ],
        "missing": [str(item) for item in rules.missing_items(required, entries)],
        "offlines_this_year": sum(1 for start in _offline_starts(record) if start.year == year),
        "downtimes": [d.as_dict() for d in record.downtimes.all()],
        "home_banner": record.home_banner,
        "migration_target": record.migration_target,
        "content_destination": record.content_destination,
        "notice_keep_until": record.notice_keep_until.isoformat() if record.notice_keep_until else None,
    }
