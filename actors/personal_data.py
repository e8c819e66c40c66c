"""What the register of further actors stores about a person: the actors they approach and
the channels they own (for the data page, ``accounts.sections``). The actors' own contact
data is theirs, not the person's, and is not part of it."""

from django.db.models import Q

from accounts.sections import Section
from actors.models import Actor


def actors(user, memberships):
    rows = Actor.objects.filter(
        Q(approached_by_id__in=memberships.ids) | Q(channel_owner_id__in=memberships.ids)
    ).order_by("name", "pk")
    for actor in rows:
        shown = memberships.sees(actor)
        tasks = []
        if actor.approached_by_id in memberships.ids:
            tasks.append("ihr sprecht sie an")
        if actor.channel_owner_id in memberships.ids:
            tasks.append("ihr verantwortet den Kommunikationsweg")
        yield (
            memberships.coproduction(actor.coproduction_id),
            memberships.name(actor),
            actor.get_kind_display() if shown else None,
            ", ".join(tasks),
            (actor.channel or None) if shown else None,
        )


SECTIONS = [
    Section(
        key="actors.actors",
        title="Weitere Akteure, um die ihr euch kümmert",
        columns=("Ko-Produktion", "Akteur", "Art", "Eure Aufgabe", "Kommunikationsweg"),
        rows=actors,
    ),
]
