"""The lexicons of the content check in the admin menu, under 内容检查词库 (P6)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Leader, LexiconEntry, TypoPair, WhitelistEntry


class LexiconEntryViewSet(ModelViewSet):
    model = LexiconEntry
    name = "textcheck_lexicon"
    menu_name = "textcheck-lexicon"
    icon = "warning"
    menu_label = _("敏感词")
    form_fields = ["word", "category", "severity", "site", "active"]
    list_display = ["word", "category", "severity", "site", "active"]
    list_filter = ["category", "severity", "active"]
    search_fields = ["word"]


class WhitelistEntryViewSet(ModelViewSet):
    model = WhitelistEntry
    name = "textcheck_whitelist"
    menu_name = "textcheck-whitelist"
    icon = "circle-check"
    menu_label = _("白名单")
    form_fields = ["word", "site"]
    list_display = ["word", "site"]
    search_fields = ["word"]


class LeaderViewSet(ModelViewSet):
    model = Leader
    name = "textcheck_leaders"
    menu_name = "textcheck-leaders"
    icon = "user"
    menu_label = _("领导人姓名")
    form_fields = ["name", "title", "active"]
    list_display = ["name", "title", "active"]
    search_fields = ["name", "title"]


class TypoPairViewSet(ModelViewSet):
    model = TypoPair
    name = "textcheck_typos"
    menu_name = "textcheck-typos"
    icon = "edit"
    menu_label = _("错别字")
    form_fields = ["wrong", "right"]
    list_display = ["wrong", "right"]
    search_fields = ["wrong", "right"]


class TextcheckViewSetGroup(ModelViewSetGroup):
    menu_label = _("内容检查词库")
    menu_name = "textcheck"
    menu_icon = "glasses"
    menu_order = 175
    items = (LexiconEntryViewSet, WhitelistEntryViewSet, LeaderViewSet, TypoPairViewSet)


@hooks.register("register_admin_viewset")
def register_textcheck_lexicons():
    return TextcheckViewSetGroup()
