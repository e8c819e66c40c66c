from datetime import date

from goals import services as goals


def test_the_public_page_shows_only_published_items(client, coproduction, coordinator):
    common = dict(actor=coordinator, coproduction=coproduction)
    goals.milestone_create(
        **common,
        owner_side="",
        title="Öffentlicher Meilenstein",
        kind="process",
        due_date=date(2026, 5, 1),
        visibility="public",
    )
    goals.milestone_create(
        **common,
        owner_side="",
        title="Nur für Mitglieder",
        kind="process",
        due_date=date(2026, 5, 2),
    )
    goals.milestone_create(
        **common,
        owner_side="civil_society",
        title="Nur unsere Seite",
        kind="process",
        due_date=date(2026, 5, 3),
        visibility="side",
    )
    for viewer in (None, coordinator):
        if viewer:
            client.force_login(viewer)
        page = client.get(f"/oeffentlich/{coproduction.slug}/", secure=True).content.decode()
        assert "Öffentlicher Meilenstein" in page
        assert "Nur für Mitglieder" not in page and "Nur unsere Seite" not in page


def test_a_coproduction_without_published_items_has_no_public_page(client, coproduction):
    assert client.get(f"/oeffentlich/{coproduction.slug}/", secure=True).status_code == 404
    assert client.get("/oeffentlich/gibt-es-nicht/", secure=True).status_code == 404


def test_public_bodies_show_who_decides_and_others_stay_hidden(client, coproduction, coordinator):
    from structures.models import Body

    Body.objects.create(
        coproduction=coproduction, name="Plenum", kind="plenary", visibility="public"
    )
    Body.objects.create(coproduction=coproduction, name="Interne AG", kind="working_group")
    page = client.get(f"/oeffentlich/{coproduction.slug}/", secure=True).content.decode()
    assert "Plenum" in page and "Interne AG" not in page
