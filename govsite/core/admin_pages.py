"""The base of the back office's own pages (views outside Wagtail's generic ones)."""

from __future__ import annotations

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminPage(WagtailAdminTemplateMixin):
    """A back-office page whose header names it: Wagtail's mixin alone shows only 首页 in the breadcrumb."""

    def get_breadcrumbs_items(self):
        title = {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()}
        return [*super().get_breadcrumbs_items(), title]
