"""Reminders that a funding or a position ends, six, three and one month before, as long as
nobody has settled what follows (cards 22, 34, 35).

``manage.py remind_ends`` runs daily (the housekeeping timer, deploy/systemd) and queues one
mail task per item and stage that is due; the worker sends it to the members of the item's
side who may see it and want reminders. Each reminder reaches each person once per end date
(``EndReminder``): a second run the same day, a task run again or a reminder whose follow-up
was settled meanwhile sends nothing twice.
"""

import calendar
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from resources.models import EndReminder, Funding, Position
from workspaces.models import Coproduction, Delivery, Mailing
from workspaces.notify import absolute, enqueue_mail, send_to_members
from workspaces.visibility import audience

STAGES = (1, 3, 6)  # months before the end, the nearest first
PENDING = ("READY", "RUNNING")
KINDS = {
    "funding": (
        Funding,
        "resources:funding",
        "Die Finanzierung",
        "Wie geht es danach weiter – Anschlussfinanzierung, Verstetigung in den Haushalt, "
        "Übergabe an Regelstrukturen oder Ende? Wer kümmert sich darum, und bis wann ist "
        "entschieden?",
    ),
    "position": (
        Position,
        "resources:position",
        "Die Stelle",
        "Wer übernimmt dann ihre Aufgaben, und wie gehen Wissen und Kontakte über?",
    ),
}


def months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def due_stage(end: date, today: date) -> int | None:
    """The reminder due on ``today`` for an end on ``end``: the nearest stage reached."""
    if end < today:
        return None
    return next((m for m in STAGES if today >= months_before(end, m)), None)


def recipients(item):
    """Members of the item's side who may see it and want reminders."""
    return audience(item).filter(
        partner__side=item.owner_side, email_reminders=True, user__isnull=False
    )


def _unsettled(kind: str, today: date):
    model = KINDS[kind][0]
    last = date(today.year + 1, today.month, 1)  # beyond six months ahead, cheaply
    rows = (
        model.objects.filter(end_date__gte=today, end_date__lt=last)
        .exclude(coproduction__stage=Coproduction.Stage.ENDED)  # an archive plans nothing
        .select_related("coproduction")
    )
    if kind == "funding":
        return rows.filter(follow_up="")
    return rows.filter(successor__isnull=True, handover="")


def _reached(item, months: int):
    return EndReminder.objects.filter(
        item_type=ContentType.objects.get_for_model(item),
        item_id=item.pk,
        ends_on=item.end_date,
        months=months,
    ).values("membership_id")


def schedule_end_reminders(today: date) -> int:
    """Queue the reminders due today; returns how many tasks were queued."""
    queued = 0
    for kind, (_model, url_name, _what, _question) in KINDS.items():
        for item in _unsettled(kind, today):
            months = due_stage(item.end_date, today)
            if months is None or not recipients(item).exclude(pk__in=_reached(item, months)):
                continue
            label = f"Erinnerung: endet in {months} Monat{'en' if months > 1 else ''}"
            waiting = Mailing.objects.filter(
                item_type=ContentType.objects.get_for_model(item),
                item_id=item.pk,
                kind=label,
                task__status__in=PENDING,
            )
            if waiting.exists():
                continue
            with transaction.atomic():
                enqueue_mail(
                    remind_end,
                    kind,
                    item.pk,
                    months,
                    item.end_date.isoformat(),
                    about=item,
                    kind=label,
                    link=reverse(url_name, args=[item.coproduction.slug, item.pk]),
                )
            queued += 1
    return queued


@task(takes_context=True)
def remind_end(context, kind: str, item_id: int, months: int, ends_on: str) -> int:
    model, url_name, what, question = KINDS[kind]
    item = model.objects.select_related("coproduction").filter(pk=item_id).first()
    if item is None or str(item.end_date) != ends_on or item.follow_up_settled:
        return 0  # gone, moved (a new reminder follows the new date) or settled
    if item.coproduction.stage == Coproduction.Stage.ENDED:
        return 0  # the co-production ended meanwhile: an archive
    members = list(recipients(item).exclude(pk__in=_reached(item, months)).select_related("user"))
    if not members:
        return 0
    try:
        return send_to_members(
            context,
            recipients(item).filter(pk__in=[m.pk for m in members]),
            subject=f"{what} „{item.title}“ endet bald",
            template="resources/email/end_reminder.txt",
            extra={
                "item": item,
                "what": what,
                "months": months,
                "question": question,
                "url": absolute(url_name, item.coproduction.slug, item.pk),
            },
        )
    finally:
        # Whoever the mail server accepted has this reminder, even if others failed.
        delivered = set(
            Delivery.objects.filter(task_id=context.task_result.id).values_list(
                "recipient", flat=True
            )
        )
        EndReminder.objects.bulk_create(
            [
                EndReminder(
                    coproduction_id=item.coproduction_id,
                    item_type=ContentType.objects.get_for_model(item),
                    item_id=item.pk,
                    ends_on=item.end_date,
                    months=months,
                    membership=member,
                )
                for member in members
                if member.user.email in delivered
            ],
            ignore_conflicts=True,
        )
