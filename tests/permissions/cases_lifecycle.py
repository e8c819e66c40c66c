"""Permission cases of the life cycle (cards 34–38): the stage, Verstetigung, Abschluss,
reaching beyond."""

from lifecycle import services

from .cases import (
    COORDINATION,
    MEMBERS,
    OWN_SIDE,
    POST_COORDINATION,
    POST_MEMBERS,
    POST_OWN_SIDE,
    Case,
    item,
    slug,
)


def _version(w):
    w.coproduction.refresh_from_db()
    return w.coproduction.version


CASES = {
    "lifecycle:overview": Case(MEMBERS, slug),
    "lifecycle:stage": Case(COORDINATION, slug),
    "lifecycle:path_create": Case(MEMBERS, slug),
    "lifecycle:path": Case(MEMBERS, item("permanence_path")),
    "lifecycle:path_delete": Case(MEMBERS, item("permanence_path")),
    "lifecycle:closing": Case(MEMBERS, slug),
    "lifecycle:impact_create": Case(MEMBERS, slug),
    "lifecycle:impact": Case(OWN_SIDE, item("side_impact")),
    "lifecycle:impact_delete": Case(OWN_SIDE, item("side_impact")),
}
MORE_CASES = {
    "lifecycle:impact": Case(MEMBERS, item("joint_impact")),
    "lifecycle:stage": Case(
        POST_COORDINATION,
        slug,
        "post",
        data=lambda w: {"stage": "running", "version": _version(w)},
    ),
    "lifecycle:path_delete": Case(
        POST_MEMBERS,
        item("permanence_path"),
        "post",
        data=lambda w: {"version": w.permanence_path.version},
    ),
    "lifecycle:impact_delete": Case(
        POST_OWN_SIDE,
        item("side_impact"),
        "post",
        data=lambda w: {"version": w.side_impact.version},
    ),
}


def populate(w):
    c = dict(actor=w.users["coordinator"], coproduction=w.coproduction)
    w.permanence_path = services.path_create(**c, path="regular", steps="Ratsbeschluss")
    w.side_impact = services.impact_create(
        **c,
        owner_side="civil_society",
        way="politicise",
        title="Geheime Kampagne",
        visibility="side",
    )
    w.joint_impact = services.impact_create(
        **c, owner_side="civil_society", way="duplicate", title="Zweiter Bezirk"
    )
