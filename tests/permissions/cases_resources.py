"""Permission cases of positions and funding (cards 20, 21, 22, 26, 34, 35)."""

from datetime import date

from resources import services

from .cases import MEMBERS, OWN_SIDE, POST_OWN_SIDE, Case, item, slug

CASES = {
    "resources:overview": Case(MEMBERS, slug),
    "resources:positions": Case(MEMBERS, slug),
    "resources:position_create": Case(MEMBERS, slug),
    "resources:position": Case(OWN_SIDE, item("side_position")),
    "resources:position_delete": Case(OWN_SIDE, item("side_position")),
    "resources:fundings": Case(MEMBERS, slug),
    "resources:funding_create": Case(MEMBERS, slug),
    "resources:funding": Case(OWN_SIDE, item("side_funding")),
    "resources:funding_delete": Case(OWN_SIDE, item("side_funding")),
}
MORE_CASES = {
    "resources:position": Case(MEMBERS, item("shared_position")),
    "resources:funding": Case(MEMBERS, item("shared_funding")),
    # Deleting for real: items of their own, so no other case loses what it reads.
    "resources:position_delete": Case(POST_OWN_SIDE, item("spare_position"), "post"),
    "resources:funding_delete": Case(POST_OWN_SIDE, item("spare_funding"), "post"),
}


def populate(w):
    c = dict(actor=w.users["coordinator"], coproduction=w.coproduction, owner_side="civil_society")
    position = dict(c, partner=w.civil, pay="paid", contract="fee", hours_per_week=20)
    w.side_position = services.position_create(**position, title="Koordinationsstelle")
    w.shared_position = services.position_create(
        **position, title="Geteilte Stelle", visibility="coproduction"
    )
    w.spare_position = services.position_create(**position, title="Irrtum")
    funding = dict(c, partner=w.civil, source="foundation", end_date=date(2027, 6, 30))
    w.side_funding = services.funding_create(
        **funding, title="Stiftungsmittel", amount=48000, positions=[w.side_position]
    )
    w.shared_funding = services.funding_create(
        **funding, title="Geteilte Förderung", visibility="coproduction"
    )
    w.spare_funding = services.funding_create(**funding, title="Irrtum")
