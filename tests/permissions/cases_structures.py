"""Permission cases of the Zusammenarbeit page, bodies and mandates (cards 40, 41)."""

from datetime import date

from structures import services

from .cases import MEMBERS, OWN_SIDE, POST_MEMBERS, POST_OWN_SIDE, Case, slug


def _mandate_args(name):
    return lambda w: [w.coproduction.slug, getattr(w, name).body_id, getattr(w, name).pk]


CASES = {
    "structures:phases": Case(MEMBERS, slug),
    "structures:bodies": Case(MEMBERS, slug),
    "structures:body_create": Case(MEMBERS, slug),
    "structures:body": Case(OWN_SIDE, lambda w: [w.coproduction.slug, w.side_body.pk]),
    "structures:mandate_create": Case(OWN_SIDE, lambda w: [w.coproduction.slug, w.side_body.pk]),
    "structures:mandate": Case(OWN_SIDE, _mandate_args("side_mandate")),
    "structures:mandate_rotate": Case(OWN_SIDE, _mandate_args("side_mandate")),
    "structures:body_delete": Case(OWN_SIDE, lambda w: [w.coproduction.slug, w.side_body.pk]),
    "structures:mandate_delete": Case(OWN_SIDE, _mandate_args("side_mandate")),
}
# Joint bodies and their mandates: every member sees them; saving the phases is for editors.
MORE_CASES = {
    "structures:body": Case(MEMBERS, lambda w: [w.coproduction.slug, w.joint_body.pk]),
    "structures:mandate": Case(MEMBERS, _mandate_args("joint_mandate")),
    "structures:phases": Case(
        POST_MEMBERS,
        slug,
        "post",
        lambda w: {f"{phase}-version": "" for phase in ("co_planning",)},
    ),
    # Deleting for real: items of their own, so no other case loses what it reads.
    "structures:body_delete": Case(
        POST_OWN_SIDE, lambda w: [w.coproduction.slug, w.spare_body.pk], "post"
    ),
    "structures:mandate_delete": Case(POST_OWN_SIDE, _mandate_args("spare_mandate"), "post"),
}


def populate(w):
    coordinator = w.users["coordinator"]
    c = dict(actor=coordinator, coproduction=w.coproduction)
    w.side_body = services.body_create(
        **c,
        owner_side="civil_society",
        name="Interner Kreis",
        kind="working_group",
        visibility="side",
    )
    w.joint_body = services.body_create(
        **c, owner_side="civil_society", name="Plenum", kind="plenary", visibility="public"
    )
    holder = w.same_side_membership
    w.side_mandate = services.mandate_create(
        actor=coordinator,
        body=w.side_body,
        partner=w.civil,
        holder=holder,
        started_on=date(2026, 1, 1),
    )
    w.joint_mandate = services.mandate_create(
        actor=coordinator,
        body=w.joint_body,
        partner=w.civil,
        holder=holder,
        started_on=date(2026, 1, 1),
    )
    w.spare_body = services.body_create(
        **c, owner_side="civil_society", name="Irrtum", kind="working_group", visibility="side"
    )
    w.spare_mandate = services.mandate_create(
        actor=coordinator,
        body=w.spare_body,
        partner=w.civil,
        holder=holder,
        started_on=date(2026, 1, 1),
    )
