"""The life stage of a co-production and the archive an ended one becomes (cards 34–36)."""

import pytest
from django.urls import reverse

from goals import services as goals
from history.models import ChangeRecord
from tests.factories import add_member, make_coproduction, make_user, viewer_of
from workspaces import services as workspaces
from workspaces.models import Coproduction, Membership
from workspaces.services import ENDED, WorkspaceError
from workspaces.stage import coproduction_stage_change
from workspaces.visibility import Side


@pytest.fixture
def coordinator(db):
    return make_user("koordination@amt.example")


@pytest.fixture
def coproduction(coordinator):
    return make_coproduction(coordinator)


def _change(coproduction, actor, **values):
    coproduction.refresh_from_db()
    return coproduction_stage_change(
        actor=actor, coproduction=coproduction, expected_version=coproduction.version, **values
    )


def test_a_new_co_production_starts_in_anlaufen(coproduction):
    assert coproduction.stage == Coproduction.Stage.STARTING


def test_ending_needs_to_say_how_and_an_early_end_why(coproduction, coordinator):
    with pytest.raises(WorkspaceError, match="Wie endet") as missing:
        _change(coproduction, coordinator, stage="ended")
    assert missing.value.field == "ending"
    with pytest.raises(WorkspaceError, match="Gründe") as early:
        _change(coproduction, coordinator, stage="ended", ending="early")
    assert early.value.field == "ending_reasons"
    _change(coproduction, coordinator, stage="ended", ending="early", ending_reasons="Streit")
    coproduction.refresh_from_db()
    assert coproduction.ended and coproduction.ending_reasons == "Streit"


def test_every_stage_change_is_in_the_history_with_its_reason(coproduction, coordinator):
    _change(coproduction, coordinator, stage="running", reason="Die Stelle ist besetzt")
    record = ChangeRecord.objects.filter(object_id=coproduction.pk, action="updated").first()
    rows = record.readable_changes()
    assert ("Lebensphase", "Anlaufen", "Laufend") in rows
    assert any(r[0] == "Begründung" and r[2] == "Die Stelle ist besetzt" for r in rows)


def test_an_ended_co_production_is_read_only_for_every_member(coproduction, coordinator):
    member = add_member(coproduction, side=Side.ADMINISTRATION)
    _change(coproduction, coordinator, stage="ended", ending="goals_reached")
    for user in (coordinator, member.user):
        viewer = viewer_of(user, coproduction)
        assert viewer.is_member and not viewer.can_edit and not viewer.is_coordinator
    assert viewer_of(coordinator, coproduction).coordinates


def test_services_refuse_writes_in_an_ended_co_production_with_a_german_message(
    coproduction, coordinator
):
    _change(coproduction, coordinator, stage="ended", ending="as_planned")
    records = ChangeRecord.objects.count()
    with pytest.raises(WorkspaceError, match="beendet"):
        goals.goal_create(
            actor=coordinator,
            coproduction=coproduction,
            kind="side",
            owner_side="administration",
            level="abstract",
            title="Zu spät",
        )
    with pytest.raises(WorkspaceError) as refused:
        workspaces.invitation_create(
            actor=coordinator,
            coproduction=coproduction,
            partner=coproduction.partners.get(),
            email="neu@example.org",
            access="member",
        )
    assert str(refused.value) == ENDED
    coproduction.refresh_from_db()
    with pytest.raises(WorkspaceError, match="beendet"):
        workspaces.coproduction_update(
            actor=coordinator,
            coproduction=coproduction,
            expected_version=coproduction.version,
            name="Umbenannt",
        )
    assert ChangeRecord.objects.count() == records
    assert Coproduction.objects.get(pk=coproduction.pk).name != "Umbenannt"


def test_reopening_needs_a_reason_and_opens_it_again(coproduction, coordinator):
    _change(coproduction, coordinator, stage="ended", ending="goals_reached")
    with pytest.raises(WorkspaceError, match="warum") as missing:
        _change(coproduction, coordinator, stage="closing")
    assert missing.value.field == "reason"
    _change(
        coproduction,
        coordinator,
        stage="closing",
        ending="goals_reached",
        reason="Bericht fehlt noch",
    )
    coproduction.refresh_from_db()
    assert coproduction.stage == "closing" and coproduction.ending == "goals_reached"
    assert viewer_of(coordinator, coproduction).can_edit


def test_the_other_sides_coordinator_may_reopen(client, coproduction, coordinator):
    other = add_member(coproduction, side=Side.CIVIL_SOCIETY, access=Membership.Access.COORDINATION)
    _change(coproduction, coordinator, stage="ended", ending="goals_reached")
    client.force_login(other.user)
    url = reverse("lifecycle:stage", args=[coproduction.slug])
    coproduction.refresh_from_db()
    response = client.post(
        url,
        {"stage": "running", "reason": "Neue Förderung", "version": coproduction.version},
        secure=True,
    )
    assert response.status_code == 302
    coproduction.refresh_from_db()
    assert coproduction.stage == "running" and coproduction.ending == ""


def test_members_cannot_change_the_stage(client, coproduction):
    member = add_member(coproduction, side=Side.ADMINISTRATION)
    client.force_login(member.user)
    url = reverse("lifecycle:stage", args=[coproduction.slug])
    response = client.post(url, {"stage": "running", "version": 1}, secure=True)
    assert response.status_code == 403
    coproduction.refresh_from_db()
    assert coproduction.stage == "starting"


def test_ending_asks_for_confirmation_naming_what_it_means(client, coproduction, coordinator):
    client.force_login(coordinator)
    url = reverse("lifecycle:stage", args=[coproduction.slug])
    data = {"stage": "ended", "ending": "goals_reached", "version": coproduction.version}
    page = client.post(url, data, secure=True)
    assert page.status_code == 200
    text = page.content.decode()
    assert "wirklich beenden" in text and "lesen und exportieren" in text
    coproduction.refresh_from_db()
    assert coproduction.stage == "starting"
    done = client.post(url, {**data, "confirmed": "1"}, secure=True)
    assert done.status_code == 302
    coproduction.refresh_from_db()
    assert coproduction.ended
    overview = client.get(reverse("kompass:overview", args=[coproduction.slug]), secure=True)
    assert "nur noch zum Nachlesen" in overview.content.decode()


def test_a_stale_stage_change_is_refused(client, coproduction, coordinator):
    client.force_login(coordinator)
    url = reverse("lifecycle:stage", args=[coproduction.slug])
    _change(coproduction, coordinator, stage="running")
    response = client.post(url, {"stage": "closing", "version": 1}, secure=True)
    assert response.status_code == 200 and "inzwischen geändert" in response.content.decode()
    coproduction.refresh_from_db()
    assert coproduction.stage == "running"


def test_the_weekly_digest_skips_an_ended_co_production(coproduction, coordinator):
    from kompass.digest import digests

    _change(coproduction, coordinator, stage="ended", ending="goals_reached")
    messages, _state = digests()
    assert not any(coproduction.name in m.body for m in messages)


def test_nothing_waits_in_an_ended_co_production(coproduction, coordinator):
    from django.utils import timezone

    from kompass.waiting import waiting_for
    from tests.factories import make_milestone

    me = Membership.objects.get(user=coordinator, coproduction=coproduction)
    make_milestone(coproduction, due_date=timezone.localdate(), responsible=me)
    assert waiting_for(viewer_of(coordinator, coproduction)).milestones
    _change(coproduction, coordinator, stage="ended", ending="goals_reached")
    assert not waiting_for(viewer_of(coordinator, coproduction))


def test_an_ending_without_saying_how_is_refused_before_the_confirmation(
    client, coproduction, coordinator
):
    client.force_login(coordinator)
    url = reverse("lifecycle:stage", args=[coproduction.slug])
    page = client.post(url, {"stage": "ended", "version": coproduction.version}, secure=True)
    text = page.content.decode()
    assert "Wie endet die Ko-Produktion?" in text and "wirklich beenden" not in text


def test_a_member_of_an_ended_co_production_can_still_delete_their_account(
    coproduction, coordinator
):
    from accounts.services import account_delete

    member = add_member(coproduction, side=Side.ADMINISTRATION)
    _change(coproduction, coordinator, stage="ended", ending="goals_reached")
    account_delete(user=member.user)
    member.refresh_from_db()
    assert member.user is None and member.role_conflicts == ""
