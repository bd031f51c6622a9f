from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "govsite.participation"
    label = "participation"
    verbose_name = "征集调查与在线访谈"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Columns may stand for surveys, interviews and proposals; the static tree follows their visibility."""
        from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

        from .features import follow_visibility, note_visibility, register_features
        from .models import Interview, Proposal, Survey

        register_features()
        for model in (Survey, Interview, Proposal):
            uid = f"participation.visibility.{model.__name__}"
            pre_save.connect(note_visibility, sender=model, dispatch_uid=f"{uid}.pre_save")
            pre_delete.connect(note_visibility, sender=model, dispatch_uid=f"{uid}.pre_delete")
            post_save.connect(follow_visibility, sender=model, dispatch_uid=f"{uid}.post_save")
            post_delete.connect(follow_visibility, sender=model, dispatch_uid=f"{uid}.post_delete")
