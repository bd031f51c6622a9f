from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "govsite.incidents"
    label = "incidents"
    verbose_name = "安全事件、演练与培训"
    default_auto_field = "django.db.models.BigAutoField"
