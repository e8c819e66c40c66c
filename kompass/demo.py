"""Demo data of the Kompass-Check: one point the partners leave open on purpose (Bewusst offen),
with its reason — through the service, as a coordinator does it on the Check's page."""

from kompass import services
from workspaces.selectors import viewer_for


def add_demo(coproduction, members: dict) -> None:
    ini = members["initiative"]
    services.finding_set_aside(
        actor=ini.user,
        viewer=viewer_for(ini.user, coproduction),
        coproduction=coproduction,
        rule_id="conflicts.agreement",
        reason="Den Umgang mit Konflikten vereinbaren wir im Herbst-Plenum, wenn die "
        "Moderation beide Seiten dazu befragt hat.",
    )
