"""The content-check findings shown inline in the editor, to editors and reviewers alike (P6)."""

from wagtail.admin.panels import Panel


class ContentCheckPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "review/content_check_panel.html"

        def get_context_data(self, parent_context=None):
            from .contentcheck import check_item

            context = super().get_context_data(parent_context)
            context["findings"] = check_item(self.instance) if self.instance.pk else []
            return context
