"""Permission cases of the register of further actors and its map (cards 47, 23, 49)."""

from actors import services

from .cases import MEMBERS, OWN_SIDE, POST_OWN_SIDE, Case, item, slug

CASES = {
    "actors:list": Case(MEMBERS, slug),
    "actors:create": Case(MEMBERS, slug),
    "actors:map": Case(MEMBERS, slug),
    "actors:actor": Case(OWN_SIDE, item("side_actor")),
    "actors:actor_delete": Case(OWN_SIDE, item("side_actor")),
}
MORE_CASES = {
    "actors:actor": Case(MEMBERS, item("joint_actor")),
    # Deleting for real: an actor of its own, so no other case loses what it reads.
    "actors:actor_delete": Case(POST_OWN_SIDE, item("spare_actor"), "post"),
}


def populate(w):
    c = dict(actor=w.users["coordinator"], coproduction=w.coproduction)
    w.side_actor = services.actor_create(
        **c, owner_side="civil_society", name="Mieterbeirat Nord", kind="affected_org"
    )
    w.joint_actor = services.actor_create(
        **c,
        owner_side="civil_society",
        name="Stadtrat Ausschuss Umwelt",
        kind="politics",
        visibility="coproduction",
    )
    w.spare_actor = services.actor_create(
        **c, owner_side="civil_society", name="Irrtum", kind="other"
    )
