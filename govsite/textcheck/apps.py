from django.apps import AppConfig


class TextcheckConfig(AppConfig):
    name = "govsite.textcheck"
    label = "textcheck"
    verbose_name = "内容检查"
    default_auto_field = "django.db.models.BigAutoField"
