"""The missing key elements, shown on the guide's edit page so the unit sees what monitoring will report (V1)."""

from wagtail.admin.panels import Panel


class GuideCompletenessPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "services/admin/completeness_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["missing"] = self.instance.missing_elements()
            return context
