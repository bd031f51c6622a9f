from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    name = "govsite.sitesearch"
    label = "sitesearch"
    verbose_name = "站内搜索"
    default_auto_field = "django.db.models.BigAutoField"
