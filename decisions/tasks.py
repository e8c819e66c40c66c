"""Background work of decisions: tell those entitled that a vote opened, and remind those who
have not voted a day before it closes (cards 42, 28)."""

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from decisions import selectors
from decisions.models import Decision
from workspaces.notify import REMINDER_LEAD, absolute, enqueue_mail, same_moment, send_to_members


def schedule_vote_mails(decision: Decision) -> None:
    """Called when the vote opens (inside that transaction)."""
    closes = decision.closes_at.isoformat()
    link = reverse("decisions:decision", args=[decision.coproduction.slug, decision.pk])
    enqueue_mail(
        announce_vote,
        decision.pk,
        closes,
        about=decision,
        kind="Abstimmung eröffnet",
        link=link,
        at=decision.opens_at,
    )
    reminder = decision.closes_at - REMINDER_LEAD
    if reminder > max(decision.opens_at, timezone.now()):
        enqueue_mail(
            remind_vote,
            decision.pk,
            closes,
            about=decision,
            kind="Erinnerung an die Abstimmung",
            link=link,
            at=reminder,
        )


def _voting(decision_id: int, closes_at: str) -> Decision | None:
    decision = (
        Decision.objects.select_related("coproduction")
        .exclude(coproduction__stage="ended")  # an archive: nobody votes there any more
        .filter(pk=decision_id)
        .first()
    )
    if decision is None or decision.status != Decision.Status.VOTING:
        return None
    return decision if same_moment(decision.closes_at, closes_at) else None


def _send(context, decision: Decision, voters, subject: str, template: str) -> int:
    url = absolute("decisions:decision", decision.coproduction.slug, decision.pk)
    return send_to_members(
        context,
        voters,
        subject=f"{subject}: {decision.question}",
        template=template,
        extra={"decision": decision, "url": url},
    )


@task(takes_context=True)
def announce_vote(context, decision_id: int, closes_at: str) -> int:
    decision = _voting(decision_id, closes_at)
    if decision is None:
        return 0
    voters = selectors.eligible_voters(decision)
    return _send(context, decision, voters, "Abstimmung", "decisions/email/vote_opened.txt")


@task(takes_context=True)
def remind_vote(context, decision_id: int, closes_at: str) -> int:
    decision = _voting(decision_id, closes_at)
    if decision is None:
        return 0
    voters = selectors.eligible_voters(decision).exclude(votes__decision=decision)
    return _send(
        context, decision, voters, "Noch nicht abgestimmt", "decisions/email/vote_reminder.txt"
    )
