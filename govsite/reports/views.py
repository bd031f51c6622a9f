"""The annual website report in the admin (R1): the supervising overview of every site's report for a year, one
report with its counted cells (read-only, with their source) and the typed ones as a form, its files and its
publication. A wrong input shows the form again with its errors and nothing saved."""

from __future__ import annotations

import datetime as dt
import io

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from govsite.core.admin_pages import AdminPage
from govsite.core.documents import DOCX_MIME, XLSX_MIME

from . import annual_form as form
from . import website
from .annual_data import SOURCES
from .models import WebsiteReport

report_policy = ModelPermissionPolicy(WebsiteReport)
MIME = {"docx": DOCX_MIME, "xlsx": XLSX_MIME}
YES_NO_CHOICES = [("", "—"), ("1", form.YES), ("0", form.NO)]
ORIGIN_LABELS = {form.Origin.DATA: _("平台数据"), form.Origin.SUM: _("自动合计"), form.Origin.HAND: _("手工填报")}


def require_view(user) -> None:
    if not report_policy.user_has_permission(user, "view"):
        raise PermissionDenied


def chosen_year(value: str | None) -> int:
    """The year asked for, last year by default; a year outside the reportable range answers 404."""
    year = timezone.localdate().year - 1
    if value:
        try:
            year = int(value)
        except ValueError:
            raise Http404 from None
    if website.year_error(year):
        raise Http404
    return year


def _form_field(field: form.Field) -> forms.Field:
    label = field.label + (f"（{field.unit}）" if field.unit else "")
    if field.kind is form.Kind.NUMBER:
        return forms.IntegerField(label=label, required=False, min_value=0)
    if field.kind is form.Kind.YES_NO:
        return forms.TypedChoiceField(label=label, required=False, choices=YES_NO_CHOICES,
                                      coerce=lambda v: v == "1", empty_value=None)
    if field.kind is form.Kind.DATE:
        return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))
    return forms.CharField(label=label, required=False, max_length=200)


class HandForm(forms.Form):
    """The typed cells; all may stay empty in a draft, publication lists those still empty."""

    def __init__(self, *args, values: dict, **kwargs):
        initial = {key: self._initial(form.FIELDS[key], values.get(key)) for key in form.HAND_KEYS}
        super().__init__(*args, initial=initial, **kwargs)
        for key in form.HAND_KEYS:
            self.fields[key] = _form_field(form.FIELDS[key])

    @staticmethod
    def _initial(field: form.Field, value):
        if field.kind is form.Kind.YES_NO and value is not None:
            return "1" if value else "0"
        return value

    def hand_values(self) -> dict:
        """The cells as stored: numbers, true/false, text, ISO dates; empty ones left out."""
        values = {}
        for key, value in self.cleaned_data.items():
            if isinstance(value, dt.date):
                value = value.isoformat()
            if not form.is_empty(value):
                values[key] = value.strip() if isinstance(value, str) else value
        return values


def site_of(user, site_id: int):
    """The site if this person may see its report, else 404 (a unit never sees another unit's report)."""
    require_view(user)
    return get_object_or_404(website.sites_for(user), pk=site_id)


class OverviewView(AdminPage, TemplateView):
    """Every site's report for a year: status, due date, publication date and page; overdue ones highlighted."""

    template_name = "reports/overview.html"
    page_title = _("政府网站年度工作报表")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        require_view(request.user)
        self.year = chosen_year(request.GET.get("year"))
        return super().dispatch(request, *args, **kwargs)

    def rows(self) -> list[dict]:
        today = timezone.localdate()
        reports = {r.record_id: r for r in WebsiteReport.objects.filter(year=self.year).select_related("page")}
        rows = []
        for record in website.sites_for(self.request.user).order_by("pk"):
            report = reports.get(record.pk)
            published = timezone.localdate(report.published_at) if report and report.published_at else None
            status = form.report_status(self.year, today, report is not None, published)
            rows.append({"record": record, "report": report, "status": status, "published_on": published})
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_year = timezone.localdate().year
        context.update(year=self.year, due=form.due_date(self.year), rows=self.rows(),
                       years=range(this_year, website.FIRST_YEAR - 1, -1))
        return context


class ReportView(AdminPage, TemplateView):
    """One site's report: counted cells with their source, the typed cells, the checks, files and publication."""

    template_name = "reports/report.html"
    header_icon = "table"

    def dispatch(self, request, site_id: int, year: int):
        self.record = site_of(request.user, site_id)
        if website.year_error(year):
            raise Http404
        self.year = year
        return super().dispatch(request, site_id, year)

    def get_page_title(self):
        return website.report_title(self.record, self.year)

    def post(self, request, site_id: int, year: int):
        try:
            if request.POST.get("action") == "publish":
                page = website.publish(self.record, year, request.user)
                messages.success(request, _("报表已发布：%(title)s") % {"title": page.title})
                return redirect("website_reports:report", site_id, year)
            return self.save(request)
        except website.Refused as error:
            for reason in error.reasons:
                messages.error(request, reason)
        return redirect("website_reports:report", site_id, year)

    def save(self, request):
        if not website.edits(request.user, self.record):
            raise PermissionDenied
        hand = HandForm(request.POST, values={})
        if not hand.is_valid():
            messages.error(request, _("填写的内容有误，报表未保存，请按提示修改"))
            return self.render_to_response(self.get_context_data(hand=hand))
        website.save(self.record, self.year, request.user, hand.hand_values())
        messages.success(request, _("已保存报表"))
        return redirect("website_reports:report", self.record.pk, self.year)

    def groups(self, sheet: website.Sheet, hand: HandForm) -> list[tuple[str, list[dict]]]:
        """Per group: each field with its value (or form input) and where it comes from."""
        return [(group.title, [{
            "field": field, "bound": hand[field.key] if field.origin is form.Origin.HAND else None,
            "text": form.display(field, sheet.values.get(field.key)),
            "origin": ORIGIN_LABELS[field.origin], "source": SOURCES.get(field.key, ""),
        } for field in group.fields]) for group in form.FORM]

    def get_context_data(self, hand: HandForm | None = None, **kwargs):
        context = super().get_context_data(**kwargs)
        user, current = self.request.user, website.sheet(self.record, self.year)
        report = current.report
        published = report.status == WebsiteReport.Status.PUBLISHED
        may_edit = website.edits(user, self.record) and not published
        hand = hand or HandForm(values=report.hand_values)
        if not may_edit:
            for field in hand.fields.values():
                field.disabled = True
        context.update(
            record=self.record, year=self.year, report=report, sheet=current, status=current.status(),
            due=form.due_date(self.year), groups=self.groups(current, hand), hand=hand, may_edit=may_edit,
            may_publish=website.publishes(user, self.record) and not published,
            problems=website.problems(current), unverified=form.UNVERIFIED_NOTE,
            history=(ModelLogEntry.objects.for_instance(report).select_related("user").order_by("timestamp")
                     if report.pk else []),
        )
        return context


def report_file(request, site_id: int, year: int, file_format: str):
    """The report as DOCX or XLSX, for anyone who sees it; each download is logged."""
    record = site_of(request.user, site_id)
    if file_format not in MIME or website.year_error(year):
        raise Http404
    current = website.sheet(record, year)
    data = website.export(current, file_format, request.user)
    return FileResponse(io.BytesIO(data), as_attachment=True, content_type=MIME[file_format],
                        filename=f"{current.title}.{file_format}")
