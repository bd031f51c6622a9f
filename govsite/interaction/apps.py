from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "govsite.interaction"
    label = "interaction"
    verbose_name = "政民互动"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Letters are a column function; the knowledge index and the clocks follow their sources."""
        from django.db.models.signals import post_delete, post_save

        from govsite.columns.features import register_feature
        from govsite.workdays.signals import calendar_changed

        from .models import KnowledgeEntry

        register_feature("letters", "咨询投诉（写信、查询、信件公开）", "interaction:index")
        post_save.connect(_knowledge_changed, sender=KnowledgeEntry, dispatch_uid="interaction.knowledge.save")
        post_delete.connect(_knowledge_changed, sender=KnowledgeEntry, dispatch_uid="interaction.knowledge.delete")
        calendar_changed.connect(_calendar_changed, dispatch_uid="interaction.recompute_clocks")


def _knowledge_changed(**_kwargs) -> None:
    """Every process rebuilds its knowledge index on next use (I6)."""
    from .knowledge import invalidate

    invalidate()


def _calendar_changed(sender, years, **_kwargs) -> None:
    """Letters and error reports counted over a year the calendar lacked get their real due date (I3)."""
    from .errors import recompute_error_reports
    from .handling import recompute_clocks

    recompute_clocks(list(years))
    recompute_error_reports(list(years))
