"""Deleting a conflict entered by mistake; one a decision settled stays (card 43)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from conflicts import services
from conflicts.models import Conflict
from decisions.models import Decision
from history.services import history_for
from meetings.models import AgendaItem, Meeting
from tests.goals.conftest import login
from workspaces.concurrency import StaleEdit
from workspaces.services import WorkspaceError
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


def url(name, coproduction, *args):
    return reverse(f"conflicts:{name}", args=[coproduction.slug, *args])


def make_conflict(coproduction, actor, **values):
    values = {"owner_side": "", "title": "Streitpunkt", **values}
    return services.conflict_create(actor=actor, coproduction=coproduction, **values)


@pytest.fixture
def settled(coproduction, coordinator):
    decision = Decision.objects.create(
        number=1,
        coproduction=coproduction,
        question="Regional?",
        procedure="consent",
        status="decided",
    )
    return make_conflict(coproduction, coordinator, status="resolved", resolved_by=decision)


def test_deleting_a_conflict_records_it_and_agenda_items_keep_their_title(
    coproduction, coordinator
):
    conflict = make_conflict(coproduction, coordinator)
    start = datetime(2026, 3, 1, 18, tzinfo=UTC)
    meeting = Meeting.objects.create(
        coproduction=coproduction,
        title="Plenum",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        format="in_person",
    )
    agenda = AgendaItem.objects.create(meeting=meeting, title="Streitpunkt", conflict=conflict)

    services.conflict_delete(actor=coordinator, conflict=conflict, expected_version=1)

    assert not Conflict.objects.exists()
    agenda.refresh_from_db()
    assert (agenda.title, agenda.conflict) == ("Streitpunkt", None)
    assert [r.action for r in history_for(conflict)] == ["deleted", "created"]


def test_a_stale_conflict_delete_deletes_nothing(coproduction, coordinator):
    conflict = make_conflict(coproduction, coordinator)
    services.conflict_update(actor=coordinator, conflict=conflict, expected_version=1, steps="Ja")

    with pytest.raises(StaleEdit):
        services.conflict_delete(actor=coordinator, conflict=conflict, expected_version=1)

    assert Conflict.objects.filter(pk=conflict.pk).exists()


def test_a_conflict_a_decision_settled_stays_until_the_link_is_removed(settled, coordinator):
    with pytest.raises(WorkspaceError) as error:
        services.conflict_delete(actor=coordinator, conflict=settled, expected_version=1)

    assert "als Nachweis dazu bleibt er im Register" in str(error.value)
    assert Conflict.objects.filter(pk=settled.pk).exists()

    services.conflict_update(
        actor=coordinator,
        conflict=settled,
        expected_version=1,
        resolved_by=None,
        resolution="Irrtümlich verknüpft",
    )
    services.conflict_delete(actor=coordinator, conflict=settled, expected_version=2)
    assert not Conflict.objects.exists()


# Pages -------------------------------------------------------------------------------------


def test_the_delete_page_asks_then_deletes(coproduction, coordinator, civil_member):
    conflict = make_conflict(coproduction, coordinator)
    client = login(civil_member.user)
    detail = client.get(url("conflict", coproduction, conflict.pk), secure=True).content.decode()
    assert url("conflict_delete", coproduction, conflict.pk) in detail

    page = client.get(url("conflict_delete", coproduction, conflict.pk), secure=True)
    text = page.content.decode()
    assert page.status_code == 200 and "Wirklich löschen?" in text and 'class="why"' in text

    response = client.post(
        url("conflict_delete", coproduction, conflict.pk), {"version": 1}, secure=True
    )
    assert response["Location"] == url("list", coproduction)
    assert not Conflict.objects.exists()


def test_a_settled_conflict_is_refused_before_anyone_confirms(settled, coproduction, civil_member):
    client = login(civil_member.user)

    for method in ("get", "post"):
        response = getattr(client, method)(
            url("conflict_delete", coproduction, settled.pk), secure=True, follow=True
        )
        assert response.redirect_chain[-1][0].endswith(url("conflict", coproduction, settled.pk))
        assert "Entschieden durch" in response.content.decode()
        assert "als Nachweis dazu bleibt er im Register" in response.content.decode()
    assert Conflict.objects.filter(pk=settled.pk).exists()


def test_a_stale_delete_goes_back_and_says_so(coproduction, coordinator, civil_member):
    conflict = make_conflict(coproduction, coordinator)
    response = login(civil_member.user).post(
        url("conflict_delete", coproduction, conflict.pk), {"version": 0}, secure=True, follow=True
    )

    assert "inzwischen geändert" in response.content.decode()
    assert Conflict.objects.filter(pk=conflict.pk).exists()


def test_observers_and_the_other_side_cannot_delete_conflicts(
    coproduction, coordinator, admin_member, civil_observer
):
    joint = make_conflict(coproduction, coordinator)
    internal = make_conflict(
        coproduction,
        coordinator,
        owner_side=Side.CIVIL_SOCIETY,
        title="Intern",
        visibility="side",
    )
    other_side = login(admin_member.user)
    assert (
        other_side.post(url("conflict_delete", coproduction, internal.pk), secure=True).status_code
        == 404
    )
    observer = login(civil_observer.user)
    assert (
        observer.post(url("conflict_delete", coproduction, joint.pk), secure=True).status_code
        == 403
    )
    detail = observer.get(url("conflict", coproduction, joint.pk), secure=True).content.decode()
    assert url("conflict_delete", coproduction, joint.pk) not in detail
    assert Conflict.objects.count() == 2


def test_outsiders_get_404(coproduction, coordinator, outsider):
    conflict = make_conflict(coproduction, coordinator)

    response = login(outsider).get(url("conflict_delete", coproduction, conflict.pk), secure=True)

    assert response.status_code == 404
