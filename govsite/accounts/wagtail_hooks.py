"""The account pages in the admin: sign-in steps, 账号安全, and freeze buttons in the user listing (X3, X5)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton

from . import views
from .events import ACTION_LABELS


@hooks.register("register_admin_urls")
def register_account_urls():
    return [
        path("account/2fa/enrol/", views.enrol, name="accounts_2fa_enrol"),
        path("account/2fa/verify/", views.verify, name="accounts_2fa_verify"),
        path("account/2fa/recovery/", views.recovery_codes, name="accounts_2fa_recovery"),
        path("account/password/required/", views.password_required, name="accounts_password_required"),
        path("accounts/security/", views.security_overview, name="accounts_security"),
        path("accounts/security/unlock/", views.unlock, name="accounts_unlock"),
        path("accounts/<int:user_id>/freeze/", views.freeze, name="accounts_freeze"),
        path("accounts/<int:user_id>/unfreeze/", views.unfreeze, name="accounts_unfreeze"),
        path("accounts/<int:user_id>/compromised/", views.compromised, name="accounts_compromised"),
        path("accounts/<int:user_id>/changes/", views.changes, name="accounts_changes"),
    ]


class FreezerMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(views.FREEZE_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_security_item():
    return FreezerMenuItem(_("账号安全"), reverse("accounts_security"), icon_name="lock", order=610)


@hooks.register("register_account_menu_item")
def register_recovery_item(request):
    return {"url": reverse("accounts_2fa_recovery"), "label": _("双因素验证与恢复码"),
            "help_text": _("查看剩余恢复码，或重新生成一组")}


@hooks.register("register_user_listing_buttons")
def account_buttons(user, request_user):
    """冻结 / 疑似被盗 beside each account, for those who may freeze accounts."""
    if not request_user.has_perm(views.FREEZE_PERMISSION) or user.pk == request_user.pk:
        return []
    if not user.is_active:
        return [ListingButton(_("解冻"), reverse("accounts_unfreeze", args=[user.pk]), priority=60)]
    return [
        ListingButton(_("冻结"), reverse("accounts_freeze", args=[user.pk]), priority=60),
        ListingButton(_("疑似被盗"), reverse("accounts_compromised", args=[user.pk]), priority=61),
    ]


@hooks.register("register_log_actions")
def register_account_actions(actions):
    for action, label in ACTION_LABELS.items():
        actions.register_action(action, label, label)
