"""Co-building (P9, 004 §11(4)): editors of the named units submit into another site's column, and the item
passes that column's own site's review, not the submitter's."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from govsite.audit.chain import record
from govsite.audit.context import current_ip
from govsite.content.models import ArticlePage
from govsite.formguard.refusal import Refused
from govsite.participation.access import unit_sites
from govsite.registry.models import SiteRecord
from govsite.review.workflow import create_draft

from . import events
from .models import CoBuiltColumn
from .push import site_of


def columns_for(user) -> QuerySet[CoBuiltColumn]:
    """The co-built columns the user's units are named in."""
    return CoBuiltColumn.objects.filter(units__in=unit_sites(user)).distinct().select_related("column")


def contribute(co_built: CoBuiltColumn, user, title: str, body: str) -> ArticlePage:
    """Create the item as a draft in the co-built column and submit it to the column's site's review;
    an editor of a unit not named is refused."""
    units = SiteRecord.objects.filter(pk__in=unit_sites(user), co_built_columns=co_built).order_by("pk")
    unit = units.first()
    if unit is None:
        record(events.CONTRIBUTE_REFUSED, actor=user, obj=co_built.column, ip=current_ip(),
               data={"column": co_built.column_id})
        raise Refused(_("您所在单位不是栏目“%(column)s”的共建单位，不能报送") % {"column": co_built.column.title},
                      "not_named")
    page = ArticlePage(title=title, body=body, source=unit.name[:100], live=False)
    with transaction.atomic():
        create_draft(co_built.column, page, user)
        record(events.CONTRIBUTE, actor=user, obj=page, site=site_of(co_built.column), ip=current_ip(),
               data={"column": co_built.column_id, "unit": unit.pk})
    return page
