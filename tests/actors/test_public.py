"""Contact data reaches the public, the search, the history and the feed only when it is
marked public (issue 12 §3); public actors stand on the public page with name, kind, role."""

from django.urls import reverse

from actors import services
from history.services import history_for
from search.selectors import search_werkstatt
from tests.factories import add_member
from tests.goals.conftest import login
from workspaces.models import Membership
from workspaces.selectors import viewer_for
from workspaces.visibility import Side

CONTACT = {
    "contact_person": "Erika Mustermann",
    "contact_email": "erika@mieterbeirat.example",
    "contact_phone": "0170 1234567",
}


def public_actor(coproduction, user, **values):
    values = {
        "name": "Mieterbeirat Nord",
        "kind": "affected_org",
        "role": "Spricht für die Mieter:innen",
        "visibility": "public",
        **CONTACT,
        **values,
    }
    return services.actor_create(
        actor=user, coproduction=coproduction, owner_side="administration", **values
    )


def everything_the_public_reads(client, coproduction) -> str:
    page = client.get(reverse("public:page", args=[coproduction.slug]), secure=True)
    feed = client.get(reverse("public:feed", args=[coproduction.slug]), secure=True)
    assert page.status_code == 200 and feed.status_code == 200
    return page.content.decode() + feed.content.decode()


def test_contact_data_never_reaches_public_search_history_or_feed_unless_flagged(
    client, coproduction, coordinator
):
    actor = public_actor(coproduction, coordinator)
    services.actor_update(actor=coordinator, item=actor, expected_version=1, role="Berät mit")
    observer = add_member(coproduction, side=Side.CIVIL_SOCIETY, access=Membership.Access.OBSERVER)
    published = everything_the_public_reads(client, coproduction)
    assert "Mieterbeirat Nord" in published and "Berät mit" in published
    history = str([c.changes for c in history_for(actor)])
    for value in CONTACT.values():
        assert value not in published and value not in history
        for who in (observer.user, coordinator):
            hits = search_werkstatt(viewer_for(who, coproduction), value.split("@")[0])
            assert not [h for h in hits.hits if value in h.entry.text]
        page = login(observer.user).get(
            reverse("actors:actor", args=[coproduction.slug, actor.pk]), secure=True
        )
        assert value not in page.content.decode()

    services.actor_update(actor=coordinator, item=actor, expected_version=2, contact_public=True)
    published = everything_the_public_reads(client, coproduction)
    assert "erika@mieterbeirat.example" in published and "0170 1234567" in published
    hits = search_werkstatt(viewer_for(observer.user, coproduction), "Mustermann")
    assert [h for h in hits.hits if "Mieterbeirat" in h.entry.title]
    assert "Mustermann" not in str([c.changes for c in history_for(actor)])


def test_an_actor_not_marked_public_stays_off_the_public_page(client, coproduction, coordinator):
    public_actor(coproduction, coordinator, name="Öffentlicher Beirat")
    services.actor_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side="administration",
        name="Nur für Mitglieder",
        kind="politics",
        visibility="coproduction",
    )
    published = everything_the_public_reads(client, coproduction)
    assert "Öffentlicher Beirat" in published and "Nur für Mitglieder" not in published
