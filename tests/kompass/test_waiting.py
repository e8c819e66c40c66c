"""Was wartet auf mich? (issue 11 §2): polls not answered, minutes attended and to approve,
meetings in the next two weeks, milestones and goals one is responsible for that are due, and
invitations — each for the person it concerns, read through visibility. Votes not cast:
tests/kompass/test_overview_vote.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kompass.waiting import waiting_for
from meetings.models import Availability, Meeting, Minutes, ProposedDate, SchedulePoll
from tests.factories import add_member, make_coproduction, make_goal, make_milestone, make_user
from workspaces.models import Invitation, Membership
from workspaces.selectors import viewer_for
from workspaces.visibility import Side, Visibility

NOW = timezone.now()
TODAY = timezone.localdate()


def meeting(coproduction, title, days, **fields):
    start = NOW + timedelta(days=days)
    return Meeting.objects.create(
        coproduction=coproduction,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        format=Meeting.Format.IN_PERSON,
        **fields,
    )


@pytest.fixture
def world(db):
    me = make_user("ich@example.org")
    coproduction = make_coproduction(me, side=Side.CIVIL_SOCIETY, name="Essen für alle")
    mine = Membership.objects.get(user=me)
    other = add_member(coproduction, side=Side.CIVIL_SOCIETY)
    add_member(coproduction, side=Side.ADMINISTRATION)
    return coproduction, me, mine, other


def titles(items) -> set[str]:
    return {getattr(item, "title", None) or str(item) for item in items}


def test_minutes_wait_for_those_who_attended_until_approved(world):
    coproduction, me, mine, other = world
    held = Minutes.objects.create(meeting=meeting(coproduction, "Plenum im Mai", -3), text="x")
    held.attendees.add(mine)
    Minutes.objects.create(
        meeting=meeting(coproduction, "Plenum im April", -30),
        text="x",
        status=Minutes.Status.APPROVED,
        approved_at=NOW,
    ).attendees.add(mine)
    assert [m.meeting.title for m in waiting_for(viewer_for(me, coproduction)).minutes] == [
        "Plenum im Mai"
    ]
    assert not waiting_for(viewer_for(other.user, coproduction)).minutes


def test_meetings_of_the_next_two_weeks_that_the_viewer_may_see(world):
    coproduction, me, _, _ = world
    meeting(coproduction, "Nächste Woche", 7)
    meeting(coproduction, "In drei Wochen", 21)
    meeting(coproduction, "Gestern", -1)
    meeting(
        coproduction,
        "Amtsinterne Runde",
        2,
        visibility=Visibility.SIDE,
        owner_side=Side.ADMINISTRATION,
    )
    assert titles(waiting_for(viewer_for(me, coproduction)).meetings) == {"Nächste Woche"}


def test_milestones_and_goals_wait_for_the_one_responsible_when_due(world):
    coproduction, me, mine, other = world
    make_milestone(
        coproduction, title="Bald fällig", due_date=TODAY + timedelta(days=5), responsible=mine
    )
    make_milestone(
        coproduction, title="Überfällig", due_date=TODAY - timedelta(days=5), responsible=mine
    )
    make_milestone(
        coproduction, title="Noch lange hin", due_date=TODAY + timedelta(days=60), responsible=mine
    )
    make_milestone(
        coproduction, title="Erreicht", due_date=TODAY, responsible=mine, status="reached"
    )
    make_milestone(coproduction, title="Nicht meiner", due_date=TODAY, responsible=other)
    make_goal(
        coproduction, title="Ziel bis Monatsende", steward=mine, due_date=TODAY + timedelta(days=10)
    )
    make_goal(
        coproduction, title="Ziel im Herbst", steward=mine, due_date=TODAY + timedelta(days=90)
    )
    make_goal(coproduction, title="Ziel der anderen", steward=other, due_date=TODAY)
    waiting = waiting_for(viewer_for(me, coproduction))
    assert titles(waiting.milestones) == {"Bald fällig", "Überfällig"}
    assert titles(waiting.goals) == {"Ziel bis Monatsende"}


def test_a_poll_waits_until_every_date_is_answered(world):
    coproduction, me, mine, _ = world
    poll = SchedulePoll.objects.create(coproduction=coproduction, title="Termin für das Plenum")
    dates = [
        ProposedDate.objects.create(
            poll=poll,
            starts_at=NOW + timedelta(days=d),
            ends_at=NOW + timedelta(days=d, hours=2),
            slot="evening",
        )
        for d in (3, 4)
    ]
    viewer = viewer_for(me, coproduction)
    Availability.objects.create(date=dates[0], membership=mine, answer="yes")
    assert titles(waiting_for(viewer).polls) == {"Termin für das Plenum"}
    Availability.objects.create(date=dates[1], membership=mine, answer="no")
    assert not waiting_for(viewer).polls


def test_open_invitations_of_the_viewer_wait_on_every_overview(world, client):
    coproduction, me, _, _ = world
    founder = make_user()
    elsewhere = make_coproduction(founder, side=Side.ADMINISTRATION, name="Wohnen im Quartier")
    for token, fields in [("offen", {}), ("zurueck", {"revoked_at": NOW})]:
        Invitation.objects.create(
            coproduction=elsewhere,
            partner=elsewhere.partners.get(),
            email="ICH@example.org",
            access=Membership.Access.MEMBER,
            token=token,
            invited_by=founder,
            expires_at=NOW + timedelta(days=7),
            **fields,
        )
    invitations = waiting_for(viewer_for(me, coproduction)).invitations
    assert [i.token for i in invitations] == ["offen"]
    client.force_login(me)
    page = client.get(f"/werkstatt/{coproduction.slug}/", secure=True).content.decode()
    assert "„Wohnen im Quartier“" in page and "/werkstatt/einladung/offen/" in page


def test_the_overview_shows_what_waits(world, client):
    coproduction, me, mine, _ = world
    meeting(coproduction, "Nächste Woche", 7)
    make_milestone(coproduction, title="Bald fällig", due_date=TODAY, responsible=mine)
    make_goal(coproduction, title="Ziel bis Monatsende", steward=mine, due_date=TODAY)
    held = Minutes.objects.create(meeting=meeting(coproduction, "Plenum im Mai", -3), text="x")
    held.attendees.add(mine)
    client.force_login(me)
    page = client.get(f"/werkstatt/{coproduction.slug}/", secure=True).content.decode()
    waiting = page.split('id="wartet"')[1].split("</section>")[0]
    for text in ("Treffen:", "Nächste Woche", "Euer Meilenstein:", "Bald fällig"):
        assert text in waiting
    for text in ("Euer Ziel im Blick:", "Ziel bis Monatsende", "Protokoll lesen und genehmigen:"):
        assert text in waiting
