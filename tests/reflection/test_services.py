from datetime import timedelta

import pytest
from django.utils import timezone

from history.models import ChangeRecord
from history.services import history_for
from reflection import services
from reflection.models import Answer, Response
from workspaces.concurrency import StaleEdit
from workspaces.services import WorkspaceError

from .helpers import answers, open_round


def test_a_member_answers_once_and_may_change_the_answers_while_the_round_runs(
    round_, civil_member
):
    first = services.response_save(membership=civil_member, round_=round_, answers=answers(2))
    again = services.response_save(
        membership=civil_member,
        round_=round_,
        answers=answers(5, "Besser"),
        expected_version=first.version,
    )
    assert again.pk == first.pk and Response.objects.count() == 1
    assert set(Answer.objects.values_list("score", flat=True)) == {5}


def test_a_second_tab_with_an_old_version_is_told_instead_of_overwriting(round_, civil_member):
    first = services.response_save(membership=civil_member, round_=round_, answers=answers(2))
    services.response_save(
        membership=civil_member, round_=round_, answers=answers(3), expected_version=first.version
    )
    with pytest.raises(StaleEdit):
        services.response_save(
            membership=civil_member,
            round_=round_,
            answers=answers(4),
            expected_version=first.version,
        )


def test_every_question_needs_an_answer(round_, civil_member):
    partial = answers(3)
    partial.popitem()
    with pytest.raises(WorkspaceError):
        services.response_save(membership=civil_member, round_=round_, answers=partial)


def test_nobody_answers_before_a_round_begins_or_after_it_closed(
    coproduction, coordinator, civil_member
):
    today = timezone.localdate()
    later = open_round(coproduction, coordinator, opens_on=today + timedelta(days=3))
    with pytest.raises(WorkspaceError):
        services.response_save(membership=civil_member, round_=later, answers=answers(3))
    now = open_round(coproduction, coordinator)
    services.round_close(actor=coordinator, round_=now)
    with pytest.raises(WorkspaceError):
        services.response_save(membership=civil_member, round_=now, answers=answers(3))


def test_closing_erases_who_answered_what_and_the_history_says_only_opened_and_closed(
    round_, coordinator, civil_member
):
    services.response_save(
        membership=civil_member, round_=round_, answers=answers(1, "Geheimer Kommentar")
    )
    assert services.round_close(actor=coordinator, round_=round_)
    assert Response.objects.get().membership is None
    assert Response.objects.get().side == "civil_society"
    records = ChangeRecord.objects.filter(coproduction=round_.coproduction)
    text = " ".join(str(r.changes) + r.object_label for r in records)
    assert "Geheimer Kommentar" not in text
    assert not records.filter(object_label__icontains="Antwort").exists()
    kinds = list(history_for(round_).values_list("action", flat=True))
    assert sorted(kinds) == ["created", "updated"]


def test_a_round_is_checked_for_sensible_dates(coproduction, coordinator):
    today = timezone.localdate()
    with pytest.raises(WorkspaceError) as error:
        open_round(coproduction, coordinator, opens_on=today - timedelta(days=1))
    assert error.value.field == "opens_on"
    with pytest.raises(WorkspaceError) as error:
        open_round(coproduction, coordinator, closes_on=today - timedelta(days=1))
    assert error.value.field == "closes_on"
    with pytest.raises(WorkspaceError):
        open_round(coproduction, coordinator, closes_on=today + timedelta(days=400))


def test_a_running_round_keeps_its_beginning_but_may_end_later(round_, coordinator):
    with pytest.raises(WorkspaceError):
        services.round_update(
            actor=coordinator,
            round_=round_,
            expected_version=round_.version,
            opens_on=round_.opens_on + timedelta(days=1),
        )
    services.round_update(
        actor=coordinator,
        round_=round_,
        expected_version=round_.version,
        closes_on=round_.closes_on + timedelta(days=7),
    )
    round_.refresh_from_db()
    assert round_.version == 2


def test_a_round_with_answers_is_not_deleted(round_, coordinator, civil_member):
    services.response_save(membership=civil_member, round_=round_, answers=answers(3))
    with pytest.raises(WorkspaceError):
        services.round_delete(actor=coordinator, round_=round_)


def test_a_consequence_names_no_side_only_goal_or_decision(coproduction, round_, coordinator):
    from tests.factories import make_goal

    secret = make_goal(coproduction, side="administration", title="Internes Ziel")
    with pytest.raises(WorkspaceError) as error:
        services.consequence_create(actor=coordinator, round_=round_, text="Tun", goal=secret)
    assert error.value.field == "goal"
    joint = make_goal(coproduction, title="Gemeinsames Ziel")
    consequence = services.consequence_create(
        actor=coordinator, round_=round_, text="Ziel schärfen", goal=joint, kind="goal"
    )
    assert consequence.goal == joint


def test_a_goal_named_by_a_consequence_stays_visible_to_all(coproduction, round_, coordinator):
    from goals import services as goals
    from tests.factories import make_goal

    shared = make_goal(coproduction, side="administration", visibility="coproduction")
    services.consequence_create(actor=coordinator, round_=round_, text="Prüfen", goal=shared)
    with pytest.raises(WorkspaceError):
        goals.goal_update(
            actor=coordinator, goal=shared, expected_version=shared.version, visibility="side"
        )


def test_an_evaluation_waits_for_the_round_to_close(round_, coordinator):
    with pytest.raises(WorkspaceError):
        services.evaluation_save(actor=coordinator, round_=round_, text="Gut", visibility="public")
    services.round_close(actor=coordinator, round_=round_)
    evaluation = services.evaluation_save(
        actor=coordinator, round_=round_, text="Gut", visibility="public"
    )
    assert evaluation.visibility == "public"
