"""Positions and funding for the tests, through the services."""

from resources import services


def make_position(coproduction, actor, partner, **values):
    values = {
        "title": "Sachbearbeitung Ernährung",
        "pay": "paid",
        "contract": "employment",
        "share_percent": 25,
        **values,
    }
    return services.position_create(
        actor=actor,
        coproduction=coproduction,
        owner_side=partner.side,
        partner=partner,
        **values,
    )


def make_funding(coproduction, actor, partner, **values):
    values = {"title": "Haushaltstitel Klimaschutz", "source": "budget", **values}
    return services.funding_create(
        actor=actor,
        coproduction=coproduction,
        owner_side=partner.side,
        partner=partner,
        **values,
    )
