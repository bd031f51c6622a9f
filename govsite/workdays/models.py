"""The working-day calendar administrators keep: special days and the years whose schedule is complete.

The State Council publishes each next year's schedule around November; `chinesecalendar` ships the past
ones. A year counts for deadlines only once its `CalendarYear` is marked complete (see rules.py).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

CONFIRM_YEAR = "govsite.workdays.confirm_year"
REOPEN_YEAR = "govsite.workdays.reopen_year"
SEED_YEAR = "govsite.workdays.seed"
ACTION_LABELS = {
    SEED_YEAR: _("从 chinesecalendar 导入工作日历年度安排"),
    CONFIRM_YEAR: _("确认工作日历年度安排完整"),
    REOPEN_YEAR: _("撤销工作日历年度完整确认"),
}
WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class Source(models.TextChoices):
    PACKAGE = "chinesecalendar", _("chinesecalendar 数据包")
    MANUAL = "manual", _("管理员录入")


class CalendarRow(models.Model):
    """Remembers the year a row had when loaded, so a change can name every year it touches."""

    class Meta:
        abstract = True

    year_field = ""

    @classmethod
    def from_db(cls, db, field_names, values):
        row = super().from_db(db, field_names, values)
        row._loaded_year = row.calendar_year() if cls.year_field in field_names else None
        return row

    def calendar_year(self) -> int:
        raise NotImplementedError

    def affected_years(self) -> tuple[int, ...]:
        """The year the row is in now, and the one it was in when loaded, if it moved."""
        loaded = getattr(self, "_loaded_year", None)
        return tuple(sorted({self.calendar_year()} | ({loaded} if loaded is not None else set())))


class SpecialDay(CalendarRow):
    """A public holiday, or a weekend day made a working day (调休), as the State Council announced it."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日（放假）")
        WORKING_DAY = "working_day", _("调休上班日")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("节日"), max_length=60, help_text=_("如“春节”；调休上班日填写所调的节日"))
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices, default=Source.MANUAL, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("录入人"),
    )
    entered_at = models.DateTimeField(_("录入时间"), auto_now=True)

    year_field = "date"

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"

    def calendar_year(self) -> int:
        return self.date.year

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.date.weekday()]

    def date_text(self) -> str:
        """The date as YYYY-MM-DD, whatever the admin's locale formats."""
        return f"{self.date:%Y-%m-%d}"

    date_text.short_description = _("日期")
    date_text.admin_order_field = "date"

    def clean(self) -> None:
        """An adjusted working day is a Saturday or Sunday: any other day is a working day already."""
        if self.kind == self.Kind.WORKING_DAY and self.date and self.date.weekday() < 5:
            raise ValidationError({"date": _t("调休上班日应是周六或周日：%(date)s 是%(weekday)s，本来就是工作日") % {
                "date": f"{self.date:%Y-%m-%d}", "weekday": self.weekday_name}})

    def entered_by_hand(self, user) -> None:
        """An administrator's row: seeding from the package never touches it again."""
        self.source = Source.MANUAL
        self.entered_by = user


class CalendarYear(CalendarRow):
    """Whether a year's schedule is complete; until it is, deadlines in it are counted Monday to Friday."""

    year = models.PositiveSmallIntegerField(
        _("年份"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    complete = models.BooleanField(_("已确认完整"), default=False, editable=False)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices, default=Source.MANUAL, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("确认人"),
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True, editable=False)
    note = models.CharField(
        _("依据"),
        max_length=200,
        blank=True,
        help_text=_("如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）"),
    )

    year_field = "year"

    class Meta:
        verbose_name = _("年度安排")
        verbose_name_plural = _("年度安排")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年"

    def calendar_year(self) -> int:
        return self.year

    def days(self) -> models.QuerySet[SpecialDay]:
        return SpecialDay.objects.filter(date__year=self.year)

    def count(self, kind: str) -> int:
        return self.days().filter(kind=kind).count()

    @classmethod
    def ensure(cls, year: int, user) -> CalendarYear:
        """The year's row, created (not complete) the first time an administrator enters a day in it."""
        row, created = cls.objects.get_or_create(year=year)
        if created:
            log(row, "wagtail.create", user=user)
        return row

    def mark_complete(self, user, note: str) -> None:
        """An administrator confirms the year's schedule is entered in full, citing the notice."""
        note = note.strip()
        if not note:
            raise ValidationError(_t("请填写依据，如国务院办公厅关于%(year)s年部分节假日安排的通知及文号") % {"year": self.year})
        holidays = self.count(SpecialDay.Kind.HOLIDAY)
        if not holidays:
            raise ValidationError(_t("%(year)s年尚未录入任何法定节假日，不能确认完整") % {"year": self.year})
        self.complete, self.source, self.note = True, Source.MANUAL, note
        self.confirmed_by, self.confirmed_at = user, timezone.now()
        self.save()
        log(self, CONFIRM_YEAR, user=user, data={
            "note": note, "holidays": holidays, "working_days": self.count(SpecialDay.Kind.WORKING_DAY)})

    def reopen(self, user) -> None:
        """Undo a confirmation made in error: deadlines in the year fall back to Monday to Friday, with a warning."""
        self.complete, self.confirmed_by, self.confirmed_at = False, None, None
        self.save()
        log(self, REOPEN_YEAR, user=user)
