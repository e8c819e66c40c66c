"""One test per rule of the Kompass-Check: it fires on a minimal state and is silent once the
point is settled. Each case is (rule id, make the state, settle it); the cases of some apps are
in their own ``tests/<app>/kompass_cases.py``."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from actors.models import Actor
from conflicts import services as conflict_services
from conflicts.models import Conflict
from decisions.models import Decision
from handover.models import Handover
from kompass import registry
from meetings.models import AgendaItem, Meeting, Minutes, ProposedDate, SchedulePoll
from resources.models import Funding, Position
from structures.models import Mandate, PhasePlan
from tests.factories import make_goal
from tests.goals.kompass_cases import CASES as GOALS_CASES
from tests.knowledge.kompass_cases import CASES as KNOWLEDGE_CASES
from tests.kompass.world import NOW, NUMBERS, World, update
from tests.lifecycle.kompass_cases import CASES as LIFECYCLE_CASES
from tests.reflection.kompass_cases import CASES as REFLECTION_CASES
from tests.workspaces.kompass_cases import CASES as WORKSPACES_CASES
from workspaces.models import Membership
from workspaces.visibility import Side, Visibility


# (rule id, setup(world) -> state, settle(world, state)); ``make`` may return anything.
def _mandate(w, **fields):
    body = w.body(decision_procedure="consent", quorum=0)
    values = {"needs_consultation": "Haushalt", **fields}
    return Mandate.objects.create(
        coproduction=w.coproduction,
        body=body,
        partner=w.office,
        holder=w.official,
        started_on=date(2026, 1, 1),
        **values,
    )


def _stale_poll(w):
    poll = SchedulePoll.objects.create(coproduction=w.coproduction, title="Termin")
    ProposedDate.objects.create(
        poll=poll,
        starts_at=NOW - timedelta(days=2),
        ends_at=NOW - timedelta(days=2, hours=-1),
        slot="evening",
    )
    return poll


def _online_with_conflict(w):
    meeting = w.meeting(format=Meeting.Format.ONLINE)
    conflict = Conflict.objects.create(coproduction=w.coproduction, title="Streit um Flächen")
    AgendaItem.objects.create(meeting=meeting, title="Flächen", conflict=conflict)
    return meeting


def _working_hours(w):
    update(w.me, employment=Membership.Employment.VOLUNTEER)
    monday = timezone.localtime(NOW).date() + timedelta(days=7 - timezone.localtime(NOW).weekday())
    start = timezone.make_aware(timezone.datetime.combine(monday, timezone.datetime.min.time()))
    return w.meeting(starts_at=start + timedelta(hours=10))


def _old_meeting(w):
    return w.meeting(starts_at=NOW - timedelta(days=30))


def _old_conflict(w):
    conflict = Conflict.objects.create(coproduction=w.coproduction, title="Streit")
    update(conflict, created_at=NOW - timedelta(weeks=6))
    return conflict


CASES = {
    "structures.phases": (
        lambda w: None,
        lambda w, s: PhasePlan.objects.create(coproduction=w.coproduction, phase="co_planning"),
    ),
    "structures.body": (lambda w: None, lambda w, s: w.body()),
    "structures.body-procedure": (
        lambda w: w.body(),
        lambda w, s: update(s, decision_procedure="consent", quorum=3),
    ),
    "structures.mandate-consultation": (
        lambda w: _mandate(w, needs_consultation=""),
        lambda w, s: update(s, needs_consultation="Alles, was Geld kostet"),
    ),
    "structures.mandate-former-member": (
        lambda w: (_mandate(w), update(w.official, left_at=NOW))[0],
        lambda w, s: update(s, ended_on=date(2026, 2, 1)),
    ),
    "structures.public-body": (
        lambda w: w.body(),
        lambda w, s: update(s, visibility=Visibility.PUBLIC),
    ),
    "meetings.controversial-online": (
        _online_with_conflict,
        lambda w, s: update(s, format=Meeting.Format.IN_PERSON),
    ),
    "meetings.volunteer-times": (
        _working_hours,
        lambda w, s: Meeting.objects.filter(pk=s.pk).update(
            starts_at=s.starts_at + timedelta(hours=9), ends_at=s.ends_at + timedelta(hours=9)
        ),
    ),
    "meetings.minutes": (
        _old_meeting,
        lambda w, s: update(s.minutes, text="x", status=Minutes.Status.APPROVED, approved_at=NOW),
    ),
    "meetings.poll-dates": (_stale_poll, lambda w, s: update(s, closed=True)),
    "decisions.vote-ended": (
        lambda w: Decision.objects.create(
            number=next(NUMBERS),
            coproduction=w.coproduction,
            question="Q?",
            procedure="majority",
            status=Decision.Status.VOTING,
            body=w.body(),
            opens_at=NOW - timedelta(days=9),
            closes_at=NOW - timedelta(days=1),
        ),
        lambda w, s: update(s, status=Decision.Status.DECIDED, decided_at=NOW),
    ),
    "decisions.body": (
        lambda w: Decision.objects.create(
            number=next(NUMBERS),
            coproduction=w.coproduction,
            question="Q?",
            procedure="meeting",
            status=Decision.Status.DECIDED,
        ),
        lambda w, s: update(s, body=w.body()),
    ),
    "decisions.stale-drafts": (
        lambda w: (
            d := Decision.objects.create(
                number=next(NUMBERS),
                coproduction=w.coproduction,
                question="Q?",
                procedure="consent",
            ),
            update(d, created_at=NOW - timedelta(days=40)),
        )[0],
        lambda w, s: update(s, status=Decision.Status.REJECTED),
    ),
    "conflicts.agreement": (
        lambda w: None,
        lambda w, s: conflict_services.conflict_agreement_save(
            actor=w.user, coproduction=w.coproduction, text="Nach vier Wochen ins Plenum."
        ),
    ),
    "conflicts.lingering": (
        _old_conflict,
        lambda w, s: AgendaItem.objects.create(meeting=w.meeting(), title="Streit", conflict=s),
    ),
    "conflicts.supporter": (
        lambda w: Conflict.objects.create(
            coproduction=w.coproduction, title="Streit", status=Conflict.Status.MEDIATION
        ),
        lambda w, s: update(s, external_support="Mediationsstelle Musterstadt"),
    ),
    "handover.missing": (
        lambda w: _mandate(w, rotates=True, ended_on=timezone.localdate() + timedelta(days=10)),
        lambda w, s: Handover.objects.create(
            coproduction=w.coproduction, leaving=w.official, successor=w.me, mandate=s
        ),
    ),
    "handover.signed": (
        lambda w: Handover.objects.create(
            coproduction=w.coproduction,
            leaving=w.official,
            successor=w.me,
            overlap_to=date(2026, 1, 1),
        ),
        lambda w, s: update(s, leaving_signed_at=NOW, successor_signed_at=NOW),
    ),
    "resources.follow-up": (
        lambda w: Funding.objects.create(
            coproduction=w.coproduction,
            partner=w.civil,
            owner_side=Side.CIVIL_SOCIETY,
            title="Stiftung",
            source="foundation",
            end_date=date(2030, 1, 1),
        ),
        lambda w, s: update(s, follow_up="end"),
    ),
    "resources.paid-civil-role": (
        lambda w: update(w.me, employment=Membership.Employment.PAID),
        lambda w, s: Position.objects.create(
            coproduction=w.coproduction,
            partner=w.civil,
            owner_side=Side.CIVIL_SOCIETY,
            visibility=Visibility.SIDE,
            title="Koordination",
            holder=w.me,
            pay="paid",
            contract="fee",
            filling="group",
        ),
    ),
    "resources.time-share": (
        lambda w: None,
        lambda w, s: Position.objects.create(
            coproduction=w.coproduction,
            partner=w.office,
            owner_side=Side.ADMINISTRATION,
            visibility=Visibility.COPRODUCTION,
            title="Sachbearbeitung",
            holder=w.official,
            pay="paid",
            contract="employment",
            share_percent=20,
            filling="group",
        ),
    ),
    "actors.affected": (
        lambda w: None,
        lambda w, s: Actor.objects.create(
            coproduction=w.coproduction, name="Tafel", kind="affected"
        ),
    ),
    "actors.approach": (
        lambda w: Actor.objects.create(coproduction=w.coproduction, name="Rat", kind="politics"),
        lambda w, s: update(s, approached_by=w.me, channel_owner=w.me),
    ),
    "actors.support_role": (
        lambda w: Actor.objects.create(
            coproduction=w.coproduction, name="Mediation", kind="support"
        ),
        lambda w, s: update(s, role="Vermittlerin", scope="punktuell"),
    ),
    "actors.seat": (
        lambda w: Actor.objects.create(
            coproduction=w.coproduction, name="Beirat", kind="other", seat="permanent"
        ),
        lambda w, s: update(s, may_decide="Beraten, nicht abstimmen"),
    ),
    "kompass.public": (
        lambda w: None,
        lambda w, s: make_goal(w.coproduction, visibility=Visibility.PUBLIC),
    ),
}
for cases in (WORKSPACES_CASES, LIFECYCLE_CASES, GOALS_CASES, REFLECTION_CASES, KNOWLEDGE_CASES):
    CASES.update(cases)


def test_every_rule_has_a_case():
    assert set(CASES) == {rule.id for rule in registry.all_rules()}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_a_minimal_state_and_is_silent_once_settled(db, rule_id):
    make, settle = CASES[rule_id]
    world = World()
    state = make(world)
    assert rule_id in world.open_rule_ids()
    settle(world, state)
    assert rule_id not in world.open_rule_ids()


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_a_finding_links_the_page_where_it_is_settled(db, client, rule_id):
    make, _ = CASES[rule_id]
    world = World()
    make(world)
    finding = next(f for f in world.open_findings() if f.rule.id == rule_id)
    client.force_login(world.user)
    assert client.get(finding.problem.url, secure=True).status_code == 200, finding.problem.url


def test_every_rule_rests_on_cards_of_the_guide():
    from guide.deck import get_deck

    cards = get_deck().cards
    for rule in registry.all_rules():
        assert all(number in cards for number in rule.cards), rule.id
