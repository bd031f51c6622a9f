"""The tamper-evident audit log (X1, M5): every admin action, login and job, hash-chained."""
from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "govsite.audit"
    label = "audit"
    verbose_name = "审计日志"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Start listening for the actions X1 requires to be recorded."""
        from . import signals

        signals.connect()
