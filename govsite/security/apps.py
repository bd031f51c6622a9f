from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SecurityConfig(AppConfig):
    name = "govsite.security"
    label = "security"
    verbose_name = "安全与加密"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Encrypted fields get their keys from the database and the key directory; register security.E001."""
        from . import checks  # noqa: F401
        from .envelope import use_keyring
        from .keyring import DatabaseKeyring, record_master_after_migrate

        use_keyring(DatabaseKeyring())
        post_migrate.connect(
            record_master_after_migrate, sender=self, dispatch_uid="security.master_after_migrate"
        )
