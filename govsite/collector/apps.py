from django.apps import AppConfig


class CollectorConfig(AppConfig):
    name = "govsite.collector"
    label = "collector"
    verbose_name = "信息采集"
    default_auto_field = "django.db.models.BigAutoField"
