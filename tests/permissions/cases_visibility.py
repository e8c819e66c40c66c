"""POSTs of every form field that changes who sees what — a partner's side, a membership's
partner, an invitation's partner, visibility and links — by every role (issue 8 §1). Whatever
the answer, ``check`` proves afterwards that nobody sees more than before."""

from workspaces.models import Invitation

from .cases import LOGIN, Case, expect, item, slug

JOINT_REFUSED = expect(LOGIN, 404, 200, 200, 200)  # everyone edits, the rule refuses


def _partner_side(w):
    p = w.civil
    return {
        "name": p.name,
        "side": "administration",
        "org_form": p.org_form,
        "decision_style": p.decision_style,
        "consultation_days": 3,
        "version": p.version,
    }


def _side_unchanged(w):
    w.civil.refresh_from_db()
    assert w.civil.side == "civil_society"


def _membership_to_other_side(w):
    m = w.same_side_membership
    return {"partner": w.office.pk, "access": "member", "version": m.version}


def _membership_stays(w):
    w.same_side_membership.refresh_from_db()
    assert w.same_side_membership.partner.side == "civil_society"


def _invite_into_other_side(w):
    return {"email": "zweitadresse@initiative.example", "partner": w.office.pk, "access": "member"}


def _no_invitation_into_other_side(w):
    assert not Invitation.objects.filter(email="zweitadresse@initiative.example").exists()


def _milestone_to_side_goal(w):
    m = w.joint_milestone
    return {
        "title": m.title,
        "kind": m.kind,
        "due_date": m.due_date.isoformat(),
        "status": m.status,
        "goal": w.side_goal.pk,
        "visibility": "coproduction",
        "version": m.version,
    }


def _milestone_unlinked(w):
    w.joint_milestone.refresh_from_db()
    assert w.joint_milestone.goal_id is None


def _side_only_replacement(w):
    return {
        "supersede_reason": "Intern entschieden",
        "question": "Heimlicher Ersatz",
        "procedure": "consensus",
        "quorum": 0,
        "abstentions": "ignored",
        "visibility": "side",
    }


def _no_replacement(w):
    assert not w.decided_decision.replacements.exists()


def _conflict_by_side_decision(w):
    c = w.joint_conflict
    return {
        "title": c.title,
        "status": "resolved",
        "resolved_by": w.side_decision.pk,
        "visibility": "coproduction",
        "version": c.version,
    }


def _conflict_unresolved(w):
    w.joint_conflict.refresh_from_db()
    assert w.joint_conflict.resolved_by_id is None


CASES = {}
MORE_CASES = {
    "workspaces:partner": Case(
        expect(LOGIN, 404, 404, 302, 302), item("civil"), "post", _partner_side, _side_unchanged
    ),
    "workspaces:member": Case(
        expect(LOGIN, 404, 404, 302, 200),
        item("same_side_membership"),
        "post",
        _membership_to_other_side,
        _membership_stays,
    ),
    "workspaces:invite": Case(
        expect(LOGIN, 404, 403, 403, 200),
        slug,
        "post",
        _invite_into_other_side,
        _no_invitation_into_other_side,
    ),
    "goals:milestone": Case(
        JOINT_REFUSED,
        item("joint_milestone"),
        "post",
        _milestone_to_side_goal,
        _milestone_unlinked,
    ),
    "decisions:supersede": Case(
        JOINT_REFUSED,
        item("decided_decision"),
        "post",
        _side_only_replacement,
        _no_replacement,
    ),
    "conflicts:conflict": Case(
        JOINT_REFUSED,
        item("joint_conflict"),
        "post",
        _conflict_by_side_decision,
        _conflict_unresolved,
    ),
}
