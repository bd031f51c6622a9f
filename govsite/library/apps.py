from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "govsite.library"
    label = "library"
    verbose_name = "信息资源库"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .signals import connect

        connect()
