"""Permission cases of the conflict register (cards 24, 43, 49)."""

from conflicts import services

from .cases import MEMBERS, OWN_SIDE, POST_OWN_SIDE, Case, item, slug

CASES = {
    "conflicts:list": Case(MEMBERS, slug),
    "conflicts:create": Case(MEMBERS, slug),
    "conflicts:conflict": Case(OWN_SIDE, item("side_conflict")),
    "conflicts:conflict_delete": Case(OWN_SIDE, item("side_conflict")),
}
MORE_CASES = {
    "conflicts:conflict": Case(MEMBERS, item("joint_conflict")),
    # Deleting for real: a conflict of its own, so no other case loses what it reads.
    "conflicts:conflict_delete": Case(POST_OWN_SIDE, item("spare_conflict"), "post"),
}


def populate(w):
    c = dict(actor=w.users["coordinator"], coproduction=w.coproduction)
    w.side_conflict = services.conflict_create(
        **c, owner_side="civil_society", title="Interner Streit", visibility="side"
    )
    w.joint_conflict = services.conflict_create(
        **c, owner_side="civil_society", title="Öffnungszeiten", status="mediation"
    )
    w.spare_conflict = services.conflict_create(
        **c, owner_side="civil_society", title="Irrtum", visibility="side"
    )
