"""Permission cases of handovers and of leaving with a handover (card 48)."""

from goals.models import Goal, Milestone
from handover import services
from structures.models import Mandate
from workspaces.models import Membership

from .cases import (
    LOGIN,
    MEMBERS,
    OWN_SIDE,
    POST_OWN_SIDE,
    Case,
    expect,
    item,
    slug,
)

# Only the two people and the handover's editors work on it; only the two sign.
POST_PARTIES = expect(LOGIN, 404, 403, 302, 302)


def _point(name):
    def args(w):
        handover = getattr(w, name)
        return [w.coproduction.slug, handover.pk, handover.items.first().pk]

    return args


def _leave_data(w):
    """Every item the member holds with its version, nobody chosen: leave, leaving it open."""
    member = w.same_side_membership
    data = {}
    for prefix, rows in (
        ("mandate", Mandate.objects.filter(holder=member, ended_on__isnull=True)),
        ("goal", Goal.objects.filter(steward=member)),
        ("milestone", Milestone.objects.filter(responsible=member)),
    ):
        data |= {f"{prefix}-{row.pk}-version": row.version for row in rows}
    return data


CASES = {
    "handover:list": Case(MEMBERS, slug),
    "handover:create": Case(MEMBERS, slug),
    "handover:handover": Case(OWN_SIDE, item("side_handover")),
    "handover:delete": Case(OWN_SIDE, item("side_handover")),
    "handover:item_add": Case(
        POST_OWN_SIDE, item("side_handover"), "post", lambda w: {"text": "Schlüssel"}
    ),
    "handover:item_tick": Case(
        POST_OWN_SIDE, _point("side_handover"), "post", lambda w: {"version": 1, "done": "1"}
    ),
    "handover:sign": Case(POST_PARTIES, item("joint_handover"), "post", lambda w: {"version": 1}),
    "handover:leave": Case(expect(LOGIN, 404, 403, 200, 200), item("same_side_membership")),
}
MORE_CASES = {
    "handover:handover": Case(MEMBERS, item("joint_handover")),
    "handover:item_tick": Case(
        POST_PARTIES, _point("joint_handover"), "post", lambda w: {"version": 1, "done": "1"}
    ),
    "handover:delete": Case(
        POST_OWN_SIDE, item("spare_handover"), "post", lambda w: {"version": 1}
    ),
    "handover:leave": Case(
        expect(LOGIN, 404, 403, 302, 302), item("same_side_membership"), "post", _leave_data
    ),
}


def populate(w):
    coordinator = w.users["coordinator"]
    mine = Membership.objects.get(user=coordinator, coproduction=w.coproduction)
    c = dict(actor=coordinator, coproduction=w.coproduction, owner_side="civil_society")
    w.side_handover = services.handover_create(
        **c, leaving=mine, successor=w.same_side_membership, visibility="side"
    )
    w.joint_handover = services.handover_create(**c, leaving=w.same_side_membership, successor=mine)
    w.spare_handover = services.handover_create(
        **c, leaving=mine, successor=w.same_side_membership, visibility="side"
    )
