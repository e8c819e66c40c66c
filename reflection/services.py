"""Writes of the reflection (cards 46, 11, 24, 36, 52).

Every function owns its transaction, checks the version when it changes an item, and records
the change in the history — except answers: the history says that a round was opened and
closed, never who answered or what. Who may act is checked by the views.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from reflection import tasks
from reflection.closing import round_close  # noqa: F401 — a service like the others
from reflection.models import (
    Answer,
    Consequence,
    Evaluation,
    Question,
    ReflectionRound,
    ReflectionSettings,
    Response,
)
from workspaces.concurrency import StaleEdit, save_versioned
from workspaces.services import (
    WorkspaceError,
    create_recorded,
    delete_recorded,
    refuse_if_ended,
    save_single,
    update_recorded,
)
from workspaces.visibility import Visibility, may_link

ROUND_FIELDS = ["title", "opens_on", "closes_on"]
CONSEQUENCE_FIELDS = ["kind", "text", "owner", "due_on", "decision", "goal", "done"]
# A round runs at least a day and at most half a year: long enough to answer, short enough to
# still be one moment of looking back.
LONGEST_ROUND = timedelta(days=183)
# Further ahead nobody plans a round; the calendar's end would break its scheduling.
FURTHEST_START = timedelta(days=2 * 365)


class ReflectionError(WorkspaceError):
    """A change the rules of the reflection do not allow."""


@transaction.atomic
def settings_save(
    *, actor, coproduction, interval_months: int, expected_version: int | None = None
) -> ReflectionSettings:
    """Agree (or change) how often the partners reflect together (card 46)."""
    return save_single(
        actor,
        ReflectionSettings,
        {"coproduction": coproduction},
        ["interval_months"],
        expected_version,
        {"interval_months": interval_months},
    )


def _check_dates(opens_on: date, closes_on: date, *, today: date, started: bool) -> None:
    if closes_on < opens_on:
        raise ReflectionError("Eine Runde endet nach ihrem Beginn.", field="closes_on")
    if opens_on - today > FURTHEST_START:
        raise ReflectionError(
            "Eine Runde beginnt spätestens in zwei Jahren. Plant sie, wenn sie näher rückt.",
            field="opens_on",
        )
    if closes_on - opens_on > LONGEST_ROUND:
        raise ReflectionError(
            "Eine Runde dauert höchstens ein halbes Jahr – sonst ist es kein gemeinsamer "
            "Blick zurück mehr.",
            field="closes_on",
        )
    if not started and opens_on < today:
        raise ReflectionError(
            f"Dieser Tag ({opens_on:%d.%m.%Y}) ist vorbei. Eine Runde beginnt heute oder später.",
            field="opens_on",
        )
    if closes_on < today:
        raise ReflectionError(
            f"Dieser Tag ({closes_on:%d.%m.%Y}) ist vorbei. Wählt ein Ende ab heute.",
            field="closes_on",
        )


def _opening(round_: ReflectionRound) -> datetime:
    return timezone.make_aware(datetime.combine(round_.opens_on, time(8)))


def _closing(round_: ReflectionRound) -> datetime:
    return timezone.make_aware(datetime.combine(round_.closes_on + timedelta(days=1), time.min))


def _schedule(round_: ReflectionRound) -> None:
    """The invitation when the round opens (at once if it opens today) and the closing after
    its last day; moved dates schedule anew and the old tasks stay silent."""
    tasks.schedule_invitation(round_, at=_opening(round_))
    tasks.schedule_closing(round_, at=_closing(round_))


@transaction.atomic
def round_create(
    *, actor, coproduction, title: str, opens_on: date, closes_on: date
) -> ReflectionRound:
    """Open a round (card 46); every member is invited by mail when it begins."""
    _check_dates(opens_on, closes_on, today=timezone.localdate(), started=False)
    round_ = create_recorded(
        actor,
        ReflectionRound(
            coproduction=coproduction,
            title=title,
            opens_on=opens_on,
            closes_on=closes_on,
            visibility=Visibility.COPRODUCTION,
        ),
        ROUND_FIELDS,
    )
    _schedule(round_)
    return round_


@transaction.atomic
def round_update(
    *, actor, round_: ReflectionRound, expected_version: int, **values
) -> ReflectionRound:
    """Rename a round or move its dates while it has not closed; a round that has begun keeps
    its beginning (its members were invited for it)."""
    if round_.is_closed():
        raise ReflectionError("Eine abgeschlossene Runde bleibt, wie sie war.")
    merged = {name: values.get(name, getattr(round_, name)) for name in ROUND_FIELDS}
    started = not round_.is_planned()
    if started and merged["opens_on"] != round_.opens_on:
        raise ReflectionError(
            "Die Runde hat schon begonnen; ihr Beginn bleibt. Ändern lässt sich noch das Ende.",
            field="opens_on",
        )
    _check_dates(
        merged["opens_on"], merged["closes_on"], today=timezone.localdate(), started=started
    )
    moved = (merged["opens_on"], merged["closes_on"]) != (round_.opens_on, round_.closes_on)
    round_ = update_recorded(actor, round_, ROUND_FIELDS, expected_version, values)
    if moved:
        _schedule(round_)
    return round_


@transaction.atomic
def round_delete(*, actor, round_: ReflectionRound, expected_version: int | None = None) -> None:
    """Delete a round opened by mistake — only while nobody has answered."""

    def check(current):
        if refusal := round_delete_refusal(current):
            raise ReflectionError(refusal)

    delete_recorded(actor, round_, expected_version, check=check)


def round_delete_refusal(round_: ReflectionRound) -> str:
    if round_.responses.exists() or round_.consequences.exists():
        return (
            "In dieser Runde haben schon Mitglieder geantwortet oder ihr habt Konsequenzen "
            "vereinbart; sie bleibt. Schließt sie ab, wenn sie nicht weiterlaufen soll."
        )
    return ""


def own_response(round_: ReflectionRound, membership) -> Response | None:
    if membership is None or round_.is_closed():
        return None
    return (
        Response.objects.filter(round=round_, membership=membership)
        .prefetch_related("answers")
        .first()
    )


@transaction.atomic
def response_save(
    *, membership, round_: ReflectionRound, answers: dict, expected_version: int | None = None
) -> Response:
    """A member's answers (``answers``: question → (score, comment)), new or changed while the
    round runs. Nothing goes into the history: that a member answered, and what, stays theirs."""
    refuse_if_ended(round_.coproduction_id)  # records no change, so record_change cannot ask
    current = ReflectionRound.objects.select_for_update().get(pk=round_.pk)
    if not current.is_open():
        raise ReflectionError(
            "Diese Runde läuft nicht (mehr): Antworten gehen nur zwischen Beginn und Ende."
        )
    if membership is None or membership.left_at is not None:
        raise ReflectionError("Antworten können nur Mitglieder dieser Ko-Produktion.")
    if set(answers) != set(Question.values):
        raise ReflectionError("Bitte beantwortet jede Frage.")
    response = Response.objects.filter(round=current, membership=membership).first()
    if response is None:
        response = Response.objects.create(
            round=current, membership=membership, side=membership.partner.side
        )
    else:
        if expected_version is None or response.version != expected_version:
            raise StaleEdit(response)
        save_versioned(response, expected_version=expected_version, fields=[])
        response.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(response=response, question=question, score=score, comment=comment.strip())
        for question, (score, comment) in answers.items()
    )
    return response


def _check_links(values: dict, coproduction_id: int) -> None:
    """A consequence is seen by all members: it names only what all of them see."""
    for name, what in (("decision", "Diese Entscheidung"), ("goal", "Dieses Ziel")):
        target = values.get(name)
        if target is None:
            continue
        if target.coproduction_id != coproduction_id:
            raise ReflectionError(f"{what} gehört nicht zu eurer Ko-Produktion.", field=name)
        if not may_link(target, visibility=Visibility.COPRODUCTION, owner_side=""):
            raise ReflectionError(
                f"{what} sieht nur eine Seite; eine Konsequenz sehen alle Mitglieder. Wählt "
                "etwas, das alle sehen – oder teilt es zuerst mit der anderen Seite.",
                field=name,
            )
    owner = values.get("owner")
    if owner is not None and (owner.coproduction_id != coproduction_id or owner.left_at):
        raise ReflectionError("Wählt ein Mitglied dieser Ko-Produktion.", field="owner")


@transaction.atomic
def consequence_create(*, actor, round_: ReflectionRound, text: str, **values) -> Consequence:
    """Record what the partners agreed after a round (card 46)."""
    _check_links(values, round_.coproduction_id)
    return create_recorded(
        actor,
        Consequence(
            coproduction_id=round_.coproduction_id,
            round=round_,
            text=text,
            visibility=Visibility.COPRODUCTION,
            **values,
        ),
        CONSEQUENCE_FIELDS,
        keep=["done"],  # the history has always said whether it was created done
    )


@transaction.atomic
def consequence_update(
    *, actor, consequence: Consequence, expected_version: int, **values
) -> Consequence:
    merged = {name: values.get(name, getattr(consequence, name)) for name in CONSEQUENCE_FIELDS}
    _check_links(merged, consequence.coproduction_id)
    return update_recorded(actor, consequence, CONSEQUENCE_FIELDS, expected_version, values)


@transaction.atomic
def consequence_delete(*, actor, consequence: Consequence, expected_version: int) -> None:
    delete_recorded(actor, consequence, expected_version)


@transaction.atomic
def evaluation_save(
    *,
    actor,
    round_: ReflectionRound,
    text: str,
    visibility: str,
    expected_version: int | None = None,
) -> Evaluation:
    """The coordination's evaluation of a closed round; „Öffentlich“ puts it on the public
    page (card 52: „ehrliche Evaluation … auch nach außen“)."""
    if not round_.is_closed():
        raise ReflectionError(
            "Auswerten lässt sich eine Runde, wenn sie abgeschlossen ist.", field="text"
        )
    if visibility not in (Visibility.COPRODUCTION, Visibility.PUBLIC):
        raise ReflectionError("Wählt „Alle Mitglieder“ oder „Öffentlich“.", field="visibility")
    return save_single(
        actor,
        Evaluation,
        {"round": round_},
        ["text", "visibility"],
        expected_version,
        {"text": text, "visibility": visibility},
        built={"coproduction_id": round_.coproduction_id},
    )
