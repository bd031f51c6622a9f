"""The annual reports in the admin (R2): the list with due dates, generation, the form of the six parts with the
checks in Chinese, the Word and Excel files, and publication by the unit's head. Every step is logged by
`reports`; a form with a wrong cell is shown again with its errors and nothing saved."""

from __future__ import annotations

import io

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from govsite.core.admin_pages import AdminPage
from govsite.core.documents import DOCX_MIME, XLSX_MIME
from govsite.registry.models import SiteRecord

from . import annual, reports
from .exports import part_two_grids, report_docx, report_xlsx
from .models import AnnualReport
from .rules import annual_report_due

report_policy = ModelPermissionPolicy(AnnualReport)
FILES = {"docx": (report_docx, DOCX_MIME), "xlsx": (report_xlsx, XLSX_MIME)}
PART_FOUR_FIELD = "p4_{group}_{result}"
PART_THREE_INPUT = "p3-{row}-{column}"
TEXT_PARTS = {"part_one": annual.PART_TITLES[0], "part_five": annual.PART_TITLES[4], "part_six": annual.PART_TITLES[5]}


def require_view(user) -> None:
    if not report_policy.user_has_permission(user, "view"):
        raise PermissionDenied


def prepared_sites(user) -> QuerySet[SiteRecord]:
    """The sites whose report this person may generate, for the form's choices."""
    sites = reports.sites_for(user)
    return sites.filter(pk__in=[record.pk for record in sites if reports.prepares(user, record)])


class YearField(forms.IntegerField):
    """A year the platform can report on."""

    def validate(self, value) -> None:
        super().validate(value)
        error = value is not None and reports.year_error(value)
        if error:
            raise ValidationError(error)


class PrepareForm(forms.Form):
    site = forms.ModelChoiceField(label=_("网站"), queryset=SiteRecord.objects.all())
    year = YearField(label=_("年度"))


class FilterForm(forms.Form):
    site = forms.ModelChoiceField(label=_("网站"), queryset=SiteRecord.objects.none(), required=False)
    year = forms.IntegerField(label=_("年度"), required=False)

    def __init__(self, *args, sites: QuerySet[SiteRecord], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites


def part_three_cells(data) -> dict[str, dict[str, object]]:
    """The typed cells of part three, row → column → text, as `annual.table_from_cells` reads them."""
    return {row: {column: data.get(PART_THREE_INPUT.format(row=row, column=column), "")
                  for column in annual.COLUMNS[:-1]} for row in annual.ROW_KEYS if row != annual.TOTAL}


class ReportForm(forms.Form):
    """Parts one, two (the hand cells), four, five and six; part three is read by `annual.table_from_cells`."""

    part_one = forms.CharField(label=TEXT_PARTS["part_one"], required=False, widget=forms.Textarea(attrs={"rows": 8}))
    part_five = forms.CharField(label=TEXT_PARTS["part_five"], required=False, widget=forms.Textarea(attrs={"rows": 6}))
    part_six = forms.CharField(label=TEXT_PARTS["part_six"], required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, report: AnnualReport, **kwargs):
        super().__init__(*args, initial=self.initial_from(report), **kwargs)
        self.report, self.table = report, None
        for key, _article, label in annual.PART_TWO_DECISIONS:
            self.fields[key] = forms.IntegerField(label=label, min_value=0)
        self.fields[reports.FEES_KEY] = forms.DecimalField(
            label=annual.PART_TWO_FEES[3], min_value=0, max_digits=14, decimal_places=4)
        for group, group_label in annual.PART_FOUR_GROUPS:
            for result, label in annual.PART_FOUR_RESULTS:
                self.fields[PART_FOUR_FIELD.format(group=group, result=result)] = forms.IntegerField(
                    label=f"{group_label}：{label}", min_value=0)

    @staticmethod
    def initial_from(report: AnnualReport) -> dict:
        part_four = report.part_four or reports.empty_part_four()
        return {
            **{field: getattr(report, field) for field in TEXT_PARTS},
            **{key: report.part_two.get(key, 0) for key in reports.PART_TWO_HAND_KEYS},
            **{PART_FOUR_FIELD.format(group=group, result=result): cells.get(result, 0)
               for group, cells in part_four.items() for result in cells},
        }

    def clean(self):
        cleaned = super().clean()
        if any(name.startswith("p3-") for name in self.data):
            self.table, errors = annual.table_from_cells(part_three_cells(self.data))
            for error in errors:
                self.add_error(None, error)
        return cleaned

    def changes(self) -> dict:
        """The report's fields as typed, for `reports.update`."""
        data = self.cleaned_data
        part_two = {**self.report.part_two, **{key: data[key] for key in reports.DECISION_KEYS},
                    reports.FEES_KEY: str(data[reports.FEES_KEY])}
        part_four = {group: {result: data[PART_FOUR_FIELD.format(group=group, result=result)]
                             for result, _label in annual.PART_FOUR_RESULTS}
                     for group, _label in annual.PART_FOUR_GROUPS}
        changes = {**{field: data[field] for field in TEXT_PARTS}, "part_two": part_two, "part_four": part_four}
        if self.table is not None:
            changes["part_three"] = self.table
        return changes


def part_three_rows(table: annual.Table, data=None) -> list[tuple[str, list[tuple[str, object]]]]:
    """(label, [(input name, value)]) per row in the format's order; totals have no input, headings no cells."""
    rows = []
    for key, label, cells in annual.rows_for_display(table):
        entries = []
        for column, value in zip(annual.COLUMNS, cells, strict=False):
            typed = key != annual.TOTAL and column != "total"
            name = PART_THREE_INPUT.format(row=key, column=column) if typed else ""
            entries.append((name, data.get(name, value) if data is not None and name else value))
        rows.append((label, entries))
    return rows


class ReportIndexView(AdminPage, TemplateView):
    """The reports this person sees, the sites still without last year's report, and the form to generate one."""

    template_name = "disclosure/reports/index.html"
    page_title = _("政府信息公开工作年度报告")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        require_view(request.user)
        return super().dispatch(request, *args, **kwargs)

    def missing(self, sites: QuerySet[SiteRecord]) -> list[tuple[SiteRecord, object, bool]]:
        """(site, due date, overdue) of each site without a report for last year."""
        today = timezone.localdate()
        year = today.year - 1
        rows = []
        for record in sites.exclude(disclosure_reports__year=year):
            due = annual_report_due(reports.government_level(record), year)
            rows.append((record, due, due < today))
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        sites = reports.sites_for(user)
        filters = FilterForm(self.request.GET or None, sites=sites)
        listed = reports.reports_for(user).select_related("record")
        if filters.is_valid():
            chosen = {key: value for key, value in filters.cleaned_data.items() if value}
            listed = listed.filter(**{"record" if key == "site" else key: value for key, value in chosen.items()})
        prepare_form = PrepareForm(initial={"year": timezone.localdate().year - 1})
        prepare_form.fields["site"].queryset = prepared_sites(user)
        context.update(filters=filters, reports=listed, missing=self.missing(sites),
                       missing_year=timezone.localdate().year - 1,
                       prepare_form=prepare_form if prepare_form.fields["site"].queryset.exists() else None)
        return context


class PrepareView(View):
    """Generate or refresh the report of a site and year the person may prepare."""

    def post(self, request):
        require_view(request.user)
        form = PrepareForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("disclosure_reports:index")
        record = form.cleaned_data["site"]
        if not reports.prepares(request.user, record):
            raise PermissionDenied
        report = reports.prepare(record, form.cleaned_data["year"], request.user)
        messages.success(request, _("已生成（刷新）年度报告"))
        return redirect("disclosure_reports:edit", report.pk)


class ReportEditView(AdminPage, TemplateView):
    """One report: its checks, the form of its parts, its files, and the buttons open to this person."""

    template_name = "disclosure/reports/edit.html"
    header_icon = "doc-full"
    actions = ("save", "prepare", "recompute", "publish")

    def dispatch(self, request, pk):
        require_view(request.user)
        self.report = get_object_or_404(reports.reports_for(request.user).select_related("record"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return reports.report_title(self.report)

    def post(self, request, pk):
        action = request.POST.get("action", "")
        if action not in self.actions:
            raise PermissionDenied
        try:
            response = getattr(self, f"do_{action}")(request)
        except reports.Refused as error:
            for reason in error.reasons:
                messages.error(request, reason)
            return redirect("disclosure_reports:edit", pk)
        return response or redirect("disclosure_reports:edit", pk)

    def do_save(self, request):
        if not reports.edits(request.user, self.report.record):
            raise PermissionDenied
        form = ReportForm(request.POST, report=self.report)
        if not form.is_valid():
            messages.error(request, _("填写的内容有误，年度报告未保存，请按提示修改"))
            return self.render_to_response(self.get_context_data(form=form))
        reports.update(self.report, request.user, form.changes())
        messages.success(request, _("已保存年度报告"))
        return None

    def do_prepare(self, request):
        if not reports.prepares(request.user, self.report.record):
            raise PermissionDenied
        reports.prepare(self.report.record, self.report.year, request.user)
        messages.success(request, _("已按目录和申请数据刷新年度报告"))

    def do_recompute(self, request):
        reports.recompute(self.report, request.user)
        messages.success(request, _("已按申请数据重新计算第三部分"))

    def do_publish(self, request):
        page = reports.publish(self.report, request.user)
        messages.success(request, _("年度报告已发布：%(title)s") % {"title": page.title})

    def get_context_data(self, form: ReportForm | None = None, **kwargs):
        context = super().get_context_data(**kwargs)
        user, report = self.request.user, self.report
        may_edit = reports.edits(user, report.record)
        form = form or ReportForm(report=report)
        if not may_edit:
            for field in form.fields.values():
                field.disabled = True
        context.update(
            report=report, form=form, may_edit=may_edit,
            may_prepare=reports.prepares(user, report.record), may_publish=reports.publishes(user, report.record),
            problems=reports.publish_problems(report),
            documents=part_two_grids(report.part_two)[0],
            decisions=[form[key] for key in (*reports.DECISION_KEYS, reports.FEES_KEY)],
            part_three_columns=[annual.COLUMN_LABELS[c] for c in annual.COLUMNS],
            part_three=part_three_rows(report.part_three or annual.empty_table(), form.data if form.is_bound else None),
            part_four_results=[label for _key, label in annual.PART_FOUR_RESULTS],
            part_four=[(label, [form[PART_FOUR_FIELD.format(group=group, result=result)]
                                for result, _label in annual.PART_FOUR_RESULTS])
                       for group, label in annual.PART_FOUR_GROUPS],
            history=ModelLogEntry.objects.for_instance(report).select_related("user").order_by("timestamp", "pk"),
        )
        return context


def report_file(request, pk: int, file_format: str):
    """The report as DOCX or XLSX, for anyone who sees it; each download is logged."""
    require_view(request.user)
    report = get_object_or_404(reports.reports_for(request.user).select_related("record"), pk=pk)
    if file_format not in FILES:
        raise Http404
    export, content_type = FILES[file_format]
    data = export(report)
    reports.log_export(report, request.user, file_format)
    return FileResponse(io.BytesIO(data), as_attachment=True, content_type=content_type,
                        filename=f"{reports.report_title(report)}.{file_format}")
