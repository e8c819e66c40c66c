from datetime import timedelta

import pytest
from django.utils import timezone

from decisions import services, voting
from decisions.models import Decision, Vote
from history.services import history_for
from workspaces.services import WorkspaceError, partner_update

from .conftest import draft, move_time, open_vote


def vote(decision, member, **ballot):
    return voting.vote_cast(actor=member.user, decision=decision, membership=member, **ballot)


def test_one_vote_per_person_changing_it_is_recorded(coproduction, coordinator, civil_member):
    decision = open_vote(draft(coproduction, coordinator), coordinator)
    vote(decision, civil_member, choice="agree")
    vote(decision, civil_member, choice="veto", reason="Rote Linie")
    assert Vote.objects.get(decision=decision).choice == "veto"
    change = history_for(decision).first()
    assert change.changes == {"Stimme von Ines Initiative": ["Zustimmung", "Veto (Rote Linie)"]}


def test_late_votes_and_votes_on_drafts_are_refused(
    coproduction, coordinator, civil_member, monkeypatch
):
    decision = draft(coproduction, coordinator)
    with pytest.raises(WorkspaceError, match="nicht \\(mehr\\) abgestimmt"):
        vote(decision, civil_member, choice="agree")
    open_vote(decision, coordinator, days=3)
    move_time(monkeypatch, timedelta(days=4))
    with pytest.raises(WorkspaceError, match="zu Ende gegangen"):
        vote(decision, civil_member, choice="agree")


def test_observers_do_not_vote(coproduction, coordinator, civil_observer):
    decision = open_vote(draft(coproduction, coordinator), coordinator)
    with pytest.raises(WorkspaceError, match="nicht abstimmen"):
        vote(decision, civil_observer, choice="agree")


def test_a_consent_objection_needs_a_reason(coproduction, coordinator, civil_member):
    decision = open_vote(draft(coproduction, coordinator, procedure="consent"), coordinator)
    with pytest.raises(WorkspaceError) as refused:
        vote(decision, civil_member, choice="objection")
    assert refused.value.field == "reason"


def test_systemic_needs_points_for_every_option(coproduction, coordinator, civil_member):
    decision = draft(coproduction, coordinator, procedure="systemic", options=["A", "B"])
    assert [o.passive for o in decision.options.all()] == [False, False, True]
    open_vote(decision, coordinator)
    keys = [str(o.pk) for o in decision.options.all()]
    with pytest.raises(WorkspaceError, match="Widerstandspunkte"):
        vote(decision, civil_member, resistance={keys[0]: 1, keys[1]: 2})
    cast = vote(decision, civil_member, resistance={keys[0]: 1, keys[1]: 2, keys[2]: 9})
    assert cast.resistance == {keys[0]: 1, keys[1]: 2, keys[2]: 9}


def test_a_period_shorter_than_a_rucksprachefrist_needs_a_reason(
    coproduction, coordinator, council
):
    partner_update(
        actor=None, partner=council, expected_version=council.version, consultation_days=14
    )
    decision = draft(coproduction, coordinator)
    with pytest.raises(WorkspaceError) as refused:
        open_vote(decision, coordinator, days=7)
    assert refused.value.field == "closes_at"
    assert "Ernährungsrat" in str(refused.value) and "14 Tage" in str(refused.value)
    open_vote(decision, coordinator, days=7, consultation_override="Förderfrist endet Freitag")
    decision.refresh_from_db()
    assert decision.status == "voting" and decision.consultation_override


def test_closing_counts_and_the_decision_becomes_a_record(
    coproduction, coordinator, coordination, civil_member, admin_member, monkeypatch
):
    decision = open_vote(draft(coproduction, coordinator, procedure="majority"), coordinator)
    vote(decision, civil_member, choice="yes")
    with pytest.raises(WorkspaceError, match="noch nicht abgestimmt"):
        voting.decision_close(actor=coordinator, decision=decision)
    move_time(monkeypatch, timedelta(days=31))
    closed = voting.decision_close(actor=coordinator, decision=decision, reasons="Klar.")
    assert closed.status == Decision.Status.DECIDED and closed.tally["passed"] is True
    assert closed.decided_at and closed.reasons == "Klar."
    with pytest.raises(WorkspaceError, match="nicht mehr ändern"):
        services.decision_update(
            actor=coordinator, decision=closed, expected_version=closed.version, question="Neu?"
        )
    with pytest.raises(WorkspaceError):
        voting.decision_close(actor=coordinator, decision=closed)


def test_closing_early_once_everyone_voted_ends_the_period_now(
    coproduction, coordinator, coordination, civil_member
):
    decision = open_vote(draft(coproduction, coordinator), coordinator)
    vote(decision, civil_member, choice="agree")
    vote(decision, coordination, choice="veto")
    closed = voting.decision_close(actor=coordinator, decision=decision)
    assert closed.status == Decision.Status.REJECTED
    assert closed.closes_at <= timezone.now()
    assert closed.tally["vetoes"] == ["Kora Koordination"]


def test_a_meeting_decision_is_recorded_from_the_minutes(coproduction, coordinator):
    decision = draft(coproduction, coordinator, procedure="meeting", quorum=5)
    with pytest.raises(WorkspaceError, match="nicht beschlussfähig"):
        services.decision_record_in_meeting(
            actor=coordinator, decision=decision, yes=2, no=1, abstain=0, passed=True, outcome="Ja"
        )
    recorded = services.decision_record_in_meeting(
        actor=coordinator,
        decision=decision,
        yes=5,
        no=1,
        abstain=1,
        passed=True,
        outcome="Gipfel im Mai",
    )
    assert recorded.status == "decided" and recorded.tally["voters"] == 7


def test_superseding_names_the_old_decision_and_needs_a_reason(coproduction, coordinator):
    old = draft(coproduction, coordinator, procedure="meeting")
    services.decision_record_in_meeting(
        actor=coordinator, decision=old, yes=3, no=0, abstain=0, passed=True, outcome="Ja"
    )
    with pytest.raises(WorkspaceError) as refused:
        services.decision_supersede(
            actor=coordinator, decision=old, reason=" ", question="?", procedure="consensus"
        )
    assert refused.value.field == "supersede_reason"
    new = services.decision_supersede(
        actor=coordinator,
        decision=old,
        reason="Neue Lage",
        question="Gipfel im Juni?",
        procedure="consensus",
    )
    old.refresh_from_db()
    # A proposal does not yet replace anything: the old decision stays in force.
    assert old.status == "decided" and new.supersedes == old and new.status == "draft"
    assert old.pending_replacement == new and old.superseded_by is None
    with pytest.raises(WorkspaceError, match="schon einen Vorschlag"):
        services.decision_supersede(
            actor=coordinator, decision=old, reason="x", question="?", procedure="consensus"
        )


def _supersede_by_meeting(coproduction, coordinator, old, *, passed: bool):
    new = services.decision_supersede(
        actor=coordinator, decision=old, reason="Neue Lage", question="Neu?", procedure="meeting"
    )
    return services.decision_record_in_meeting(
        actor=coordinator, decision=new, yes=3, no=0, abstain=0, passed=passed, outcome="x"
    )


def test_a_rejected_proposal_leaves_the_old_decision_in_force(coproduction, coordinator):
    old = draft(coproduction, coordinator, procedure="meeting")
    services.decision_record_in_meeting(
        actor=coordinator, decision=old, yes=3, no=0, abstain=0, passed=True, outcome="Ja"
    )
    rejected = _supersede_by_meeting(coproduction, coordinator, old, passed=False)
    old.refresh_from_db()
    assert rejected.status == "rejected" and old.status == "decided"
    assert old.pending_replacement is None and old.superseded_by is None
    # A later proposal may try again; once decided, it replaces the old one.
    accepted = _supersede_by_meeting(coproduction, coordinator, old, passed=True)
    old.refresh_from_db()
    assert old.status == "superseded" and old.superseded_by == accepted
    assert old.outcome == "Ja"  # the record itself is unchanged
    replaced_by = [r.changes.get("Ersetzt durch") for r in history_for(old)][0][1]
    assert replaced_by["label"].startswith("Neu?") and replaced_by["pk"] == accepted.pk
    with pytest.raises(WorkspaceError, match="schon ersetzt"):
        _supersede_by_meeting(coproduction, coordinator, old, passed=True)


def test_side_only_decisions_are_voted_by_their_side_only(
    coproduction, coordinator, coordination, civil_member
):
    decision = draft(coproduction, coordinator, visibility="side", owner_side="administration")
    open_vote(decision, coordinator)
    vote(decision, coordination, choice="agree")
    with pytest.raises(WorkspaceError, match="nicht abstimmen"):
        vote(decision, civil_member, choice="agree")


def test_a_side_only_goal_cannot_be_linked_to_a_joint_decision(coproduction, coordinator):
    from tests.factories import make_goal

    secret = make_goal(coproduction, side="civil_society")
    with pytest.raises(WorkspaceError) as refused:
        draft(coproduction, coordinator, goals=[secret])
    assert refused.value.field == "goals"


def test_a_side_only_decision_is_not_taken_in_a_joint_body(coproduction, coordinator):
    from structures.services import body_create

    plenary = body_create(
        actor=coordinator, coproduction=coproduction, owner_side="", name="Plenum", kind="plenary"
    )
    with pytest.raises(WorkspaceError, match="gemeinsames Gremium") as refused:
        draft(
            coproduction,
            coordinator,
            visibility="side",
            owner_side="administration",
            body=plenary,
        )
    assert refused.value.field == "body"
    own = body_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side="administration",
        name="Amtsrunde",
        kind="working_group",
        visibility="side",
    )
    decision = draft(
        coproduction, coordinator, visibility="side", owner_side="administration", body=own
    )
    assert decision.body == own
