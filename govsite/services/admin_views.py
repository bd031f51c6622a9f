"""Back-office views: the guide element check per site (V1) and the statistics import (R1)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from openpyxl import load_workbook
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log

from govsite.core.admin_pages import AdminPage
from govsite.participation import access
from govsite.participation.admin_views import ScopedIndexView
from govsite.publishing.signals import suspended
from govsite.registry.models import SiteRecord

from .access import checked_records
from .events import STATISTICS_IMPORT
from .models import ServiceGuidePage, ServiceStatistic
from .signals import republish_catalogues
from .stats_rules import HEADER, SheetError, parse_rows


@dataclass
class SiteCheck:
    record: object
    guides: list[tuple[ServiceGuidePage, list[str]]]

    @property
    def incomplete(self) -> int:
        return sum(1 for _g, missing in self.guides if missing)


def site_checks(user, record_id: str | None = None) -> list[SiteCheck]:
    """Every guide (live or draft) of the sites the user checks, with the key elements it lacks."""
    records = checked_records(user)
    if record_id and record_id.isdigit():
        records = records.filter(pk=int(record_id))
    checks = []
    for record in records:
        guides = ServiceGuidePage.objects.descendant_of(record.site.root_page).order_by("path").prefetch_related(
            "materials", "steps", "related_policies")
        checks.append(SiteCheck(record, [(g, g.missing_elements()) for g in guides]))
    return checks


class GuideCheckView(AdminPage, TemplateView):
    """办事指南要素检查: unit users see their own sites, the portal office every site (V1)."""

    template_name = "services/admin/guide_check.html"
    page_title = gettext_lazy("办事指南要素检查")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = self.request.GET.get("site")
        context.update(checks=site_checks(self.request.user, chosen), records=checked_records(self.request.user),
                       chosen=chosen)
        return context


class ImportForm(forms.Form):
    record = forms.ModelChoiceField(label=gettext_lazy("网站"), queryset=SiteRecord.objects.none())
    sheet = forms.FileField(label=gettext_lazy("统计表（XLSX）"),
                            help_text=gettext_lazy("第一行表头：%(header)s；同一月份已有数据的将被覆盖")
                            % {"header": "、".join(HEADER)})

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        records = SiteRecord.objects.order_by("pk")
        self.fields["record"].queryset = records if access.supervises(user) else records.filter(
            pk__in=access.unit_sites(user))

    def clean_sheet(self):
        upload = self.cleaned_data["sheet"]
        try:
            workbook = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=True)
            rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
            raise forms.ValidationError(_("无法读取该文件，请上传 Excel（.xlsx）统计表")) from error
        try:
            return parse_rows(rows)
        except SheetError as error:
            raise forms.ValidationError(str(error)) from error


class StatisticsImportView(AdminPage, FormView):
    """All rows of the sheet or none: a bad row leaves the stored figures as they were."""

    template_name = "services/admin/import.html"
    page_title = gettext_lazy("导入办事服务统计")
    header_icon = "upload"
    form_class = ImportForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(["services.add_servicestatistic", "services.change_servicestatistic"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        record = form.cleaned_data["record"]
        rows = form.cleaned_data["sheet"]
        with transaction.atomic():
            with suspended():  # one rewrite of the catalogue for the whole sheet, not one per month
                for row in rows:
                    ServiceStatistic.objects.update_or_create(
                        record=record, year=row.year, month=row.month,
                        defaults={"cases_total": row.cases_total, "cases_person": row.cases_person,
                                  "cases_legal": row.cases_legal})
            republish_catalogues(record.site)
            log(record, STATISTICS_IMPORT, user=self.request.user, data={"months": len(rows)})
        messages.success(self.request, _("已导入 %(n)d 个月的办事服务统计") % {"n": len(rows)})
        return redirect("services_statistics:index")


class StatisticIndexView(ScopedIndexView):
    @cached_property
    def header_buttons(self):
        return [*super().header_buttons,
                HeaderButton(_("从Excel导入"), url=reverse("services_statistics:import"), icon_name="upload")]
