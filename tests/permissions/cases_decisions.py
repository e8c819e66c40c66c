"""Permission cases of decisions: the Beschlussbuch, a decision, its vote and its states."""

from datetime import timedelta

from django.utils import timezone

from decisions import services, voting

from .cases import LOGIN, MEMBERS, OWN_SIDE, POST_MEMBERS, Case, expect, item, slug

EDIT_JOINT = expect(LOGIN, 404, 200, 200, 200)

CASES = {
    "decisions:list": Case(MEMBERS, slug),
    "decisions:create": Case(MEMBERS, slug),
    "decisions:export_csv": Case(MEMBERS, slug),
    "decisions:export_docx": Case(MEMBERS, slug),
    "decisions:decision": Case(OWN_SIDE, item("side_decision")),
    "decisions:edit": Case(OWN_SIDE, item("side_decision")),
    "decisions:open": Case(OWN_SIDE, item("side_decision")),
    "decisions:vote": Case(
        POST_MEMBERS, item("open_decision"), "post", lambda w: {"choice": "agree"}
    ),
    "decisions:close": Case(EDIT_JOINT, item("open_decision")),
    "decisions:record": Case(EDIT_JOINT, item("meeting_decision")),
    "decisions:supersede": Case(EDIT_JOINT, item("decided_decision")),
}
MORE_CASES = {"decisions:decision": Case(MEMBERS, item("open_decision"))}


def populate(w):
    coordinator = w.users["coordinator"]
    c = {"actor": coordinator, "coproduction": w.coproduction}
    w.side_decision = services.decision_create(
        **c,
        question="Interne Frage der Initiative",
        procedure="consensus",
        visibility="side",
        owner_side="civil_society",
    )
    w.open_decision = services.decision_create(**c, question="Gemeinsam?", procedure="consensus")
    voting.decision_open_voting(
        actor=coordinator,
        decision=w.open_decision,
        closes_at=timezone.now() + timedelta(days=30),
        expected_version=w.open_decision.version,
    )
    w.meeting_decision = services.decision_create(**c, question="Im Treffen?", procedure="meeting")
    w.decided_decision = services.decision_create(**c, question="Beschlossen?", procedure="meeting")
    services.decision_record_in_meeting(
        actor=coordinator,
        decision=w.decided_decision,
        yes=3,
        no=0,
        abstain=0,
        passed=True,
        outcome="Ja",
    )
