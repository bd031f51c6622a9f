from django.apps import AppConfig


class SampleConfig(AppConfig):
    """Installed by the test settings only; having no migrations, its table exists in test databases alone."""

    name = "govsite.security.tests.sample"
    label = "security_sample"
    default_auto_field = "django.db.models.BigAutoField"
