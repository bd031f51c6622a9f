from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "govsite.reports"
    label = "reports"
    verbose_name = "网站年度报表"
    default_auto_field = "django.db.models.BigAutoField"
