from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "govsite.security"
    label = "security"
    verbose_name = "安全与加密"
    default_auto_field = "django.db.models.BigAutoField"
