from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "govsite.registry"
    label = "registry"
    verbose_name = "网站登记"
    default_auto_field = "django.db.models.BigAutoField"
