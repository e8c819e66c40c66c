"""Verstetigung, Abschluss and reaching beyond (cards 34, 36, 37, 38): services, pages, the
public final report and the Check's rules as each side sees them."""

import pytest
from django.urls import reverse

from history.models import ChangeRecord
from kompass import check
from lifecycle import services
from lifecycle.models import Closing, ImpactPlan
from tests.factories import add_member, make_coproduction, make_user, viewer_of
from workspaces.concurrency import StaleEdit
from workspaces.models import Membership
from workspaces.services import WorkspaceError
from workspaces.stage import coproduction_stage_change
from workspaces.visibility import Side


@pytest.fixture
def coordinator(db):
    return make_user("koordination@amt.example")


@pytest.fixture
def coproduction(coordinator):
    return make_coproduction(coordinator, side=Side.ADMINISTRATION)


@pytest.fixture
def civil(coproduction):
    return add_member(coproduction, side=Side.CIVIL_SOCIETY, access=Membership.Access.COORDINATION)


def _stage(coproduction, actor, stage, **more):
    coproduction.refresh_from_db()
    coproduction_stage_change(
        actor=actor,
        coproduction=coproduction,
        expected_version=coproduction.version,
        stage=stage,
        **more,
    )


def test_a_path_is_joint_and_its_changes_are_recorded(coproduction, coordinator):
    path = services.path_create(actor=coordinator, coproduction=coproduction, path="regular")
    with pytest.raises(WorkspaceError, match="beide Seiten"):
        services.path_update(
            actor=coordinator, permanence_path=path, expected_version=1, visibility="side"
        )
    services.path_update(
        actor=coordinator, permanence_path=path, expected_version=1, status="chosen"
    )
    with pytest.raises(StaleEdit):
        services.path_update(
            actor=coordinator, permanence_path=path, expected_version=1, money="Haushalt"
        )
    assert ChangeRecord.objects.filter(object_id=path.pk, action="updated").count() == 1


def test_the_closing_is_one_per_co_production_and_versioned(coproduction, coordinator):
    first = services.closing_save(
        actor=coordinator, coproduction=coproduction, expected_version=None, reflection="Gut"
    )
    with pytest.raises(StaleEdit):  # a second "first" closing written meanwhile
        services.closing_save(
            actor=coordinator, coproduction=coproduction, expected_version=None, lessons="x"
        )
    services.closing_save(
        actor=coordinator, coproduction=coproduction, expected_version=1, lessons="Früher"
    )
    first.refresh_from_db()
    assert Closing.objects.count() == 1 and first.reflected


def test_a_side_only_impact_plan_stays_with_its_side(client, coproduction, coordinator, civil):
    plan = services.impact_create(
        actor=civil.user,
        coproduction=coproduction,
        owner_side=Side.CIVIL_SOCIETY,
        way="politicise",
        title="Kampagne gegen das Vergaberecht",
        visibility="side",
    )
    client.force_login(coordinator)
    url = reverse("lifecycle:overview", args=[coproduction.slug])
    assert "Kampagne gegen" not in client.get(url, secure=True).content.decode()
    detail = reverse("lifecycle:impact", args=[coproduction.slug, plan.pk])
    assert client.get(detail, secure=True).status_code == 404
    client.force_login(civil.user)
    assert "Kampagne gegen" in client.get(url, secure=True).content.decode()


def test_a_joint_impact_plan_is_never_made_side_only(coproduction, coordinator):
    plan = services.impact_create(
        actor=coordinator,
        coproduction=coproduction,
        owner_side=Side.ADMINISTRATION,
        way="scale",
        title="Landesebene",
    )
    assert plan.owner_side == ""
    with pytest.raises(WorkspaceError, match="keiner Seite"):
        services.impact_update(
            actor=coordinator, impact=plan, expected_version=1, visibility="side"
        )


def test_the_public_page_carries_the_final_report_only_when_public(
    client, coproduction, coordinator
):
    services.closing_save(
        actor=coordinator,
        coproduction=coproduction,
        expected_version=None,
        report="Die Kantinen kochen regional.",
    )
    url = reverse("public:page", args=[coproduction.slug])
    assert "Die Kantinen kochen regional" not in client.get(url, secure=True).content.decode()
    services.closing_save(
        actor=coordinator,
        coproduction=coproduction,
        expected_version=1,
        visibility="public",
    )
    page = client.get(url, secure=True).content.decode()
    assert "Abschlussbericht" in page and "Die Kantinen kochen regional" in page


def test_the_overview_costs_the_same_queries_with_more_plans(
    client, coproduction, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = reverse("lifecycle:overview", args=[coproduction.slug])

    def add(n):
        for i in range(n):
            services.impact_create(
                actor=coordinator,
                coproduction=coproduction,
                owner_side="",
                way="duplicate",
                title=f"Vorhaben {i}",
            )
            services.path_create(actor=coordinator, coproduction=coproduction, path="regular")

    add(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url, secure=True)
    add(30)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url, secure=True).status_code == 200


def test_the_check_asks_for_a_path_only_in_verstetigung(coproduction, coordinator):
    viewer = viewer_of(coordinator, coproduction)
    ids = {f.rule.id for f in check.run(viewer, coproduction).open}
    assert "lifecycle.permanence-path" not in ids
    _stage(coproduction, coordinator, "permanence")
    ids = {f.rule.id for f in check.run(viewer, coproduction).open}
    assert "lifecycle.permanence-path" in ids


def test_a_side_only_impact_plan_settles_the_point_only_for_its_side(
    coproduction, coordinator, civil
):
    coproduction.start_date = coproduction.start_date.replace(year=2020)
    coproduction.save(update_fields=["start_date"])
    _stage(coproduction, coordinator, "running")
    services.impact_create(
        actor=civil.user,
        coproduction=coproduction,
        owner_side=Side.CIVIL_SOCIETY,
        way="politicise",
        title="Geheime Kampagne",
        visibility="side",
    )
    coproduction.refresh_from_db()

    def open_for(user):
        report = check.run(viewer_of(user, coproduction), coproduction)
        return {f.rule.id: f for f in report.open}

    assert "lifecycle.impact-plan" in open_for(coordinator)
    assert "lifecycle.impact-plan" not in open_for(civil.user)
    assert "Geheime" not in open_for(coordinator)["lifecycle.impact-plan"].problem.text


def test_an_ended_co_production_is_checked_only_for_its_ending(coproduction, coordinator):
    _stage(coproduction, coordinator, "ended", ending="goals_reached")
    coproduction.refresh_from_db()
    report = check.run(viewer_of(coordinator, coproduction), coproduction)
    assert {f.rule.id for f in report.open} == {"lifecycle.closing-reflection"}
    assert not report.settled or all(rule.after_end for rule in report.settled)


def test_every_page_renders_for_a_member(client, coproduction, coordinator):
    client.force_login(coordinator)
    path = services.path_create(actor=coordinator, coproduction=coproduction, path="regular")
    plan = services.impact_create(
        actor=coordinator, coproduction=coproduction, owner_side="", way="scale", title="Land"
    )
    slug = coproduction.slug
    for url in [
        reverse("lifecycle:overview", args=[slug]),
        reverse("lifecycle:stage", args=[slug]),
        reverse("lifecycle:path", args=[slug, path.pk]),
        reverse("lifecycle:closing", args=[slug]),
        reverse("lifecycle:impact", args=[slug, plan.pk]),
        reverse("lifecycle:path_create", args=[slug]),
        reverse("lifecycle:impact_create", args=[slug]),
    ]:
        assert client.get(url, secure=True).status_code == 200, url
    assert ImpactPlan.objects.count() == 1


def test_the_large_demos_plans_keep_the_overview_flat_and_each_side_to_itself(
    client, coproduction, coordinator, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lifecycle.demo import add_large

    client.force_login(coordinator)
    url = reverse("lifecycle:overview", args=[coproduction.slug])
    add_large(coproduction, count=10)
    with CaptureQueriesContext(connection) as few:
        client.get(url, secure=True)
    add_large(coproduction, count=200)
    with django_assert_max_num_queries(len(few)):
        page = client.get(url, secure=True).content.decode()
    assert "Vorhaben 4:" in page  # joint
    assert "Vorhaben 0:" not in page  # the civil society's own (i % 5 == 0)
