"""Admin views for column structure requests: units ask, the portal office decides (C2)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.widgets import AdminPageChooser
from wagtail.log_actions import log

from .models import ColumnChangeRequest, ColumnPage, HomePage, can_change_structure


class ColumnChangeRequestForm(WagtailAdminModelForm):
    class Meta:
        model = ColumnChangeRequest
        fields = ["kind", "column", "parent", "new_title", "column_type", "reason"]
        widgets = {
            "column": AdminPageChooser(target_models=[ColumnPage]),
            "parent": AdminPageChooser(target_models=[ColumnPage, HomePage]),
        }


class ColumnChangeRequestCreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        for key in ("kind", "column", "parent"):
            if key in self.request.GET:
                initial[key] = self.request.GET[key]
        return initial

    def save_instance(self):
        self.form.instance.requested_by = self.request.user
        return super().save_instance()


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("审批意见"), widget=forms.Textarea, required=False)


def decide(request, pk: int, approve: bool):
    """Approve (and carry out) or reject a structure request; only the portal office may."""
    change = get_object_or_404(ColumnChangeRequest, pk=pk)
    if not can_change_structure(request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if approve:
                change.approve(request.user, form.cleaned_data["note"])
            else:
                change.reject(request.user, form.cleaned_data["note"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            action = "govsite.column_request.approve" if approve else "govsite.column_request.reject"
            log(change, action, user=request.user, data={"kind": change.kind})
            messages.success(request, _("已处理栏目调整申请：%(c)s") % {"c": change})
            return redirect("column_requests:index")
    return TemplateResponse(
        request,
        "columns/decide_request.html",
        {"change": change, "form": form, "approve": approve},
    )
