"""Opening a site: its Wagtail site, home page, collection, column tree and role groups, at once."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Collection, Page, Site

from govsite.columns.building import build_columns
from govsite.columns.models import HomePage
from govsite.columns.templates import TEMPLATES

from .lifecycle_rules import SiteStatus, check_initial_status
from .models import SiteRecord


def template_choices() -> list[tuple[str, str]]:
    return [(key, label) for key, (label, _specs) in TEMPLATES.items()]


def validate_record(fields: dict) -> SiteRecord:
    """An unsaved record built from `fields`, or ValidationError naming each broken rule."""
    record = SiteRecord(**fields)
    record.full_clean(exclude=["site"])
    return record


@transaction.atomic
def open_site(
    fields: dict,
    *,
    hostname: str,
    template: str,
    city: str,
    port: int = 80,
    is_default: bool = False,
    user=None,
    status: str = SiteStatus.RUNNING,
) -> SiteRecord:
    """Register a site and build its whole column tree from `template` (C1); all or nothing.

    `status` 筹建 keeps the site off line until its opening checklist is complete (S3).
    """
    from govsite.review.groups import ensure_unit_groups
    from govsite.review.workflow import ensure_review_workflow

    if template not in TEMPLATES:
        raise ValidationError({"template": f"没有名为“{template}”的栏目模板"})
    status_problem = check_initial_status(status)
    if status_problem:
        raise ValidationError({"status": status_problem})
    record = validate_record({**fields, "status": status})
    if Site.objects.filter(hostname=hostname, port=port).exists():
        raise ValidationError({"hostname": f"主机名 {hostname}:{port} 已被其他网站使用"})
    root = Page.get_first_root_node()
    home = HomePage(title=record.name)
    root.add_child(instance=home)
    home.save_revision(user=user).publish(user=user, skip_permission_checks=True)  # opening is the decision
    record.site = Site.objects.create(
        hostname=hostname,
        port=port,
        site_name=record.name,
        root_page=home,
        is_default_site=is_default,
    )
    record.collection = Collection.get_first_root_node().add_child(name=record.name)
    record.save(changed_by=user)
    _label, specs = TEMPLATES[template]
    build_columns(home, specs, city=city, unit=record.sponsor, user=user)
    ensure_unit_groups(record)
    ensure_review_workflow(record)
    return record

