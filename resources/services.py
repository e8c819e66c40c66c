"""Writes of positions and funding (cards 20, 21, 22, 26, 34, 35).

Every function owns its transaction, checks the item's version when it changes one, and
records the change in the history. Who may edit is checked by the views; the rules here are
the domain's and hold for every caller.
"""

from django.db import transaction

from history.services import reference
from resources.models import Funding, Position
from workspaces.services import WorkspaceError, create_recorded, delete_recorded, update_recorded
from workspaces.visibility import Visibility, link_refusal, linked_more_widely, may_link

POSITION_FIELDS = [
    "partner",
    "title",
    "tasks",
    "filling",
    "holder",
    "pay",
    "contract",
    "hours_per_week",
    "share_percent",
    "start_date",
    "end_date",
    "successor",
    "handover",
    "visibility",
]
FUNDING_FIELDS = [
    "partner",
    "title",
    "source",
    "funder",
    "amount",
    "start_date",
    "end_date",
    "covers",
    "conditions",
    "reporting",
    "dependency",
    "follow_up",
    "follow_up_owner",
    "decide_by",
    "follow_up_note",
    "visibility",
]
# What each way of paying allows (card 21): pay without a contract, or an employment
# contract for a volunteer, is a slip of the form, not a kind of position.
FIRST_YEAR, LAST_YEAR = 1900, 2199
CONTRACTS = {
    Position.Pay.PAID: {Position.Contract.EMPLOYMENT, Position.Contract.FEE},
    Position.Pay.VOLUNTEER: {Position.Contract.ALLOWANCE, Position.Contract.NONE},
}


class ResourceError(WorkspaceError):
    """A change the rules of positions and funding do not allow; ``field`` names the culprit."""


def _check_partner(coproduction_id: int, partner, owner_side: str) -> None:
    if partner.coproduction_id != coproduction_id or partner.left_at is not None:
        raise ResourceError(
            "Diese Partner:in gehört nicht zu eurer Ko-Produktion.", field="partner"
        )
    if partner.side != owner_side:
        raise ResourceError(
            "Stellen und Finanzierungen trägt jede Seite für ihre eigenen Partner:innen ein.",
            field="partner",
        )


def _check_member(coproduction_id: int, member, field: str) -> None:
    if member is not None and (member.coproduction_id != coproduction_id or member.left_at):
        raise ResourceError("Diese Person ist nicht (mehr) Mitglied.", field=field)


def _check_period(start, end) -> None:
    # The picture and the gaps reckon days around each date: the calendar's ends break them.
    for name, day in (("start_date", start), ("end_date", end)):
        if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ResourceError(
                f"Bitte ein Datum zwischen {FIRST_YEAR} und {LAST_YEAR}.", field=name
            )
    if start and end and end < start:
        raise ResourceError("Das Ende liegt vor dem Beginn.", field="end_date")


def _check_position(coproduction_id: int, owner_side: str, v: dict) -> None:
    _check_partner(coproduction_id, v["partner"], owner_side)
    _check_member(coproduction_id, v.get("holder"), "holder")
    _check_member(coproduction_id, v.get("successor"), "successor")
    holder = v.get("holder")
    if v["filling"] == Position.Filling.VACANT and holder is not None:
        raise ResourceError(
            "Eine unbesetzte Stelle hat niemanden, der sie innehat. Wählt „Aus der Gruppe“ "
            "oder „Von außen“ – oder nehmt die Person heraus.",
            field="holder",
        )
    if holder is not None and holder.partner.side != owner_side:
        raise ResourceError(
            "Die Stelle hat jemand von eurer Seite – eine Person der anderen Seite tragt ihr "
            "dort ein.",
            field="holder",
        )
    if v["contract"] not in CONTRACTS[v["pay"]]:
        allowed = " oder ".join(sorted(Position.Contract(c).label for c in CONTRACTS[v["pay"]]))
        raise ResourceError(
            f"Zu „{Position.Pay(v['pay']).label}“ passt als Vertragsform {allowed}.",
            field="contract",
        )
    hours, share = v.get("hours_per_week"), v.get("share_percent")
    if hours is not None and not 0 < hours <= 80:
        raise ResourceError(
            "Stunden pro Woche: mehr als 0 und höchstens 80.", field="hours_per_week"
        )
    if share is not None and not 0 < share <= 100:
        raise ResourceError("Der Anteil liegt zwischen 1 und 100 Prozent.", field="share_percent")
    _check_period(v.get("start_date"), v.get("end_date"))


def _check_visibility(visibility: str) -> None:
    if visibility == Visibility.PUBLIC:
        raise ResourceError(
            "Stellen und Finanzierungen erscheinen nicht auf der öffentlichen Seite. Wählt "
            "„Nur unsere Seite“ oder „Alle Mitglieder“.",
            field="visibility",
        )


def _side_visibility(visibility: str | None) -> str:
    # Amounts and employment details stay on their side until it shares them.
    visibility = visibility or Visibility.SIDE
    _check_visibility(visibility)
    return visibility


# Positions ---------------------------------------------------------------------------------


@transaction.atomic
def position_create(
    *, actor, coproduction, owner_side: str, partner, visibility: str | None = None, **values
) -> Position:
    """A position of one of the creator's side's partners; side-only unless shared."""
    values = {"filling": Position.Filling.GROUP, **values, "partner": partner}
    _check_position(coproduction.pk, owner_side, values)
    return create_recorded(
        actor,
        Position(
            coproduction=coproduction,
            owner_side=owner_side,
            visibility=_side_visibility(visibility),
            **values,
        ),
        POSITION_FIELDS,
    )


@transaction.atomic
def position_update(*, actor, position: Position, expected_version: int, **values) -> Position:
    merged = {name: values.get(name, getattr(position, name)) for name in POSITION_FIELDS}
    _check_visibility(merged["visibility"])
    _check_position(position.coproduction_id, position.owner_side, merged)
    if linked_more_widely(
        position.fundings.all(), visibility=merged["visibility"], owner_side=position.owner_side
    ).exists():
        raise ResourceError(
            "Eine Finanzierung, die mehr Menschen sehen, nennt diese Stelle. Nehmt sie dort "
            "erst heraus, bevor nur eure Seite die Stelle sieht.",
            field="visibility",
        )
    return update_recorded(actor, position, POSITION_FIELDS, expected_version, values)


@transaction.atomic
def position_delete(*, actor, position: Position, expected_version: int | None = None) -> None:
    """Fundings that named the position keep their own entry and lose the link."""
    delete_recorded(actor, position, expected_version)


# Funding -----------------------------------------------------------------------------------


def _check_funding(coproduction_id: int, owner_side: str, v: dict, positions) -> None:
    _check_partner(coproduction_id, v["partner"], owner_side)
    _check_member(coproduction_id, v.get("follow_up_owner"), "follow_up_owner")
    _check_period(v.get("start_date"), v.get("end_date"))
    if v.get("amount") is not None and v["amount"] < 0:
        raise ResourceError("Ein Betrag ist nicht negativ.", field="amount")
    unknown = set(v.get("covers") or []) - set(Funding.Covers.values)
    if unknown:
        raise ResourceError("Das ist keine der angebotenen Angaben.", field="covers")
    if v.get("follow_up") and not (v.get("follow_up_owner") and v.get("decide_by")):
        raise ResourceError(
            "Ein Weg für die Zeit danach braucht jemanden, der sich kümmert, und ein Datum, "
            "bis wann entschieden ist (Karte 22).",
            field="follow_up_owner" if not v.get("follow_up_owner") else "decide_by",
        )
    for position in positions:
        if position.coproduction_id != coproduction_id:
            raise ResourceError(
                "Diese Stelle gehört nicht zu eurer Ko-Produktion.", field="positions"
            )
        # A funding seen by more people than a position would reveal the position.
        if not may_link(position, visibility=v["visibility"], owner_side=owner_side):
            raise ResourceError(
                link_refusal(
                    position,
                    f"Die Stelle „{position.title}“ sieht nur eine Seite. Teilt die Stelle zuerst "
                    "oder macht diese Finanzierung auch nur für eure Seite sichtbar.",
                ),
                field="positions",
            )


def _with_staff(covers, positions) -> list:
    covers = list(covers or [])
    if positions and Funding.Covers.STAFF not in covers:
        covers.insert(0, Funding.Covers.STAFF)
    return covers


def _position_refs(funding: Funding) -> list[dict]:
    return [reference(p) for p in sorted(funding.positions.all(), key=lambda p: (p.title, p.pk))]


@transaction.atomic
def funding_create(
    *,
    actor,
    coproduction,
    owner_side: str,
    partner,
    visibility: str | None = None,
    positions=(),
    **values,
) -> Funding:
    """Money one of the creator's side's partners receives; side-only unless shared."""
    positions = list(positions)
    values = {
        **values,
        "partner": partner,
        "visibility": _side_visibility(visibility),
        "covers": _with_staff(values.get("covers"), positions),
    }
    _check_funding(coproduction.pk, owner_side, values, positions)
    return create_recorded(
        actor,
        Funding(coproduction=coproduction, owner_side=owner_side, **values),
        FUNDING_FIELDS,
        m2m=("positions", _position_refs, lambda f: f.positions.set(positions))
        if positions
        else None,
    )


@transaction.atomic
def funding_update(
    *, actor, funding: Funding, expected_version: int, positions=None, **values
) -> Funding:
    current = list(Funding.objects.get(pk=funding.pk).positions.all())
    chosen = current if positions is None else list(positions)
    if "covers" in values or positions is not None:
        values["covers"] = _with_staff(values.get("covers", funding.covers), chosen)
    merged = {name: values.get(name, getattr(funding, name)) for name in FUNDING_FIELDS}
    _check_visibility(merged["visibility"])
    _check_funding(funding.coproduction_id, funding.owner_side, merged, chosen)
    m2m = None
    if positions is not None:
        m2m = ("positions", _position_refs, lambda f: f.positions.set(chosen))
    return update_recorded(actor, funding, FUNDING_FIELDS, expected_version, values, m2m=m2m)


@transaction.atomic
def funding_delete(*, actor, funding: Funding, expected_version: int | None = None) -> None:
    delete_recorded(actor, funding, expected_version)
