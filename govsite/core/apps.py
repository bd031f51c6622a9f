from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "govsite.core"
    label = "govsite_core"
    verbose_name = "公共页面"
