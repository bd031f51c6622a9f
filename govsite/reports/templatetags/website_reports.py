"""The home page's link to the site's latest annual website report (R1: published on the home page)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from govsite.reports.website import latest_published

register = template.Library()


@register.simple_tag(takes_context=True)
def website_report_link(context, site_record) -> str:
    """A link to the newest published report of `site_record`, or nothing."""
    record_id = getattr(site_record, "pk", None)
    report = latest_published(record_id) if record_id else None
    if report is None:
        return ""
    return format_html('<p class="home-report"><a href="{}">{}</a></p>', report.page.get_url(request=context.get("request")),
                       _("%(year)s年度政府网站工作报表") % {"year": report.year})
