from django.apps import AppConfig


class ColumnsConfig(AppConfig):
    name = "govsite.columns"
    label = "columns"
    verbose_name = "栏目"
    default_auto_field = "django.db.models.BigAutoField"
