"""The demo co-productions, each part from the app it belongs to: the foundation's
co-production, partners and members first, then every feature app's own demo data.

Everything is written through the services, as a user would, so it has history, obeys the
same rules and never holds a state the product cannot reach. ``add_large`` adds a second, big
co-production for measuring the same way, in one transaction: what happened weeks ago (votes
held and counted, reflection rounds) runs on the demo clock (``workspaces.demo.clock``), and the
search entries are built once at the end (``search.indexing.deferred``).

Both run on one moment, read once at the start: the services check dates against today, and a
build that crosses midnight would otherwise plan a round for a day that is over by the time it
is saved."""

from django.db import transaction
from django.utils import timezone

from actors import demo as actors_demo
from conflicts import demo as conflicts_demo
from decisions import demo as decisions_demo
from goals import demo as goals_demo
from handover import demo as handover_demo
from knowledge import demo as knowledge_demo
from kompass import demo as kompass_demo
from lifecycle import demo as lifecycle_demo
from meetings import demo as meetings_demo
from reflection import demo as reflection_demo
from resources import demo as resources_demo
from search.indexing import deferred
from structures import demo as structures_demo
from workspaces import demo as workspaces_demo

SLUG = workspaces_demo.SLUG
USERS = workspaces_demo.USERS


@transaction.atomic
def create_demo(password: str):
    with workspaces_demo.clock(timezone.now()):
        return _create_demo(password)


def _create_demo(password: str):
    coproduction, members = workspaces_demo.create_base(password)
    goals_demo.add_demo(coproduction, members)
    meetings_demo.add_demo(coproduction, members)
    structures_demo.add_demo(coproduction, members)
    decisions_demo.add_demo(coproduction, members)
    conflicts_demo.add_demo(coproduction, members)
    resources_demo.add_demo(coproduction, members)
    reflection_demo.add_demo(coproduction, members)
    handover_demo.add_demo(coproduction, members)
    actors_demo.add_demo(coproduction, members)
    knowledge_demo.add_demo(coproduction, members)
    lifecycle_demo.add_demo(coproduction, members)
    kompass_demo.add_demo(coproduction, members)  # reads all of the above
    return coproduction


@transaction.atomic
def add_large(
    *,
    members: int = 60,
    goal_count: int = 2000,
    milestone_count: int = 2000,
    decision_count: int = 2000,
    actor_count: int = 300,
    resource_count: int = 300,
    rounds: int = 24,
    consequence_count: int = 200,
    handover_count: int = 200,
    impact_count: int = 300,
    term_count: int = 200,
    name: str = "Wohnraum für alle (große Demo)",
):
    with deferred(), workspaces_demo.clock(timezone.now()):
        coproduction = workspaces_demo.add_large_base(members=members, name=name)
        goals_demo.add_large(coproduction, goal_count=goal_count, milestone_count=milestone_count)
        meetings_demo.add_large(coproduction, count=max(3, decision_count // 100))
        decisions_demo.add_large(coproduction, decision_count=decision_count)
        resources_demo.add_large(coproduction, count=resource_count)
        reflection_demo.add_large(coproduction, rounds=rounds, consequences=consequence_count)
        handover_demo.add_large(coproduction, count=handover_count)
        actors_demo.add_large(coproduction, actor_count=actor_count)
        knowledge_demo.add_large(coproduction, item_count=decision_count, term_count=term_count)
        lifecycle_demo.add_large(coproduction, count=impact_count)
    return coproduction
