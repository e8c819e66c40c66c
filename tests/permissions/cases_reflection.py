"""Permission cases of the reflection (cards 46, 11, 52)."""

from datetime import timedelta

from django.utils import timezone

from reflection import services

from .cases import COORDINATION, MEMBERS, POST_COORDINATION, Case, expect, item, slug

CASES = {
    "reflection:overview": Case(MEMBERS, slug),
    "reflection:interval": Case(MEMBERS, slug),
    "reflection:trends": Case(MEMBERS, slug),
    "reflection:round_create": Case(COORDINATION, slug),
    "reflection:round": Case(MEMBERS, item("reflection_round")),
    "reflection:answer": Case(MEMBERS, item("reflection_round")),
    "reflection:round_close": Case(
        POST_COORDINATION, item("reflection_round"), "post", lambda w: {"version": 1}
    ),
    "reflection:round_delete": Case(COORDINATION, item("reflection_round")),
    "reflection:evaluation": Case(COORDINATION, item("closed_round")),
    "reflection:comments": Case(MEMBERS, item("closed_round")),
    "reflection:consequence_create": Case(MEMBERS, item("closed_round")),
    "reflection:consequence": Case(MEMBERS, item("consequence")),
    "reflection:consequence_delete": Case(MEMBERS, item("consequence")),
}
MORE_CASES = {
    # Setting the rhythm is the coordination's; members read it.
    "reflection:interval": Case(
        expect("login", 404, 403, 403, 302), slug, "post", lambda w: {"interval_months": 6}
    ),
    "reflection:round_delete": Case(
        expect("login", 404, 403, 403, 302),
        item("spare_round"),
        "post",
        lambda w: {"version": w.spare_round.version},
    ),
    "reflection:answer": Case(
        expect("login", 404, 302, 302, 302),
        item("reflection_round"),
        "post",
        lambda w: {
            f"{q}_score": 4
            for q in ("goals", "progress", "structures", "learning", "conflict", "opportunities")
        },
    ),
}


def populate(w):
    today = timezone.localdate()
    c = dict(actor=w.users["coordinator"], coproduction=w.coproduction)
    w.reflection_round = services.round_create(
        **c, title="Herbst", opens_on=today, closes_on=today + timedelta(days=10)
    )
    w.spare_round = services.round_create(
        **c,
        title="Irrtum",
        opens_on=today + timedelta(days=30),
        closes_on=today + timedelta(days=40),
    )
    w.closed_round = services.round_create(
        **c, title="Frühjahr", opens_on=today, closes_on=today + timedelta(days=3)
    )
    services.round_close(actor=w.users["coordinator"], round_=w.closed_round)
    w.consequence = services.consequence_create(
        actor=w.users["coordinator"], round_=w.closed_round, text="Strukturen prüfen"
    )
