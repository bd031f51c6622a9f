"""The admin's user forms and views, with separation of duties and one-action offboarding (P4, X1, X5)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import EditView, UserViewSet

from .duties import check_groups, offboard


class DutyCheckedFormMixin:
    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups")
        if groups is not None:
            try:
                check_groups([g.pk for g in groups])
            except ValidationError as error:
                self.add_error("groups", error)
        return cleaned


class GovUserCreationForm(DutyCheckedFormMixin, UserCreationForm):
    pass


class GovUserEditForm(DutyCheckedFormMixin, UserEditForm):
    pass


class GovUserEditView(EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.is_active:
            buttons.append(
                HeaderButton(_("离岗处理"), url=reverse("wagtailusers_users:offboard", args=[self.object.pk]),
                             icon_name="lock")
            )
        return buttons


def offboard_view(request, pk):
    """Confirm, then disable the account and remove every permission in one action (X5)."""
    if not request.user.has_perm("auth.change_user"):
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=pk)
    if person == request.user:
        messages.error(request, _("不能对自己执行离岗处理"))
        return redirect("wagtailusers_users:edit", pk)
    if request.method == "POST":
        groups = list(person.groups.values_list("name", flat=True))
        ended = offboard(person)
        log(person, "govsite.user.offboard", user=request.user, data={"groups": groups, "sessions": ended})
        messages.success(request, _("已停用“%(u)s”的账号并撤销全部权限") % {"u": person.get_username()})
        return redirect("wagtailusers_users:index")
    return TemplateResponse(request, "review/offboard.html", {"person": person})


class GovUserViewSet(UserViewSet):
    edit_view_class = GovUserEditView

    def get_form_class(self, for_update=False):
        return GovUserEditForm if for_update else GovUserCreationForm

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("offboard/<int:pk>/", offboard_view, name="offboard")]
