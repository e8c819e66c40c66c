"""Demo handovers (card 48), written through the services so that they have history: the
food council's plenary mandate went from its first holder to Kim Wechsel with two weeks side
by side, and a side-only handover inside the council. Called by demo.build after structures
(whose demo brings Kim in)."""

from datetime import date, timedelta

from django.utils import timezone

from handover import services
from workspaces.models import Membership
from workspaces.selectors import viewer_for


def add_demo(coproduction, members: dict) -> None:
    ini = members["initiative"]
    kim = Membership.objects.get(coproduction=coproduction, user__email="kim.wechsel@demo.example")
    plenary = services.handover_create(
        actor=ini.user,
        coproduction=coproduction,
        leaving=ini,
        successor=kim,
        owner_side=ini.partner.side,
        overlap_from=date(2026, 8, 15),
        overlap_to=date(2026, 8, 31),
        note="Kim begleitet die Vorbereitung der beiden Plenen im August und übernimmt danach "
        "die Vertretung im Plenum.",
    )
    services.checklist_add(
        actor=kim.user, handover=plenary, text="Einführung in den Verteiler der Kantinenküchen"
    )
    for item in plenary.items.order_by("pk")[:3]:
        services.checklist_tick(actor=ini.user, item=item, done=True, expected_version=1)
    services.handover_create(
        actor=ini.user,
        coproduction=coproduction,
        leaving=ini,
        successor=kim,
        owner_side=ini.partner.side,
        visibility="side",
        note="Die Vereinskasse für Aktionstage und das Passwort des Vereinspostfachs gehen "
        "an Kim über.",
    )
    # The first one is nearly done: both have signed a smaller earlier handover.
    earlier = services.handover_create(
        actor=ini.user,
        coproduction=coproduction,
        leaving=ini,
        successor=kim,
        owner_side=ini.partner.side,
        note="Die Pressekontakte des Ernährungsrats.",
    )
    for item in earlier.items.order_by("pk"):
        services.checklist_tick(actor=ini.user, item=item, done=True, expected_version=item.version)
    for person in (ini, kim):
        earlier.refresh_from_db()
        services.handover_sign(
            actor=person.user,
            viewer=viewer_for(person.user, coproduction),
            handover=earlier,
            expected_version=earlier.version,
        )


def add_large(coproduction, *, count: int = 200) -> None:
    """Handovers for measuring, through the services: between members of the same partner,
    every other checklist point ticked by the one who leaves."""
    members = Membership.objects.filter(coproduction=coproduction).select_related("partner", "user")
    by_partner: dict[int, list] = {}
    for member in members.order_by("pk"):
        by_partner.setdefault(member.partner_id, []).append(member)
    pairs = [pair for group in by_partner.values() for pair in zip(group, group[1:], strict=False)]
    if not pairs:
        return
    today = timezone.localdate()
    for n in range(count):
        leaving, successor = pairs[n % len(pairs)]
        handover = services.handover_create(
            actor=leaving.user,
            coproduction=coproduction,
            leaving=leaving,
            successor=successor,
            owner_side=leaving.partner.side,
            overlap_from=today - timedelta(days=n + 14),
            overlap_to=today - timedelta(days=n),
            note=f"Übergabe Nr. {n + 1}",
        )
        for item in list(handover.items.order_by("pk"))[::2]:
            services.checklist_tick(
                actor=leaving.user, item=item, done=True, expected_version=item.version
            )
