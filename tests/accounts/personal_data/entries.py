"""The entries the personal-data tests make about a person, and how they read the data page
and its download."""

import json
from datetime import date, timedelta

from django.utils import timezone

from actors.models import Actor
from decisions.models import Decision, Vote
from handover.models import Handover
from meetings.models import Availability, ProposedDate, SchedulePoll
from reflection import services as reflection
from resources.models import Position
from structures.models import Body, Mandate
from tests import factories
from tests.reflection.helpers import answers, open_round
from workspaces.models import Membership


def download(client, user) -> dict:
    client.force_login(user)
    response = client.get("/konto/daten.json", secure=True)
    assert response.status_code == 200
    return json.loads(response.content)


def page(client, user) -> str:
    client.force_login(user)
    response = client.get("/konto/daten/", secure=True)
    assert response.status_code == 200
    return response.content.decode()


def section(data: dict, key: str) -> dict:
    return next(s for s in data["sections"] if s["key"] == key)


def decision(coproduction, question: str, **fields) -> Decision:
    values = {"procedure": Decision.Procedure.CONSENT, "status": Decision.Status.VOTING}
    return Decision.objects.create(coproduction=coproduction, question=question, **values | fields)


def poll_with_dates(coproduction, title: str, n: int, **fields) -> list[ProposedDate]:
    poll = SchedulePoll.objects.create(coproduction=coproduction, title=title, **fields)
    start = timezone.now() + timedelta(days=7)
    return [
        ProposedDate.objects.create(
            poll=poll,
            starts_at=start + timedelta(days=i),
            ends_at=start + timedelta(days=i, hours=2),
            slot=ProposedDate.Slot.EVENING,
        )
        for i in range(n)
    ]


def everything_of(coproduction, member, coordinator):
    """One entry of each kind that names ``member``."""
    vote_on = decision(coproduction, "Legen wir einen Gemeinschaftsgarten an?", prepared_by=member)
    Vote.objects.create(
        decision=vote_on, membership=member, choice=Vote.Choice.AGREE, reason="Guter Boden"
    )
    (proposed,) = poll_with_dates(coproduction, "Plenum im Dezember", 1)
    Availability.objects.create(date=proposed, membership=member, answer="if_need_be")
    goal = factories.make_goal(coproduction, title="Mehr regionales Essen", steward=member)
    factories.make_milestone(coproduction, title="Erste Ernte", goal=goal, responsible=member)
    body = Body.objects.create(coproduction=coproduction, name="Steuerungsgruppe", kind="steering")
    body.members.add(member)
    Mandate.objects.create(
        coproduction=coproduction,
        body=body,
        partner=member.partner,
        holder=member,
        started_on=date(2025, 2, 1),
        may_decide_alone="Termine",
    )
    Actor.objects.create(
        coproduction=coproduction,
        name="Tafel Musterstadt",
        kind=Actor.Kind.NETWORK,
        approached_by=member,
        contact_person="Gerd Geheim",
        contact_email="gerd@tafel.example",
    )
    Position.objects.create(
        coproduction=coproduction,
        partner=member.partner,
        title="Koordinationsstelle Garten",
        filling=Position.Filling.GROUP,
        holder=member,
        pay=Position.Pay.PAID,
        contract=Position.Contract.FEE,
        hours_per_week=10,
    )
    other = Membership.objects.get(coproduction=coproduction, user=coordinator)
    Handover.objects.create(
        coproduction=coproduction, leaving=member, successor=other, note="Schlüssel im Büro"
    )
    round_ = open_round(coproduction, coordinator, title="Reflexion Winter")
    reflection.response_save(membership=member, round_=round_, answers=answers(4, "Es läuft gut"))
