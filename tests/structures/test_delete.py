"""Deleting bodies and mandates entered by mistake — without falsifying the Beschlussbuch or
the history of who held a mandate (card 41, DESIGN.md "Decisions are records")."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from decisions.models import Decision
from history.models import ChangeRecord
from history.services import history_for
from meetings.models import Meeting
from structures import services
from structures.models import Body, Mandate
from tests.factories import add_member
from tests.goals.conftest import login
from workspaces.concurrency import StaleEdit
from workspaces.services import WorkspaceError
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


def url(name, coproduction, *args):
    return reverse(f"structures:{name}", args=[coproduction.slug, *args])


@pytest.fixture
def plenary(coproduction, coordinator):
    return services.body_create(
        actor=coordinator, coproduction=coproduction, owner_side="", name="Plenum", kind="plenary"
    )


def mandate(body, actor, holder, **values):
    return services.mandate_create(
        actor=actor, body=body, partner=holder.partner, holder=holder, **values
    )


def deleted_records(model):
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        action=ChangeRecord.Action.DELETED,
    )


def decision_in(body, status):
    return Decision.objects.create(
        number=1,
        coproduction=body.coproduction,
        question="Wer kocht?",
        procedure="consent",
        body=body,
        status=status,
    )


# Bodies: services --------------------------------------------------------------------------


def test_deleting_a_body_takes_its_mandates_and_records_each(
    plenary, coproduction, coordinator, civil_member
):
    held = mandate(plenary, coordinator, civil_member)
    start = datetime(2026, 3, 1, 18, tzinfo=UTC)
    meeting = Meeting.objects.create(
        coproduction=coproduction,
        body=plenary,
        title="Erstes Plenum",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        format="in_person",
    )

    services.body_delete(actor=coordinator, body=plenary, expected_version=plenary.version)

    assert not Body.objects.filter(pk=plenary.pk).exists()
    assert not Mandate.objects.filter(pk=held.pk).exists()
    meeting.refresh_from_db()
    assert meeting.body is None
    assert deleted_records(Body).get().object_label == "Plenum"
    assert deleted_records(Mandate).get().object_id == held.pk
    assert [r.action for r in history_for(plenary)] == ["deleted", "created"]


def test_a_stale_body_delete_deletes_nothing(plenary, coordinator):
    services.body_update(actor=coordinator, body=plenary, expected_version=1, name="Plenum neu")

    with pytest.raises(StaleEdit):
        services.body_delete(actor=coordinator, body=plenary, expected_version=1)

    assert Body.objects.filter(pk=plenary.pk).exists()
    assert not deleted_records(Body).exists()


@pytest.mark.parametrize("status", ["decided", "rejected", "superseded", "voting"])
def test_a_body_that_voted_or_decided_stays_for_the_beschlussbuch(plenary, coordinator, status):
    decision = decision_in(plenary, status)

    with pytest.raises(WorkspaceError) as error:
        services.body_delete(actor=coordinator, body=plenary, expected_version=plenary.version)

    assert "Beschlussbuch" in str(error.value) and "Wozu gibt es das Gremium?" in str(error.value)
    decision.refresh_from_db()
    assert decision.body == plenary
    assert not deleted_records(Body).exists()


def test_a_body_named_by_drafts_asks_to_move_them_first(plenary, coordinator):
    decision_in(plenary, "draft")

    with pytest.raises(WorkspaceError) as error:
        services.body_delete(actor=coordinator, body=plenary)

    assert "Ordnet sie zuerst einem anderen Gremium zu" in str(error.value)
    assert Body.objects.filter(pk=plenary.pk).exists()


# Mandates: services ------------------------------------------------------------------------


def test_deleting_a_mandate_records_it(plenary, coordinator, civil_member):
    held = mandate(plenary, coordinator, civil_member)

    services.mandate_delete(actor=coordinator, mandate=held, expected_version=held.version)

    assert not Mandate.objects.exists()
    assert [r.action for r in history_for(held)] == ["deleted", "created"]


def test_a_stale_mandate_delete_deletes_nothing(plenary, coordinator, civil_member):
    held = mandate(plenary, coordinator, civil_member)
    services.mandate_update(actor=coordinator, mandate=held, expected_version=1, rotates=True)

    with pytest.raises(StaleEdit):
        services.mandate_delete(actor=coordinator, mandate=held, expected_version=1)

    assert Mandate.objects.filter(pk=held.pk).exists()


@pytest.fixture
def handover(plenary, coproduction, coordinator, civil_member):
    """civil_member held the mandate since January and handed it over in March."""
    first = mandate(plenary, coordinator, civil_member, started_on=date(2026, 1, 1))
    successor = add_member(coproduction, side=Side.CIVIL_SOCIETY)
    second = services.mandate_rotate(
        actor=coordinator,
        mandate=first,
        expected_version=first.version,
        holder=successor,
        started_on=date(2026, 3, 1),
    )
    first.refresh_from_db()
    return first, second


def test_a_mandate_that_was_handed_over_stays_in_the_history(handover, coordinator):
    first, second = handover

    with pytest.raises(WorkspaceError) as error:
        services.mandate_delete(actor=coordinator, mandate=first, expected_version=first.version)

    message = str(error.value)
    assert "am 01.03.2026 an" in message and f"löscht zuerst das Mandat von {second.holder}" in (
        message
    )
    assert Mandate.objects.count() == 2


def test_deleting_the_mandate_a_handover_began_undoes_the_handover(handover, coordinator):
    first, second = handover
    assert "Die Übergabe wird damit rückgängig gemacht" in services.mandate_delete_note(second)

    services.mandate_delete(actor=coordinator, mandate=second, expected_version=second.version)

    first.refresh_from_db()
    assert first.current
    assert history_for(first).first().changes == {"ended_on": ["2026-03-01", None]}
    # Now the newest of its seat, the first mandate may go as well.
    services.mandate_delete(actor=coordinator, mandate=first, expected_version=first.version)
    assert not Mandate.objects.exists()


def test_a_handover_is_not_undone_for_someone_who_left(handover, coordinator):
    first, second = handover
    first.holder.left_at = timezone.now()
    first.holder.save()

    assert services.mandate_delete_note(second) == ""
    services.mandate_delete(actor=coordinator, mandate=second, expected_version=second.version)

    first.refresh_from_db()
    assert first.ended_on == date(2026, 3, 1)


def test_a_body_with_a_rotation_history_goes_with_all_its_holders(handover, plenary, coordinator):
    services.body_delete(actor=coordinator, body=plenary)

    assert not Mandate.objects.exists()
    assert deleted_records(Mandate).count() == 2


# Pages -------------------------------------------------------------------------------------


def test_the_body_delete_page_asks_names_the_mandates_and_then_deletes(
    plenary, coproduction, coordinator, civil_member
):
    mandate(plenary, coordinator, civil_member)
    client = login(civil_member.user)
    detail = client.get(url("body", coproduction, plenary.pk), secure=True).content.decode()
    assert url("body_delete", coproduction, plenary.pk) in detail

    page = client.get(url("body_delete", coproduction, plenary.pk), secure=True)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Wirklich löschen?" in text and "auch sein Mandat gelöscht" in text
    assert 'class="why"' in text

    response = client.post(
        url("body_delete", coproduction, plenary.pk), {"version": plenary.version}, secure=True
    )
    assert response.status_code == 302 and response["Location"] == url("bodies", coproduction)
    assert not Body.objects.exists()


def test_a_refused_body_delete_goes_back_to_the_body_with_the_reason(
    plenary, coproduction, civil_member
):
    decision_in(plenary, "decided")
    client = login(civil_member.user)

    for method in ("get", "post"):
        response = getattr(client, method)(
            url("body_delete", coproduction, plenary.pk), secure=True, follow=True
        )
        assert response.redirect_chain[-1][0].endswith(url("body", coproduction, plenary.pk))
        assert "Damit das Beschlussbuch stimmt" in response.content.decode()
    assert Body.objects.filter(pk=plenary.pk).exists()


def test_a_stale_body_delete_goes_back_and_says_so(plenary, coproduction, civil_member):
    client = login(civil_member.user)
    response = client.post(
        url("body_delete", coproduction, plenary.pk), {"version": 0}, secure=True, follow=True
    )

    assert "inzwischen geändert" in response.content.decode()
    assert Body.objects.filter(pk=plenary.pk).exists()


def test_observers_and_the_other_side_cannot_delete_bodies(
    coproduction, coordinator, admin_member, civil_observer, plenary
):
    own = services.body_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.CIVIL_SOCIETY,
        name="Initiativkreis",
        kind="working_group",
        visibility="side",
    )
    assert (
        login(admin_member.user)
        .post(url("body_delete", coproduction, own.pk), secure=True)
        .status_code
        == 404
    )
    observer = login(civil_observer.user)
    assert (
        observer.post(url("body_delete", coproduction, plenary.pk), secure=True).status_code == 403
    )
    detail = observer.get(url("body", coproduction, plenary.pk), secure=True).content.decode()
    assert url("body_delete", coproduction, plenary.pk) not in detail
    assert Body.objects.count() == 2


def test_the_mandate_delete_page_undoes_a_handover_and_refuses_the_handed_over(
    handover, plenary, coproduction, civil_member
):
    first, second = handover
    client = login(civil_member.user)
    refused = client.get(
        url("mandate_delete", coproduction, plenary.pk, first.pk), secure=True, follow=True
    )
    assert refused.redirect_chain[-1][0].endswith(
        url("mandate", coproduction, plenary.pk, first.pk)
    )
    assert "bleibt in seiner Geschichte" in refused.content.decode()

    detail = client.get(url("mandate", coproduction, plenary.pk, second.pk), secure=True)
    assert url("mandate_delete", coproduction, plenary.pk, second.pk) in detail.content.decode()
    page = client.get(url("mandate_delete", coproduction, plenary.pk, second.pk), secure=True)
    assert "Die Übergabe wird damit rückgängig gemacht" in page.content.decode()
    response = client.post(
        url("mandate_delete", coproduction, plenary.pk, second.pk),
        {"version": second.version},
        secure=True,
    )

    assert response["Location"] == url("body", coproduction, plenary.pk) + "#mandate"
    first.refresh_from_db()
    assert first.current and not Mandate.objects.filter(pk=second.pk).exists()


def test_a_mandate_of_another_body_answers_404(plenary, coproduction, coordinator, civil_member):
    held = mandate(plenary, coordinator, civil_member)
    other = services.body_create(
        actor=coordinator, coproduction=coproduction, owner_side="", name="AG", kind="plenary"
    )

    response = login(civil_member.user).post(
        url("mandate_delete", coproduction, other.pk, held.pk), secure=True
    )

    assert response.status_code == 404
    assert Mandate.objects.filter(pk=held.pk).exists()
