"""数据开放."""
from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "govsite.opendata"
    label = "opendata"
    verbose_name = "数据开放"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """A column may stand for the site's open data catalogue, shown while the site has a published set."""
        from govsite.columns.features import register_feature

        from .features import has_data_sets

        register_feature("opendata", "数据开放目录", "opendata:catalogue", has_data_sets)
