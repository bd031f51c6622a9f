from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "govsite.analytics"
    label = "analytics"
    verbose_name = "访问统计"
    default_auto_field = "django.db.models.BigAutoField"
