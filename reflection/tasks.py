"""Background work of the reflection: invite every member when a round begins, and close the
round after its last day (which erases who answered what, reflection/services.py)."""

from datetime import datetime

from django.urls import reverse
from django_tasks import task

from reflection.closing import round_close
from reflection.models import ReflectionRound, Response
from workspaces.notify import absolute, enqueue_mail, send_to_members
from workspaces.visibility import audience


def schedule_invitation(round_, *, at: datetime) -> None:
    """Called when a round is created or its dates move (inside that transaction)."""
    enqueue_mail(
        invite_round,
        round_.pk,
        round_.opens_on.isoformat(),
        about=round_,
        kind="Einladung zur Reflexion",
        link=reverse("reflection:round", args=[round_.coproduction.slug, round_.pk]),
        at=at,
    )


def schedule_closing(round_, *, at: datetime) -> None:
    close_round.using(run_after=at).enqueue(round_.pk, round_.closes_on.isoformat())


@task(takes_context=True)
def invite_round(context, round_id: int, opens_on: str) -> int:
    """Each member who may see the round and has not answered yet gets an invitation. Who
    answered is read here only to spare them the mail; it leaves this task in no form."""
    round_ = ReflectionRound.objects.select_related("coproduction").filter(pk=round_id).first()
    if round_ is None or round_.opens_on.isoformat() != opens_on or not round_.is_open():
        return 0
    answered = Response.objects.filter(round=round_, membership__isnull=False)
    members = audience(round_).exclude(pk__in=answered.values("membership"))
    slug = round_.coproduction.slug
    return send_to_members(
        context,
        members,
        subject=f"Reflexion: {round_.title}",
        template="reflection/email/invitation.txt",
        extra={"round": round_, "url": absolute("reflection:answer", slug, round_.pk)},
    )


@task()
def close_round(round_id: int, closes_on: str) -> bool:
    """After the round's last day: close it, unless its end moved (a newer task closes it)."""

    round_ = ReflectionRound.objects.filter(pk=round_id).first()
    if round_ is None or round_.closes_on.isoformat() != closes_on or not round_.is_closed():
        return False
    return round_close(actor=None, round_=round_)
