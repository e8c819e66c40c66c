"""Kompass-Check rules about meetings, polls and minutes (cards 26, 44, 50). A meeting names
a conflict of its agenda only when the viewer may see that conflict too."""

from datetime import timedelta

from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay

from conflicts.models import Conflict
from meetings.models import AgendaItem, Meeting, Minutes, SchedulePoll
from workspaces.checking import HINT, SOON, Rule, unsettled
from workspaces.models import Membership
from workspaces.visibility import Visibility

# Office hours: a meeting starting Monday to Friday between 8 and 16 o'clock (local time).
WORKING_HOURS = range(8, 17)
MINUTES_GRACE = timedelta(days=14)


def meetings(ctx):
    return Meeting.objects.visible_to(ctx.viewer)


def meeting_url(ctx):
    return lambda m: ctx.url("meetings:meeting", m.pk) if m else ctx.url("meetings:list")


def controversial_online(ctx):
    disputed = AgendaItem.objects.filter(
        meeting=OuterRef("pk"), conflict__in=Conflict.objects.visible_to(ctx.viewer)
    )
    return unsettled(
        ctx.not_passed(
            meetings(ctx).filter(format=Meeting.Format.ONLINE).filter(Exists(disputed)), "ends_at"
        ),
        one="Das Online-Treffen {names} hat einen Konflikt auf der Tagesordnung – kontroverse "
        "Themen besprecht ihr besser in Präsenz.",
        many="Die Online-Treffen {names} haben Konflikte auf der Tagesordnung – kontroverse "
        "Themen besprecht ihr besser in Präsenz.",
        url=meeting_url(ctx),
        label=lambda m: m.title,
    )


def working_hours_with_volunteers(ctx):
    volunteer_sides = {
        m.partner_side for m in ctx.members if m.employment == Membership.Employment.VOLUNTEER
    }
    if not volunteer_sides:
        return None
    rows = (
        meetings(ctx)
        .filter(~Q(visibility=Visibility.SIDE) | Q(owner_side__in=volunteer_sides))
        .annotate(weekday=ExtractIsoWeekDay("starts_at"), hour=ExtractHour("starts_at"))
        .filter(weekday__lte=5, hour__in=list(WORKING_HOURS))
    )
    return unsettled(
        ctx.not_passed(rows, "starts_at"),
        one="Das Treffen {names} liegt in der Arbeitszeit, aber Ehrenamtliche sind dabei.",
        many="Die Treffen {names} liegen in der Arbeitszeit, aber Ehrenamtliche sind dabei.",
        url=meeting_url(ctx),
        label=lambda m: m.title,
    )


def minutes_not_approved(ctx):
    approved = Minutes.objects.filter(meeting=OuterRef("pk"), status=Minutes.Status.APPROVED)
    return unsettled(
        ctx.passed(meetings(ctx).filter(~Exists(approved)), "ends_at", MINUTES_GRACE),
        one="Das Protokoll des Treffens {names} ist seit über zwei Wochen nicht genehmigt.",
        many="Die Protokolle der Treffen {names} sind seit über zwei Wochen nicht genehmigt.",
        url=lambda m: ctx.url("meetings:minutes", m.pk) if m else ctx.url("meetings:list"),
        label=lambda m: m.title,
    )


def poll_dates_passed(ctx):
    return unsettled(
        ctx.passed(
            SchedulePoll.objects.visible_to(ctx.viewer)
            .filter(closed=False)
            .annotate(last=Max("dates__starts_at")),
            "last",
        ),
        one="Alle Termine der Umfrage {names} sind vorbei: schließt sie oder schlagt neue vor.",
        many="Alle Termine der Umfragen {names} sind vorbei: schließt sie oder schlagt neue vor.",
        url=lambda p: ctx.url("meetings:poll", p.pk) if p else ctx.url("meetings:list"),
        label=lambda p: p.title,
    )


RULES = [
    Rule(
        id="meetings.controversial-online",
        title="Kontroverses wird in Präsenz besprochen",
        cards=(50, 43),
        severity=SOON,
        check=controversial_online,
    ),
    Rule(
        id="meetings.volunteer-times",
        title="Treffen liegen, wo Ehrenamtliche können",
        cards=(26, 44),
        severity=SOON,
        check=working_hours_with_volunteers,
    ),
    Rule(
        id="meetings.minutes",
        title="Protokolle werden genehmigt",
        cards=(44, 42),
        severity=SOON,
        check=minutes_not_approved,
    ),
    Rule(
        id="meetings.poll-dates",
        title="Terminumfragen bleiben nicht liegen",
        cards=(44, 26),
        severity=HINT,
        check=poll_dates_passed,
    ),
]
