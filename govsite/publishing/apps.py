from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "govsite.publishing"
    label = "publishing"
    verbose_name = "静态发布"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals

        signals.connect()
