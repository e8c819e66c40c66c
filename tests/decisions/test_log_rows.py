"""A row of the Beschlussbuch is rendered once per process for its key (``with_links`` in
decisions/selectors.py: the decision's version and those of what it names, as the viewer sees
them): the row's template may read nothing else, and a change to anything a row shows —
the decision, its body, meeting or goals — shows at once, on each side (what each side
may see of the links: test_views.py)."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

import decisions
from goals import services as goal_services
from meetings import services as meeting_services
from structures import services as structure_services
from tests.factories import make_goal
from tests.template_reads import names_read
from workspaces.visibility import Side

from .conftest import draft, login, url

ROW = Path(decisions.__file__).parent / "templates" / "decisions" / "_log_row.html"
SYNTAX = {"load", "if", "else", "endif", "for", "in", "endfor", "and", "or", "not", "=="}
TAGS = {"gemeinwerk", "item_url", "visibility_badge", "date", "truncatewords", "truncatechars"}


def test_the_row_reads_only_the_decision_and_the_slug():
    words = names_read(ROW.read_text()) - SYNTAX - TAGS
    # goal: the loop over decision.goal_list; the numbers are the filters' arguments.
    others = {
        w
        for w in words
        if w not in ("decision", "goal", "coproduction.slug")
        and not w.startswith(("decision.", "goal."))
        and not w.isdigit()
    }
    assert not others, others


def test_a_change_to_what_a_row_shows_appears_at_once(coproduction, coordinator, civil_member):
    body = structure_services.body_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.ADMINISTRATION,
        name="Lenkungskreis",
        kind="steering_group",
    )
    start = timezone.now() + timedelta(days=3)
    meeting = meeting_services.meeting_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.ADMINISTRATION,
        title="Auftakt",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        format="in_person",
        place="Rathaus",
    )
    goal = make_goal(coproduction, title="Frisch kochen")
    decision = draft(
        coproduction, coordinator, body=body, meeting=meeting, goals=[goal], question="Kantine?"
    )
    official, civil = login(coordinator), login(civil_member.user)

    def rows(client):
        return client.get(url("list", coproduction), secure=True).content.decode()

    for client in (official, civil):
        assert all(n in rows(client) for n in ("Lenkungskreis", "Auftakt", "Frisch kochen"))

    def shows(new, old):
        for client in (official, civil):
            page = rows(client)
            assert new in page and old not in page

    structure_services.body_update(
        actor=coordinator, body=body, expected_version=body.version, name="Steuerungsrunde"
    )
    shows("Steuerungsrunde", "Lenkungskreis")
    meeting_services.meeting_update(
        actor=coordinator, meeting=meeting, expected_version=meeting.version, title="Kickoff"
    )
    shows("Kickoff", "Auftakt")
    goal_services.goal_update(
        actor=coordinator, goal=goal, expected_version=goal.version, title="Regional kochen"
    )
    shows("Regional kochen", "Frisch kochen")
    decisions.services.decision_update(
        actor=coordinator,
        decision=decision,
        expected_version=decision.version,
        question="Kantine neu?",
    )
    shows("Kantine neu?", "Kantine?")
