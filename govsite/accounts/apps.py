from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "govsite.accounts"
    label = "accounts"
    verbose_name = "账号与登录"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Sign-ins and lockouts are recorded (X2, X5)."""
        from . import signals

        signals.connect()
