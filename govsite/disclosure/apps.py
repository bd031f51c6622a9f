from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "govsite.disclosure"
    label = "disclosure"
    verbose_name = "政府信息公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Applications are a column function; their clocks follow the calendar; published items are filed."""
        from wagtail.signals import page_published

        from govsite.columns.features import register_feature
        from govsite.workdays.signals import calendar_changed

        from .catalogue import on_published

        register_feature("disclosure_requests", "依申请公开（在线申请、办理查询）", "disclosure:index")
        calendar_changed.connect(_calendar_changed, dispatch_uid="disclosure.recompute_clocks")
        page_published.connect(on_published, dispatch_uid="disclosure.catalogue")


def _calendar_changed(sender, years, **_kwargs) -> None:
    """Requests counted over a year the calendar lacked get their real due date."""
    from .requests import recompute_clocks

    recompute_clocks(list(years))
