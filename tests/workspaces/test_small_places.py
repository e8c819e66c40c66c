"""The small places of issue 12 §6: whom the co-production is for (cards 8, 23), a partner's
experience with co-production (25), the roles of trust and conflict moderation (45, 49) —
saved through the services with history, and shown where partners, members and the
co-production are."""

from django.urls import reverse

from history.models import ChangeRecord
from tests.factories import make_coproduction, make_user
from workspaces import services
from workspaces.models import Membership


def test_the_small_places_are_recorded_and_shown(client, db):
    coordinator = make_user("ko@example.org")
    coproduction = make_coproduction(coordinator)
    partner = coproduction.partners.get()
    services.partner_update(
        actor=coordinator,
        partner=partner,
        expected_version=partner.version,
        experience="some",
        experience_note="Gemeinschaftsgärten seit 2022",
    )
    services.coproduction_update(
        actor=coordinator,
        coproduction=coproduction,
        expected_version=coproduction.version,
        affected_groups="Kinder in Kitas",
        affected_exchange="Elternbeirat",
    )
    me = Membership.objects.get(user=coordinator)
    services.membership_update(
        actor=coordinator, membership=me, expected_version=me.version, roles=["trust", "mediation"]
    )
    labels = {
        row[0]
        for record in ChangeRecord.objects.filter(action="updated")
        for row in record.readable_changes()
    }
    assert {"Erfahrung mit Ko-Produktionen", "Für wen? Betroffene und Zielgruppe"} <= labels
    client.force_login(coordinator)
    slug = coproduction.slug
    partner_page = client.get(reverse("workspaces:partner", args=[slug, partner.pk]), secure=True)
    assert "Einzelne Erfahrungen" in partner_page.content.decode()
    member_page = client.get(reverse("workspaces:member", args=[slug, me.pk]), secure=True)
    assert "Konflikte moderieren und vermitteln" in member_page.content.decode()
    overview = client.get(reverse("kompass:overview", args=[slug]), secure=True)
    assert "Kinder in Kitas" in overview.content.decode()
