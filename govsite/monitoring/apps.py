from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "govsite.monitoring"
    label = "monitoring"
    verbose_name = "网站监测"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """A tamper incident is a veto-level alert (M5)."""
        from django.db.models.signals import post_save

        from govsite.publishing.models import TamperIncident

        post_save.connect(_tampered, sender=TamperIncident, dispatch_uid="monitoring.tamper_alert")


def _tampered(sender, instance, created: bool, **_kwargs) -> None:
    from django.db import transaction

    from govsite.registry.models import SiteRecord

    from .alert_rules import Level
    from .alerts import raise_alert

    if not created:
        return
    record = SiteRecord.objects.filter(site__hostname=instance.host).first()
    files = len(instance.changed) + len(instance.deleted) + len(instance.added)
    state = "已自动恢复" if instance.restored else "尚未恢复"
    message = f"{record.name if record else instance.host} 发现 {files} 个网页文件被篡改（{state}），请立即核查"
    transaction.on_commit(lambda: raise_alert(record, Level.VETO, "tampered", message))
