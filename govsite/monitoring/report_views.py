"""Monitoring reports in the admin (M1-M3): the list, making a monthly or quarterly report, the Word and
Excel files, and publishing on the portal with one action."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govsite.audit.events import record_export
from govsite.core.documents import DOCX_MIME, XLSX_MIME
from govsite.core.errors import Refused

from . import reports
from .models import MonitoringReport

FILES = {"docx": (reports.report_docx, DOCX_MIME), "xlsx": (reports.report_xlsx, XLSX_MIME)}


class MakeForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=[
        (MonitoringReport.Kind.MONTHLY, gettext_lazy("月度自查报告")),
        (MonitoringReport.Kind.QUARTERLY, gettext_lazy("季度抽查通报"))])
    year = forms.IntegerField(label=gettext_lazy("年份"), min_value=2000, max_value=2100)
    number = forms.IntegerField(label=gettext_lazy("月份或季度"), min_value=1, max_value=12)


def _require(user, permission: str) -> None:
    if not user.has_perm(f"monitoring.{permission}"):
        raise PermissionDenied


def index(request):
    """Every report, newest first, with the form that makes a monthly or quarterly one."""
    _require(request.user, "view_monitoringreport")
    form = MakeForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        _require(request.user, "add_monitoringreport")
        if form.is_valid():
            data = form.cleaned_data
            try:
                start, end = reports.period_of(data["kind"], data["year"], data["number"])
            except Refused as error:
                form.add_error("number", str(error))
            else:
                report = reports.make(data["kind"], start, end, request.user)
                return redirect("monitoring_report", report.pk)
    return render(request, "monitoring/admin/reports.html", {
        "reports": MonitoringReport.objects.all()[:100], "form": form})


def detail(request, pk: int):
    """One report's table; the office publishes it on the portal (POST)."""
    _require(request.user, "view_monitoringreport")
    report = get_object_or_404(MonitoringReport, pk=pk)
    error = ""
    if request.method == "POST":
        try:
            reports.publish(report, request.user)
        except Refused as refused:
            error = str(refused)
        else:
            return redirect("monitoring_report", report.pk)
    return render(request, "monitoring/admin/report.html", {"report": report, "error": error})


def download(request, pk: int, file_format: str):
    _require(request.user, "view_monitoringreport")
    report = get_object_or_404(MonitoringReport, pk=pk)
    if file_format not in FILES:
        raise PermissionDenied
    write, mime = FILES[file_format]
    record_export(_("监测报告"), request.user, len(report.rows), contains_personal_data=False)
    response = HttpResponse(write(report), content_type=mime)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''jiance-{report.pk}.{file_format}"
    return response
