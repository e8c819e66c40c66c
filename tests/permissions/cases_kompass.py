"""Permission cases of the Kompass-Check: its page and data, setting findings aside, and the
rules in the Fächer (public, like every page of the guide)."""

from kompass import services
from structures.models import Body
from workspaces.selectors import viewer_for

from .cases import (
    LOGIN,
    MEMBERS,
    POST_COORDINATION,
    POST_MEMBERS,
    PUBLIC,
    Case,
    expect,
    item,
    slug,
)

CASES = {
    "kompass:check": Case(MEMBERS, slug),
    "kompass:onboarding": Case(MEMBERS, slug),
    "kompass:check_json": Case(MEMBERS, slug),
    "kompass:set_aside": Case(
        POST_COORDINATION,
        lambda w: [w.coproduction.slug, "structures.body-procedure"],
        "post",
        lambda w: {"reason": "Klären wir im Herbst."},
    ),
    # A side-only set-aside (about the civil side's own body): the other side never finds it.
    "kompass:set_aside_withdraw": Case(
        expect(LOGIN, 404, 404, 403, 302), item("side_set_aside"), "post"
    ),
    "kompass_rules": Case(PUBLIC),
    "kompass_rules_json": Case(PUBLIC),
    "conflicts:agreement": Case(MEMBERS, slug),
    # A vote cast from the overview: who may vote on the decision page may vote here.
    "kompass:vote": Case(
        POST_MEMBERS, item("open_decision"), "post", lambda w: {"choice": "agree"}
    ),
}
# A side-only draft: the other side never finds it; its side is told that no vote is open.
MORE_CASES = {
    "kompass:vote": Case(
        expect(LOGIN, 404, 404, 302, 302),
        item("side_decision"),
        "post",
        lambda w: {"choice": "agree"},
    ),
}


def populate(w):
    coordinator = w.users["coordinator"]
    Body.objects.create(
        coproduction=w.coproduction,
        name="Vorbereitungskreis",
        kind=Body.Kind.WORKING_GROUP,
        visibility="side",
        owner_side="civil_society",
    )
    w.side_set_aside = services.finding_set_aside(
        actor=coordinator,
        viewer=viewer_for(coordinator, w.coproduction),
        coproduction=w.coproduction,
        rule_id="structures.body-procedure",
        reason="Unser Vorbereitungskreis entscheidet noch im Konsens ohne Mindestzahl.",
    )
