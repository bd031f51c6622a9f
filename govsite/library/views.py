"""Back-office views of the library (P10, G2): the record listing with filters, and the systems calling the
data interface, whose token is shown once, on creation, and kept only as a digest."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from . import events, tokens
from .models import ApiClient, ColumnFeed, LibraryRecord


class ApiClientCreateView(CreateView):
    """Creating a system generates its token and shows it in the success message, the only time it is shown."""

    def save_instance(self):
        token = tokens.new_token()
        self.form.instance.token_digest = tokens.digest(token)
        instance = super().save_instance()
        events.record_token_created(instance, self.request.user)
        messages.warning(self.request, _("“%(name)s”的接口令牌（只显示这一次，请立即交给对方系统保存）：%(token)s")
                         % {"name": instance.name, "token": token})
        return instance


class ApiClientViewSet(ModelViewSet):
    model = ApiClient
    icon = "link"
    menu_label = gettext_lazy("接口调用系统")
    add_view_class = ApiClientCreateView
    form_fields = ["name", "record", "can_read", "can_write", "submitter", "active"]
    list_display = ["name", "record", "can_read", "can_write", "active", "last_used_at"]
    list_filter = ["record", "can_read", "can_write", "active"]
    search_fields = ["name"]


class LibraryRecordViewSet(ModelViewSet):
    """The library's records, read only: they follow the pages, never edited here."""

    model = LibraryRecord
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("资源库条目")
    form_fields = ["title"]
    list_display = ["title", "record", "column", "kind", "published_at", "live", "updated_at"]
    list_filter = ["record", "kind", "live"]
    search_fields = ["title"]
    inspect_view_enabled = True
    add_view_enabled = False
    edit_view_enabled = False
    delete_view_enabled = False


class ColumnFeedViewSet(ModelViewSet):
    """Which columns show which other sites' library items (P10); Wagtail's log files each change (X1)."""

    model = ColumnFeed
    icon = "resubmit"
    menu_label = gettext_lazy("栏目信息共享")
    form_fields = ["target", "source_record", "source_column", "kind", "limit", "active"]
    list_display = ["target", "record", "source_record", "source_column", "kind", "limit", "active"]
    list_filter = ["record", "active"]
