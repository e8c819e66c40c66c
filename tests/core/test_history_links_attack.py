"""The history's linked items, looked up together (``history.models.LinkedItems``), as each
reader may see them: a knowledge note whose links to goals and meetings changed often, some
goals narrowed to their side after they were unlinked, one deleted while side-only, one
deleted while shared. The other side and a third side's observer read "(nicht sichtbar)"
where the side that owns them reads the titles, and the page's queries stay flat."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals import services as goals
from goals.models import Goal
from knowledge import services as knowledge
from knowledge.models import KnowledgeItem
from tests.factories import add_member, make_coproduction, make_goal, make_user
from tests.meetings.helpers import make_meeting
from workspaces.models import Membership
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


def page(client, user, url) -> tuple[int, str]:
    client.force_login(user)
    client.get(url, secure=True)  # warm what a process reads once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def relink(actor, note, **links):
    note = KnowledgeItem.objects.get(pk=note.pk)
    knowledge.knowledge_update(actor=actor, item=note, expected_version=note.version, **links)


def narrow(actor, goal):
    goal = Goal.objects.get(pk=goal.pk)
    goals.goal_update(actor=actor, goal=goal, expected_version=goal.version, visibility="side")


def test_links_in_a_notes_history_show_only_to_who_may_see_them(client):
    official = make_user()
    coproduction = make_coproduction(official)
    civil, observer = make_user(), make_user()
    add_member(coproduction, civil, side=Side.CIVIL_SOCIETY)
    add_member(coproduction, observer, side=Side.EXTERNAL, access=Membership.Access.OBSERVER)
    shared = [
        make_goal(
            coproduction,
            side=Side.ADMINISTRATION,
            visibility="coproduction",
            title=f"Stadtziel {n}",
        )
        for n in range(6)
    ]
    meetings = [make_meeting(coproduction, official, title=f"Treffen {n}") for n in range(4)]
    note = knowledge.knowledge_create(
        actor=official,
        coproduction=coproduction,
        owner_side="",
        title="Notiz",
        goals=shared[:2],
        meetings=meetings[:1],
    )
    url = f"/werkstatt/{coproduction.slug}/wissen/{note.pk}/"
    few, _ = page(client, official, url)
    for n in range(2, 6):
        relink(official, note, goals=shared[n : n + 1], meetings=meetings[: n % 4 + 1])
    relink(official, note, goals=[], meetings=[])
    narrow(official, shared[0])  # unlinked, then side-only
    narrow(official, shared[1])  # side-only, then deleted
    goals.goal_delete(actor=official, goal=Goal.objects.get(pk=shared[1].pk))
    goals.goal_delete(actor=official, goal=Goal.objects.get(pk=shared[2].pk))  # while shared

    many, own_side = page(client, official, url)
    assert many <= few, f"{few} queries with one entry, {many} with seven"
    assert all(f"Ziel: Stadtziel {n}" in own_side for n in range(4))
    for reader in (civil, observer):
        _, text = page(client, reader, url)
        assert "Stadtziel 0" not in text and "Stadtziel 1" not in text
        assert "(nicht sichtbar)" in text
        assert "Ziel: Stadtziel 2" in text and "Ziel: Stadtziel 3" in text
        assert "Treffen: Treffen 3" in text
