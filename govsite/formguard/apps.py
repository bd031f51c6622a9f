from django.apps import AppConfig


class FormGuardConfig(AppConfig):
    name = "govsite.formguard"
    label = "formguard"
    verbose_name = "公众表单防护"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the settings check
