"""One test per rule of the Kompass-Check: it fires on a minimal state and is silent once the
point is settled. Each case is (rule id, make the state, settle it)."""

from datetime import date, timedelta
from itertools import count

import pytest
from django.utils import timezone

from actors.models import Actor
from conflicts import services as conflict_services
from conflicts.models import Conflict
from decisions.models import Decision
from goals.models import Contribution, Demand, Milestone, Obstacle
from handover.models import Handover
from kompass import check, registry
from lifecycle.models import Closing, ImpactPlan, PermanencePath
from meetings.models import AgendaItem, Meeting, Minutes, ProposedDate, SchedulePoll
from resources.models import Funding, Position
from structures.models import Body, Mandate, PhasePlan
from tests.factories import add_member, make_coproduction, make_goal, make_user, partner_on
from tests.knowledge.kompass_cases import CASES as KNOWLEDGE_CASES
from tests.reflection.kompass_cases import CASES as REFLECTION_CASES
from workspaces.models import Coproduction, Membership
from workspaces.selectors import viewer_for
from workspaces.visibility import Side, Visibility

NOW = timezone.now()

# Decision numbers are unique per co-production; these tests create rows directly.
NUMBERS = count(1)


class World:
    """A co-production of a civil-society coordinator with an administration partner."""

    def __init__(self, **fields):
        self.user = make_user()
        self.coproduction = make_coproduction(self.user, side=Side.CIVIL_SOCIETY, **fields)
        self.me = Membership.objects.get(user=self.user)
        self.civil = self.me.partner
        self.office = partner_on(self.coproduction, Side.ADMINISTRATION)
        self.official = add_member(self.coproduction, side=Side.ADMINISTRATION)

    def open_rule_ids(self) -> set[str]:
        self.coproduction.refresh_from_db()  # as a new request would read it
        report = check.run(viewer_for(self.user, self.coproduction), self.coproduction)
        return {f.rule.id for f in report.open}

    def body(self, **fields):
        values = {"name": "Plenum", "kind": Body.Kind.PLENARY, **fields}
        return Body.objects.create(coproduction=self.coproduction, **values)

    def meeting(self, **fields):
        start = fields.pop("starts_at", NOW + timedelta(days=3))
        values = {"title": "Treffen", "format": Meeting.Format.IN_PERSON, **fields}
        return Meeting.objects.create(
            coproduction=self.coproduction,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            **values,
        )


def update(obj, **fields):
    type(obj).objects.filter(pk=obj.pk).update(**fields)


# (rule id, setup(world) -> state, settle(world, state)); ``make`` may return anything.
def _remove_admin(w):
    w.official.delete()
    update(w.office, side=Side.EXTERNAL)


def _steward_left(w):
    other = add_member(w.coproduction, side=Side.CIVIL_SOCIETY)
    goal = make_goal(w.coproduction, steward=other)
    update(other, left_at=NOW)
    return goal


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


def _chosen_path_without_staff(w):
    update(w.coproduction, stage="permanence")
    return PermanencePath.objects.create(
        coproduction=w.coproduction, path="regular", status="chosen", money="Haushalt"
    )


CASES = {
    "workspaces.other-side-missing": (
        _remove_admin,
        lambda w, s: update(w.office, side=Side.ADMINISTRATION),
    ),
    "workspaces.partner-without-members": (
        lambda w: w.official.delete(),
        lambda w, s: add_member(w.coproduction, side=Side.ADMINISTRATION),
    ),
    "workspaces.partner-consultation": (
        lambda w: None,
        lambda w, s: [update(p, consultation_days=14) for p in (w.civil, w.office)],
    ),
    "workspaces.partner-profile": (
        lambda w: None,
        lambda w, s: [
            update(p, motivation="Weil …", responsibilities="Wofür …") for p in (w.civil, w.office)
        ],
    ),
    "workspaces.volunteer-times": (
        lambda w: update(w.me, employment=Membership.Employment.VOLUNTEER),
        lambda w, s: update(w.me, availability="abends"),
    ),
    "workspaces.member-roles": (
        lambda w: None,
        lambda w, s: Membership.objects.update(roles=["expertise"]),
    ),
    "workspaces.moderation": (
        lambda w: update(w.me, roles=[]),
        lambda w, s: update(w.me, roles=[Membership.Role.COORDINATION]),
    ),
    "workspaces.cooperation-end": (
        lambda w: update(w.coproduction, kind=Coproduction.Kind.COOPERATION),
        lambda w, s: update(w.coproduction, planned_end=date(2027, 12, 31)),
    ),
    "workspaces.dimensions": (
        lambda w: None,
        lambda w, s: update(w.coproduction, dimensions=["social"]),
    ),
    "workspaces.trust-and-mediation": (
        lambda w: None,
        lambda w, s: Membership.objects.update(roles=["trust", "mediation"]),
    ),
    "workspaces.partner-experience": (
        lambda w: None,
        lambda w, s: [update(p, experience="none") for p in (w.civil, w.office)],
    ),
    "workspaces.affected-groups": (
        lambda w: None,
        lambda w, s: update(w.coproduction, affected_groups="Familien ohne Kita-Platz"),
    ),
    "workspaces.affected-exchange": (
        lambda w: update(w.civil, civil_mode="advocacy"),
        lambda w, s: update(w.coproduction, affected_exchange="Elternbeirat, monatlich"),
    ),
    "lifecycle.permanence-path": (
        lambda w: update(w.coproduction, stage="permanence"),
        lambda w, s: PermanencePath.objects.create(
            coproduction=w.coproduction, path="regular", status="chosen", money="x", staff="y"
        ),
    ),
    "lifecycle.permanence-means": (
        _chosen_path_without_staff,
        lambda w, s: update(s, staff="Eine Stelle im Amt"),
    ),
    "lifecycle.closing-reflection": (
        lambda w: update(w.coproduction, stage="closing"),
        lambda w, s: Closing.objects.create(
            coproduction=w.coproduction, reflection="Gut", lessons="Früher anfangen"
        ),
    ),
    "lifecycle.impact-plan": (
        lambda w: update(w.coproduction, stage="running", start_date=date(2020, 1, 1)),
        lambda w, s: ImpactPlan.objects.create(
            coproduction=w.coproduction, way="duplicate", title="Nachbarbezirk"
        ),
    ),
    "lifecycle.planned-end-passed": (
        lambda w: update(w.coproduction, planned_end=date(2021, 1, 1)),
        lambda w, s: update(w.coproduction, stage="closing"),
    ),
    "goals.own-drafts": (
        lambda w: None,
        lambda w, s: make_goal(w.coproduction, side=Side.CIVIL_SOCIETY),
    ),
    "goals.drafts-shared": (
        lambda w: make_goal(w.coproduction, side=Side.CIVIL_SOCIETY),
        lambda w, s: update(s, visibility=Visibility.COPRODUCTION),
    ),
    "goals.joint-goal": (
        lambda w: make_goal(
            w.coproduction, side=Side.ADMINISTRATION, visibility=Visibility.COPRODUCTION
        ),
        lambda w, s: make_goal(w.coproduction, steward=w.me),
    ),
    "goals.steward": (
        lambda w: make_goal(w.coproduction),
        lambda w, s: update(s, steward=w.me),
    ),
    "goals.obstacles": (
        lambda w: make_goal(w.coproduction),
        lambda w, s: Obstacle.objects.create(coproduction=w.coproduction, goal=s, description="x"),
    ),
    "goals.contributions": (
        lambda w: None,
        lambda w, s: [
            Contribution.objects.create(
                coproduction=w.coproduction, partner=p, kind="knowledge", description="x"
            )
            for p in (w.civil, w.office)
        ],
    ),
    "goals.milestones": (
        lambda w: make_goal(w.coproduction),
        lambda w, s: Milestone.objects.create(
            coproduction=w.coproduction, title="M", kind="content", due_date=date(2030, 1, 1)
        ),
    ),
    "goals.milestones-overdue": (
        lambda w: Milestone.objects.create(
            coproduction=w.coproduction, title="M", kind="content", due_date=date(2020, 1, 1)
        ),
        lambda w, s: update(s, status=Milestone.Status.REACHED),
    ),
    "goals.celebrate": (
        lambda w: Milestone.objects.create(
            coproduction=w.coproduction,
            title="M",
            kind="content",
            due_date=date(2020, 1, 1),
            status=Milestone.Status.REACHED,
        ),
        lambda w, s: update(s, celebrated=True),
    ),
    "goals.red-lines": (
        lambda w: None,
        lambda w, s: Demand.objects.create(
            coproduction=w.coproduction,
            owner_side=Side.CIVIL_SOCIETY,
            kind=Demand.Kind.NON_NEGOTIABLE,
            text="x",
            visibility=Visibility.SIDE,
        ),
    ),
    "goals.former-members": (_steward_left, lambda w, s: update(s, steward=w.me)),
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
        lambda w, s: Minutes.objects.create(
            meeting=s, text="x", status=Minutes.Status.APPROVED, approved_at=NOW
        ),
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
CASES.update(REFLECTION_CASES)

CASES.update(KNOWLEDGE_CASES)


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


def test_every_rule_rests_on_cards_of_the_guide():
    from guide.deck import get_deck

    cards = get_deck().cards
    for rule in registry.all_rules():
        assert all(number in cards for number in rule.cards), rule.id
