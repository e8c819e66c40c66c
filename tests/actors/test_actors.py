"""The register of further actors: services, pages, the map (cards 47, 23, 28, 49)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors import services
from actors.demo import add_large
from actors.models import Actor, ActorRelation
from history.services import history_for
from structures import services as structure_services
from structures.services import StructureError
from tests.factories import partner_on
from tests.goals.conftest import login
from workspaces.concurrency import StaleEdit
from workspaces.visibility import Side


def url(name, coproduction, *args):
    return reverse(f"actors:{name}", args=[coproduction.slug, *args])


def make_actor(coproduction, user, **values):
    values = {
        "name": "Mieterbeirat",
        "kind": "affected_org",
        "owner_side": "administration",
        **values,
    }
    return services.actor_create(actor=user, coproduction=coproduction, **values)


def test_a_new_actor_is_side_only_and_belongs_to_its_side(coproduction, coordinator):
    actor = make_actor(coproduction, coordinator)
    assert actor.visibility == "side" and actor.owner_side == "administration"
    joint = make_actor(coproduction, coordinator, visibility="coproduction")
    assert joint.owner_side == ""


def test_contact_data_never_enters_the_history(coproduction, coordinator):
    actor = make_actor(
        coproduction, coordinator, contact_person="Erika Muster", contact_email="erika@x.example"
    )
    services.actor_update(
        actor=coordinator, item=actor, expected_version=1, contact_phone="0170 999", role="Rat"
    )
    recorded = str([c.changes for c in history_for(actor)])
    assert "Erika" not in recorded and "erika@x" not in recorded and "0170 999" not in recorded
    assert services.CONTACT_CHANGED in recorded and "Rat" in recorded


def test_a_stale_save_is_refused(coproduction, coordinator):
    actor = make_actor(coproduction, coordinator)
    services.actor_update(actor=coordinator, item=actor, expected_version=1, role="A")
    with pytest.raises(StaleEdit):
        services.actor_update(actor=coordinator, item=actor, expected_version=1, role="B")


def test_relations_per_partner_are_kept_and_recorded(coproduction, coordinator):
    office = partner_on(coproduction, Side.ADMINISTRATION)
    civil = partner_on(coproduction, Side.CIVIL_SOCIETY)
    actor = make_actor(
        coproduction,
        coordinator,
        relations={office.pk: ("Auftraggeber", "near"), civil.pk: ("", "")},
    )
    assert list(actor.relations.values_list("partner_id", "closeness")) == [(office.pk, "near")]
    services.actor_update(
        actor=coordinator,
        item=actor,
        expected_version=1,
        relations={office.pk: ("Auftraggeber", "near"), civil.pk: ("Skeptisch", "far")},
    )
    assert ActorRelation.objects.filter(actor=actor).count() == 2
    assert "Skeptisch" in str(history_for(actor).first().changes["relations"])


def test_a_joint_actor_cannot_sit_in_a_side_only_body(coproduction, coordinator):
    body = structure_services.body_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side="administration",
        name="Interne Runde",
        kind="working_group",
        visibility="side",
    )
    with pytest.raises(services.ActorError):
        make_actor(coproduction, coordinator, visibility="coproduction", body=body)
    assert make_actor(coproduction, coordinator, body=body).body == body


def test_a_body_an_actor_sits_in_does_not_become_side_only(coproduction, coordinator):
    body = structure_services.body_create(
        actor=coordinator, coproduction=coproduction, owner_side="", name="Plenum", kind="plenary"
    )
    make_actor(coproduction, coordinator, visibility="coproduction", body=body, seat="permanent")
    body.owner_side = "administration"
    with pytest.raises(StructureError):
        structure_services.body_update(
            actor=coordinator, body=body, expected_version=body.version, visibility="side"
        )


def test_a_member_of_another_co_production_is_refused(coproduction, coordinator, outsider):
    from workspaces.models import Membership

    stranger = Membership.objects.get(user=outsider)
    with pytest.raises(services.ActorError):
        make_actor(coproduction, coordinator, approached_by=stranger)


def test_creating_through_the_page_keeps_input_on_bad_email(coproduction, coordinator):
    client = login(coordinator)
    response = client.post(
        url("create", coproduction),
        {
            "name": "Stiftung",
            "kind": "funder",
            "closeness": "near",
            "influence": "high",
            "visibility": "side",
            "contact_email": "keine-adresse",
        },
        secure=True,
    )
    assert response.status_code == 200 and "Stiftung" in response.content.decode()
    assert not Actor.objects.exists()
    office = partner_on(coproduction, Side.ADMINISTRATION)
    response = client.post(
        url("create", coproduction),
        {
            "name": "Stiftung",
            "kind": "funder",
            "closeness": "near",
            "influence": "high",
            "visibility": "side",
            f"rel_{office.pk}_closeness": "near",
            f"rel_{office.pk}_text": "Fördert schon",
        },
        secure=True,
    )
    actor = Actor.objects.get()
    assert response.status_code == 302 and actor.relations.get().text == "Fördert schon"


def test_an_observer_never_sees_contact_data_unless_it_is_public(
    coproduction, coordinator, civil_member, civil_observer
):
    actor = make_actor(
        coproduction,
        coordinator,
        visibility="coproduction",
        contact_person="Erika Muster",
        contact_email="erika@muster.example",
    )
    page = (
        login(civil_member.user)
        .get(url("actor", coproduction, actor.pk), secure=True)
        .content.decode()
    )
    assert "erika@muster.example" in page
    page = (
        login(civil_observer.user)
        .get(url("actor", coproduction, actor.pk), secure=True)
        .content.decode()
    )
    assert "Erika Muster" not in page and "erika@muster.example" not in page
    services.actor_update(actor=coordinator, item=actor, expected_version=1, contact_public=True)
    page = (
        login(civil_observer.user)
        .get(url("actor", coproduction, actor.pk), secure=True)
        .content.decode()
    )
    assert "erika@muster.example" in page


def test_the_map_draws_partners_actors_and_relations(coproduction, coordinator, civil_member):
    office = partner_on(coproduction, Side.ADMINISTRATION)
    make_actor(
        coproduction,
        coordinator,
        name="Nah & Groß",
        closeness="near",
        influence="high",
        visibility="coproduction",
        relations={office.pk: ("", "far")},
    )
    make_actor(coproduction, coordinator, name="Heimlich", closeness="far")
    page = login(civil_member.user).get(url("map", coproduction), secure=True).content.decode()
    assert '<svg class="stakeholder-map"' in page and 'role="img"' in page
    assert "Nah &amp; Groß" in page and 'stroke-dasharray="3 3"' in page
    assert "Heimlich" not in page  # the other side's actor is neither drawn nor listed
    again = login(civil_member.user).get(url("map", coproduction), secure=True).content.decode()
    assert again.split("<svg")[1].split("</svg>")[0] == page.split("<svg")[1].split("</svg>")[0]


def _bulk(coproduction, count):
    add_large(coproduction, actor_count=count)


@pytest.mark.parametrize("name", ["list", "map"])
def test_list_and_map_take_the_same_queries_for_ten_or_three_hundred_actors(
    coproduction, coordinator, django_assert_max_num_queries, name
):
    partner_on(coproduction, Side.CIVIL_SOCIETY)
    client = login(coordinator)
    _bulk(coproduction, 10)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(name, coproduction), secure=True).status_code == 200
    Actor.objects.all().delete()
    _bulk(coproduction, 300)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url(name, coproduction), secure=True)
    assert response.status_code == 200


def test_a_crowded_map_draws_the_most_influential_and_says_so(
    coproduction, coordinator, monkeypatch
):
    monkeypatch.setattr("actors.selectors.MAP_LIMIT", 3)
    for i, influence in enumerate(["low", "high", "low", "middle", "high", "low"]):
        make_actor(coproduction, coordinator, name=f"Akteur {i}", influence=influence)
    page = login(coordinator).get(url("map", coproduction), secure=True).content.decode()
    svg = page.split("<svg")[1].split("</svg>")[0]
    assert "die 3 Akteure mit dem größten Einfluss" in page and "von 6" in page
    assert {n for n in ("Akteur 1", "Akteur 3", "Akteur 4") if n in svg} == {
        "Akteur 1",
        "Akteur 3",
        "Akteur 4",
    }
    assert "Akteur 0" not in svg and "Akteur 5" not in svg


def test_a_relation_to_a_partner_who_left_stays_when_the_actor_is_edited(coproduction, coordinator):
    office = partner_on(coproduction, Side.ADMINISTRATION)
    civil = partner_on(coproduction, Side.CIVIL_SOCIETY)
    actor = make_actor(
        coproduction,
        coordinator,
        relations={office.pk: ("Auftraggeber", "near"), civil.pk: ("Früher eng", "near")},
    )
    services.actor_update(
        actor=coordinator,
        item=actor,
        expected_version=1,
        relations={office.pk: ("Auftraggeber", "middle")},  # the form no longer lists civil
    )
    assert dict(actor.relations.values_list("partner_id", "closeness")) == {
        office.pk: "middle",
        civil.pk: "near",
    }
