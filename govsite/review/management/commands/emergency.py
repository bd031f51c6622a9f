"""`govsite emergency`: open events with their countdown, and escalation of missed deadlines (P11)."""

from django.utils import timezone

from govsite.audit.events import record_job
from govsite.core.cli import JsonCommand
from govsite.review.emergency import escalate_overdue
from govsite.review.models import EmergencyEvent


class Command(JsonCommand):
    help = "突发事件与舆情：查看首发倒计时，督办超时事件"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (("list", "列出未首发的事件及倒计时"), ("escalate", "督办已超时的事件")):
            JsonCommand.add_arguments(self, sub.add_parser(name, help=text))

    def handle(self, *args, **options):
        if options["action"] == "escalate":
            events = escalate_overdue()
            record_job("emergency.escalate", "success", detail={"escalated": len(events)})
        else:
            events = list(EmergencyEvent.objects.filter(released_at__isnull=True).select_related("record"))
        data = [
            {"site": e.record.domain, "title": e.title, "level": e.level,
             "due": timezone.localtime(e.first_release_due).isoformat(), "countdown": e.countdown}
            for e in events
        ]
        text = "\n".join(f"{d['site']}\t{d['title']}\t{d['countdown']}" for d in data) or "没有需要处理的事件"
        self.emit(options, data, text)
