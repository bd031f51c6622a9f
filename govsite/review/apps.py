from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "govsite.review"
    label = "review"
    verbose_name = "审核与角色"
    default_auto_field = "django.db.models.BigAutoField"
