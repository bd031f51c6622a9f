"""Admin views of the calendar: special days entered by hand, and confirming a year complete."""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic

from govsite.core.admin_pages import AdminPage

from .models import CalendarYear, SpecialDay

CHANGE_YEAR = "workdays.change_calendaryear"


def year_choices() -> list[tuple[int, str]]:
    """Every year with a special day, newest first."""
    return [(d.year, f"{d.year}年") for d in SpecialDay.objects.dates("date", "year", order="DESC")]


class SpecialDayFilterSet(WagtailFilterSet):
    """Filter the special days by year, kind and source."""

    year = django_filters.ChoiceFilter(label=_("年份"), field_name="date__year", choices=year_choices)

    class Meta:
        model = SpecialDay
        fields = ["year", "kind", "source"]


class EnteredByHand:
    """A day saved in the admin is the administrator's: recorded with their name, kept by later seeding."""

    def save_instance(self):
        day = self.form.instance
        day.entered_by_hand(self.request.user)
        CalendarYear.ensure(day.date.year, self.request.user)
        return super().save_instance()


class SpecialDayCreateView(EnteredByHand, generic.CreateView):
    pass


class SpecialDayEditView(EnteredByHand, generic.EditView):
    pass


class ConfirmColumn(Column):
    """确认完整 / 撤销确认 for those who may change the years."""

    cell_template_name = "workdays/confirm_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["can_confirm"] = request is not None and request.user.has_perm(CHANGE_YEAR)
        return context


class ConfirmYearView(AdminPage, TemplateView):
    """Shows the year's days against the State Council's notice, then confirms it complete (or undoes that)."""

    template_name = "workdays/confirm_year.html"
    header_icon = "calendar-check"

    def dispatch(self, request, pk: int):
        if not request.user.has_perm(CHANGE_YEAR):
            raise PermissionDenied
        self.row = get_object_or_404(CalendarYear, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        action = _t("撤销完整确认") if self.row.complete else _t("确认年度安排完整")
        return f"{self.row}：{action}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(row=self.row, days=list(self.row.days().select_related("entered_by")))
        return context

    def post(self, request, pk: int):
        try:
            with transaction.atomic():
                if self.row.complete:
                    self.row.reopen(request.user)
                else:
                    self.row.mark_complete(request.user, request.POST.get("note", ""))
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect(request.path)
        if self.row.complete:
            messages.success(request, _t("%(year)s已确认完整，涉及该年的期限将按录入的安排重新计算") % {"year": self.row})
        else:
            messages.warning(request, _t("已撤销%(year)s的完整确认，涉及该年的期限改按周一至周五推算并标注提示") % {
                "year": self.row})
        return redirect("workdays_years:index")
