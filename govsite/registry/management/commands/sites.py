"""`govsite sites`: list, show, open, change and trace the sites of the platform."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from wagtail.log_actions import log

from govsite.core.cli import JsonCommand
from govsite.registry.models import HISTORY_FIELDS, SiteRecord
from govsite.registry.opening import open_site, template_choices


def find_record(key: str) -> SiteRecord:
    """The site whose domain or hostname is `key`."""
    record = (
        SiteRecord.objects.select_related("site", "parent")
        .filter(Q(domain=key) | Q(site__hostname=key))
        .first()
    )
    if record is None:
        raise ValidationError(f"找不到网站“{key}”")
    return record


def find_user(name: str | None):
    """The user named by `--user`, or None when the option is left out."""
    if not name:
        return None
    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        raise ValidationError(f"找不到用户“{name}”")
    return user


def _pairs(values: list[str]) -> dict[str, str]:
    pairs = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValidationError(f"参数“{item}”应写成 字段=值")
        pairs[key.strip()] = value
    return pairs


class Command(JsonCommand):
    help = "网站登记：列出、查看、开设、修改网站及其变更记录"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (
            ("list", "列出全部网站"),
            ("show", "查看一个网站"),
            ("history", "查看网站登记的变更记录"),
            ("templates", "列出栏目模板"),
        ):
            p = sub.add_parser(name, help=text)
            super().add_arguments(p)
            if name in ("show", "history"):
                p.add_argument("site", help="网站域名或主机名")
        create = sub.add_parser("create", help="按栏目模板开设新网站")
        super().add_arguments(create)
        create.add_argument("--template", required=True)
        create.add_argument("--hostname", required=True)
        create.add_argument("--port", type=int, default=80)
        create.add_argument("--city", required=True, help="栏目名中的地区简称，如“弥勒”")
        create.add_argument("--parent", help="上级门户网站的域名")
        create.add_argument("--user", help="操作人用户名")
        create.add_argument(
            "--status", choices=["running", "planning"], default="running",
            help="planning：以筹建状态开设，登记全部开通事项后方可上线（S3）",
        )
        create.add_argument("fields", nargs="+", help="字段=值，如 name=弥勒市人民政府")
        change = sub.add_parser("set", help="修改网站登记信息（记入变更记录）")
        super().add_arguments(change)
        change.add_argument("site")
        change.add_argument("--user", help="操作人用户名")
        change.add_argument("fields", nargs="+", help="字段=值")

    def handle(self, *args, **options):
        try:
            getattr(self, f"do_{options['action']}")(options)
        except ValidationError as error:
            raise self.fail(error) from error

    def _fields(self, options) -> dict:
        fields = _pairs(options["fields"])
        unknown = sorted(set(fields) - set(HISTORY_FIELDS) - {"parent"})
        if unknown:
            raise ValidationError(f"不认识的字段：{'、'.join(unknown)}；可用字段：{'、'.join(HISTORY_FIELDS)}")
        if "parent" in fields:
            fields["parent"] = find_record(fields["parent"]) if fields["parent"] else None
        return fields

    def do_list(self, options):
        records = SiteRecord.objects.select_related("site", "parent").order_by("pk")
        data = [r.as_dict() for r in records]
        text = "\n".join(f"{r.domain}\t{r.get_site_type_display()}\t{r.name}" for r in records)
        self.emit(options, data, text or "尚无网站")

    def do_show(self, options):
        record = find_record(options["site"])
        data = record.as_dict()
        self.emit(options, data, "\n".join(f"{k}: {v}" for k, v in data.items()))

    def do_history(self, options):
        record = find_record(options["site"])
        rows = [
            {
                "changed_at": c.changed_at.isoformat(),
                "changed_by": c.changed_by.get_username() if c.changed_by else None,
                "field": c.field,
                "field_label": c.field_label,
                "old": c.old_value,
                "new": c.new_value,
            }
            for c in record.changes.select_related("changed_by")
        ]
        text = "\n".join(
            f"{r['changed_at']}\t{r['changed_by'] or '-'}\t{r['field_label']}：{r['old']} → {r['new']}"
            for r in rows
        )
        self.emit(options, rows, text or "无变更记录")

    def do_templates(self, options):
        data = dict(template_choices())
        self.emit(options, data, "\n".join(f"{k}\t{v}" for k, v in data.items()))

    def do_create(self, options):
        fields = self._fields(options)
        if options.get("parent"):
            fields["parent"] = find_record(options["parent"])
        record = open_site(
            fields,
            hostname=options["hostname"],
            port=options["port"],
            template=options["template"],
            city=options["city"],
            user=find_user(options.get("user")),
            status=options["status"],
        )
        log(record, "wagtail.create", user=find_user(options.get("user")))
        self.emit(options, record.as_dict(), f"已开设网站：{record.name}（{record.domain}）")

    def do_set(self, options):
        record = find_record(options["site"])
        user = find_user(options.get("user"))
        for name, value in self._fields(options).items():
            field = SiteRecord._meta.get_field(name)
            setattr(record, name, field.to_python(value) if not field.is_relation else value)
        with transaction.atomic():
            record.full_clean(exclude=["site"])
            record.save(changed_by=user)
            log(record, "wagtail.edit", user=user, data={"fields": sorted(options["fields"])})
        self.emit(options, record.as_dict(), f"已更新网站登记：{record.name}")
