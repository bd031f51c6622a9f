from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "govsite.content"
    label = "content"
    verbose_name = "信息内容"
    default_auto_field = "django.db.models.BigAutoField"
