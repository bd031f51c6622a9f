"""Admin views of the registry: opening a site from a template, editing with history (S2, S6)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log

from .models import HISTORY_FIELDS, SiteRecord
from .opening import open_site, template_choices

EDIT_FIELDS = [f for f in HISTORY_FIELDS if f != "parent"] + ["parent"]


class SiteRecordForm(WagtailAdminModelForm):
    class Meta:
        model = SiteRecord
        fields = EDIT_FIELDS


class SiteOpeningForm(SiteRecordForm):
    """The registry fields plus where the site is served and which column template it uses."""

    template = forms.ChoiceField(label=_("栏目模板"), choices=template_choices)
    city = forms.CharField(label=_("地区简称"), max_length=20, help_text=_("栏目名中的地区，如“弥勒”"))
    hostname = forms.CharField(label=_("服务主机名"), max_length=255, help_text=_("一般与英文域名相同"))
    port = forms.IntegerField(label=_("端口"), initial=80, min_value=1, max_value=65535)


class SiteRecordCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        fields = {name: data[name] for name in EDIT_FIELDS if name in data}
        try:
            record = open_site(
                fields,
                hostname=data["hostname"],
                port=data["port"],
                template=data["template"],
                city=data["city"],
                user=self.request.user,
            )
        except ValidationError as error:
            self.form.add_error(None, error)
            raise
        log(record, "wagtail.create", user=self.request.user)
        return record

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError:
            return self.form_invalid(form)


class SiteRecordEditView(generic.EditView):
    def save_instance(self):
        self.form.instance._changed_by = self.request.user
        return super().save_instance()

    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            HeaderButton(
                _("备案变更记录"),
                url=reverse("site_records:changes", args=[self.object.pk]),
                icon_name="history",
            ),
        ]


class SiteRecordChangesView(WagtailAdminTemplateMixin, TemplateView):
    """Every recorded change of a site's registration: who, when, old and new (S6)."""

    template_name = "registry/site_changes.html"
    header_icon = "history"

    def dispatch(self, request, pk):
        if not request.user.has_perm("registry.view_siterecord") and not request.user.has_perm(
            "registry.change_siterecord"
        ):
            raise PermissionDenied
        self.record = get_object_or_404(SiteRecord, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("%(name)s：备案变更记录") % {"name": self.record.name}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = self.record
        context["changes"] = self.record.changes.select_related("changed_by")
        return context
