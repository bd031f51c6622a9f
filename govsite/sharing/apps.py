from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "govsite.sharing"
    label = "sharing"
    verbose_name = "信息推送与共建"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals

        signals.connect()
