"""The workspaces rules' cases for tests/kompass/test_rules.py: (make the state, settle it)."""

from datetime import date

from tests.factories import add_member
from tests.kompass.world import update
from workspaces.models import Coproduction, Membership
from workspaces.visibility import Side


def _remove_admin(w):
    w.official.delete()
    update(w.office, side=Side.EXTERNAL)


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
}
