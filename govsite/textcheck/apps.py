"""Content checks (P6): sensitive words, leaders' names, personal data, typos, ad links, secrecy marks."""
from django.apps import AppConfig


class TextcheckConfig(AppConfig):
    name = "govsite.textcheck"
    label = "textcheck"
    verbose_name = "内容检查"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Rebuild cached check configs when an administrator edits a lexicon (P6)."""
        from .site_config import connect_signals

        connect_signals()
