"""Handover pages: list, create, checklist, sign-off; bad input keeps what was typed."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from handover import services
from handover.models import ChecklistItem, Handover
from tests.factories import add_member, make_user
from tests.goals.conftest import login
from workspaces.visibility import Side


def url(name, coproduction, *args):
    return reverse(f"handover:{name}", args=[coproduction.slug, *args])


def create(leaving, successor, **fields):
    return services.handover_create(
        actor=leaving.user,
        coproduction=leaving.coproduction,
        leaving=leaving,
        successor=successor,
        owner_side=leaving.partner.side,
        **fields,
    )


def test_a_member_plans_a_handover_with_overlap(coproduction, civil_member, civil_successor):
    response = login(civil_member.user).post(
        url("create", coproduction),
        {
            "leaving": civil_member.pk,
            "successor": civil_successor.pk,
            "overlap_from": "2026-12-01",
            "overlap_to": "2026-12-15",
            "note": "Ordner im Regal",
            "visibility": "coproduction",
        },
        secure=True,
    )
    handover = Handover.objects.get()
    assert response["Location"] == url("handover", coproduction, handover.pk)
    assert handover.overlap_to == date(2026, 12, 15)
    assert handover.items.count() == 4


def test_the_create_form_names_who_leaves_and_the_mandate_when_asked(coproduction, civil_member):
    page = login(civil_member.user).get(
        url("create", coproduction) + f"?geht={civil_member.pk}&mandat=7&x=%C2%B2", secure=True
    )
    initial = page.context["form"].initial
    assert (initial["leaving"], initial["mandate"]) == (civil_member.pk, 7)
    odd = login(civil_member.user).get(url("create", coproduction) + "?geht=%C2%B2", secure=True)
    assert odd.status_code == 200 and "leaving" not in odd.context["form"].initial


def test_bad_input_is_explained_in_german_and_kept(coproduction, civil_member):
    response = login(civil_member.user).post(
        url("create", coproduction),
        {
            "leaving": civil_member.pk,
            "successor": civil_member.pk,
            "note": "Notiz\x00mit Nullbyte",
            "visibility": "coproduction",
        },
        secure=True,
    )
    assert response.status_code == 200
    assert not Handover.objects.exists()
    form = response.context["form"]
    assert form.errors
    assert "Notiz" in response.content.decode()


def test_ticking_adding_and_signing_through_the_pages(coproduction, civil_member, civil_successor):
    handover = create(civil_member, civil_successor)
    leaving, successor = login(civil_member.user), login(civil_successor.user)
    successor.post(url("item_add", coproduction, handover.pk), {"text": "Schlüssel"}, secure=True)
    for item in handover.items.all():
        leaving.post(
            url("item_tick", coproduction, handover.pk, item.pk),
            {"version": item.version, "done": "1"},
            secure=True,
        )
    assert not ChecklistItem.objects.filter(done=False).exists()
    for client in (leaving, successor):
        version = Handover.objects.get().version
        client.post(url("sign", coproduction, handover.pk), {"version": version}, secure=True)
    handover = Handover.objects.get()
    assert handover.signed
    page = leaving.get(url("handover", coproduction, handover.pk), secure=True).content.decode()
    assert "Beide haben abgezeichnet" in page
    assert "Abhaken" not in page


def test_a_point_too_long_is_refused_with_a_german_message(
    coproduction, civil_member, civil_successor
):
    handover = create(civil_member, civil_successor)
    response = login(civil_member.user).post(
        url("item_add", coproduction, handover.pk), {"text": "x" * 600}, secure=True
    )
    assert "zu lang" in response.content.decode()
    assert handover.items.count() == 4


def test_the_other_side_reads_a_joint_handover_but_does_not_tick(
    coproduction, civil_member, civil_successor, admin_member
):
    handover = create(civil_member, civil_successor)
    item = handover.items.first()
    other = login(admin_member.user)
    assert other.get(url("handover", coproduction, handover.pk), secure=True).status_code == 200
    response = other.post(
        url("item_tick", coproduction, handover.pk, item.pk),
        {"version": 1, "done": "1"},
        secure=True,
    )
    assert response.status_code == 403


def test_the_list_costs_the_same_queries_with_many_handovers(coproduction, coordinator):
    people = [add_member(coproduction, make_user(), side=Side.ADMINISTRATION) for _ in range(4)]

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert login(coordinator).get(url("list", coproduction), secure=True).status_code == 200
        return len(captured)

    create(people[0], people[1])
    queries()  # the first request also fills the per-process caches
    few = queries()
    for n in range(15):
        create(people[n % 4], people[(n + 1) % 4])
    assert queries() == few


def test_a_mandate_whose_body_became_side_only_is_no_longer_named_to_the_other_side(
    coproduction, coordinator, civil_member, civil_successor, admin_member
):
    from structures.models import Body

    from .conftest import make_body, make_mandate

    body = make_body(coproduction, coordinator, name="Vorbereitungskreis der Initiative")
    mandate = make_mandate(body, civil_member, coordinator)
    handover = create(civil_member, civil_successor, mandate=mandate)
    page = url("handover", coproduction, handover.pk)
    assert "Vorbereitungskreis" in login(admin_member.user).get(page, secure=True).content.decode()
    Body.objects.filter(pk=body.pk).update(visibility="side", owner_side="civil_society")
    other = login(admin_member.user).get(page, secure=True).content.decode()
    assert "Vorbereitungskreis" not in other
    assert "(nicht sichtbar)" in other  # the history entry that named it
    assert "Vorbereitungskreis" in login(civil_member.user).get(page, secure=True).content.decode()


def test_the_overview_tells_each_of_the_two_what_waits_for_their_signature(
    coproduction, civil_member, civil_successor, admin_member
):
    handover = create(civil_member, civil_successor)
    overview = reverse("kompass:overview", args=[coproduction.slug])
    named = f'#abzeichnen">{civil_member} → {civil_successor}</a>'
    for person, expected in ((civil_member, True), (civil_successor, True), (admin_member, False)):
        page = login(person.user).get(overview, secure=True).content.decode()
        assert ("Übergabe abschließen" in page) is expected
        assert (url("handover", coproduction, handover.pk) in page) is expected
        assert (named in page) is expected
