"""The data page and download name what the feature apps store about a person (DSGVO Art. 15,
20) — their own entries, never other people's, and an item only while the person may see it."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import selectors
from accounts.sections import UNSEEN, all_sections
from decisions.models import Decision, Vote
from meetings.models import Availability
from reflection import services as reflection
from reflection.closing import round_close
from structures.models import Body, Mandate
from tests import factories
from tests.accounts.personal_data.entries import (
    decision,
    download,
    everything_of,
    page,
    poll_with_dates,
    section,
)
from tests.reflection.helpers import answers, open_round
from workspaces.models import Membership
from workspaces.services import membership_leave
from workspaces.visibility import Side, Visibility

pytestmark = pytest.mark.django_db


def test_the_page_and_the_download_show_what_the_feature_apps_store_about_the_person(
    client, coproduction, ada, coordinator
):
    everything_of(coproduction, ada, coordinator)

    data = download(client, ada.user)
    shown = page(client, ada.user)

    rows = {s["key"]: s["rows"] for s in data["sections"]}
    assert rows["decisions.votes"][0][1:3] == [
        "Legen wir einen Gemeinschaftsgarten an?",
        "Zustimmung",
    ]
    assert rows["decisions.votes"][0][4] == "Guter Boden"
    assert rows["decisions.prepared"][0][1] == "Legen wir einen Gemeinschaftsgarten an?"
    assert rows["meetings.availabilities"][0][1] == "Plenum im Dezember"
    assert rows["meetings.availabilities"][0][3] == "Wenn es sein muss"
    assert rows["goals.stewarded"][0][1] == "Mehr regionales Essen"
    assert rows["goals.milestones"][0][1] == "Erste Ernte"
    assert rows["structures.mandates"][0][1:4] == ["Steuerungsgruppe", "Ernährungsrat", "Termine"]
    assert rows["structures.bodies"][0][1] == "Steuerungsgruppe"
    assert rows["actors.actors"][0][1:4] == [
        "Tafel Musterstadt",
        "Netzwerk, Verband, Initiative",
        "ihr sprecht sie an",
    ]
    assert rows["resources.positions"][0][1:5] == [
        "Koordinationsstelle Garten",
        "ihr habt die Stelle",
        "Bezahlt",
        "Honorar",
    ]
    assert rows["handover.handovers"][0][2] == "ihr gebt ab"
    assert len(rows["reflection.answers"]) == 6
    assert {row[4] for row in rows["reflection.answers"]} == {"Es läuft gut"}
    for title in (s["title"] for s in data["sections"] if s["rows"]):
        assert title in shown
    for value in ("Legen wir einen Gemeinschaftsgarten an?", "Guter Boden", "Es läuft gut"):
        assert value in shown
    # Other people: the successor of the handover, the actor's contact person, their mail.
    dump = json.dumps(data, ensure_ascii=False)
    for other in ("Konrad Koordination", "koordination@amt.example", "Gerd Geheim", "gerd@tafel"):
        assert other not in dump, other
        assert other not in shown, other


def test_a_section_table_has_a_caption_and_column_headers(client, coproduction, ada, coordinator):
    everything_of(coproduction, ada, coordinator)

    shown = page(client, ada.user)

    assert '<caption class="visually-hidden">Eure Stimmen</caption>' in shown
    assert '<th scope="col">Stimme</th>' in shown
    assert 'role="region"' in shown


def test_another_persons_votes_answers_and_duties_never_appear(
    client, coproduction, ada, bea, coordinator
):
    everything_of(coproduction, bea, coordinator)
    shared = Decision.objects.get()
    Vote.objects.create(decision=shared, membership=ada, choice=Vote.Choice.AGREE)

    data = download(client, ada.user)

    assert [row[2] for row in section(data, "decisions.votes")["rows"]] == ["Zustimmung"]
    empty = {s["key"] for s in data["sections"] if not s["rows"]}
    assert {
        "decisions.prepared",
        "meetings.availabilities",
        "goals.stewarded",
        "goals.milestones",
        "structures.mandates",
        "actors.actors",
        "resources.positions",
        "handover.handovers",
        "reflection.answers",
    } <= empty
    dump = json.dumps(data, ensure_ascii=False)
    for other in ("Guter Boden", "Es läuft gut", "Bea Beispiel", "bea@example.org"):
        assert other not in dump, other


def test_a_side_only_item_of_the_other_side_is_never_named(client, coproduction, ada):
    """Nothing lets a civil-society member steward the administration's own goal; were it
    stored anyway, the export would still not name it."""
    factories.make_goal(
        coproduction, side=Side.ADMINISTRATION, title="Haushaltsreserve des Amts", steward=ada
    )
    factories.make_milestone(
        coproduction,
        title="Interne Vorlage an den Dezernenten",
        side=Side.ADMINISTRATION,
        visibility=Visibility.SIDE,
        responsible=ada,
    )
    secret = decision(
        coproduction,
        "Verwaltungsinterne Linie?",
        visibility=Visibility.SIDE,
        owner_side=Side.ADMINISTRATION,
    )
    Vote.objects.create(decision=secret, membership=ada, choice=Vote.Choice.AGREE)
    body = Body.objects.create(
        coproduction=coproduction,
        name="Amtsrunde",
        kind="working_group",
        visibility=Visibility.SIDE,
        owner_side=Side.ADMINISTRATION,
    )
    Mandate.objects.create(
        coproduction=coproduction,
        body=body,
        partner=ada.partner,
        holder=ada,
        started_on=date(2025, 2, 1),
        needs_consultation="Alles zum Haushalt",
    )

    data = download(client, ada.user)
    shown = page(client, ada.user)

    for key in ("goals.stewarded", "goals.milestones", "decisions.votes", "structures.mandates"):
        assert section(data, key)["rows"][0][1] == UNSEEN, key
    for hidden in (
        "Haushaltsreserve",
        "Interne Vorlage",
        "Verwaltungsinterne Linie",
        "Amtsrunde",
        "Alles zum Haushalt",
    ):
        assert hidden not in json.dumps(data, ensure_ascii=False), hidden
        assert hidden not in shown, hidden
    assert UNSEEN in shown


def test_a_member_who_left_keeps_their_own_votes_but_no_longer_reads_the_items(
    client, coproduction, ada, coordinator
):
    everything_of(coproduction, ada, coordinator)
    public = decision(coproduction, "Öffentlicher Beschluss?", visibility=Visibility.PUBLIC)
    Vote.objects.create(decision=public, membership=ada, choice=Vote.Choice.AGREE)
    membership_leave(actor=ada.user, membership=ada)

    data = download(client, ada.user)

    votes = {row[1]: row for row in section(data, "decisions.votes")["rows"]}
    assert set(votes) == {"Öffentlicher Beschluss?", UNSEEN}
    assert votes[UNSEEN][2:5] == ["Zustimmung", None, "Guter Boden"]  # their own vote stays
    assert section(data, "goals.stewarded")["rows"][0][1:3] == [UNSEEN, None]
    assert section(data, "structures.mandates")["rows"][0][1:5] == [UNSEEN, None, None, None]
    assert section(data, "actors.actors")["rows"][0][1:3] == [UNSEEN, None]
    assert section(data, "resources.positions")["rows"][0][3] is None  # the item's details
    dump = json.dumps(data, ensure_ascii=False)
    for hidden in (
        "Gemeinschaftsgarten",
        "Plenum im Dezember",
        "Mehr regionales Essen",
        "Erste Ernte",
        "Steuerungsgruppe",
        "Tafel Musterstadt",
        "Koordinationsstelle",
        "Reflexion Winter",
    ):
        assert hidden not in dump, hidden


def test_a_member_who_changed_sides_no_longer_reads_the_items_of_the_side_they_left(
    client, coproduction, ada
):
    own_side = decision(
        coproduction,
        "Was will die Initiative?",
        visibility=Visibility.SIDE,
        owner_side=Side.CIVIL_SOCIETY,
    )
    joint = decision(coproduction, "Gemeinsamer Beschluss?")
    for item in (own_side, joint):
        Vote.objects.create(decision=item, membership=ada, choice=Vote.Choice.AGREE)
    membership_leave(actor=ada.user, membership=ada)
    factories.add_member(coproduction, ada.user, side=Side.ADMINISTRATION)

    rows = section(download(client, ada.user), "decisions.votes")["rows"]

    assert sorted(row[1] for row in rows) == sorted(["Gemeinsamer Beschluss?", UNSEEN])


def test_reflection_answers_are_the_persons_while_the_round_runs_and_nobodys_after(
    client, coproduction, ada, bea, coordinator
):
    round_ = open_round(coproduction, coordinator)
    reflection.response_save(membership=ada, round_=round_, answers=answers(2, "Zu wenig Zeit"))
    reflection.response_save(membership=bea, round_=round_, answers=answers(5, "Bea findet"))

    running = section(download(client, ada.user), "reflection.answers")["rows"]
    round_close(actor=coordinator, round_=round_)
    closed = section(download(client, ada.user), "reflection.answers")["rows"]

    assert {(row[3], row[4]) for row in running} == {("2 – eher nicht", "Zu wenig Zeit")}
    assert closed == []


def queries_of(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        selectors.personal_data(user)
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_what_the_person_did(
    client, coproduction, ada, bea, coordinator
):
    """One person who voted once and answered one date, another who did it ten times: the
    same queries (on the page too)."""
    for member, n in ((ada, 1), (bea, 10)):
        for i in range(n):
            item = decision(coproduction, f"Frage {member.pk}-{i}")
            Vote.objects.create(
                decision=item, membership=member, choice=Vote.Choice.AGREE, reason="Ja"
            )
            factories.make_goal(coproduction, steward=member)
        for proposed in poll_with_dates(coproduction, f"Umfrage {member.pk}", n):
            Availability.objects.create(date=proposed, membership=member, answer="yes")

    once, ten = queries_of(ada.user), queries_of(bea.user)

    assert once == ten
    assert once <= 6 + 2 * len(all_sections())
    client.force_login(ada.user)
    with CaptureQueriesContext(connection) as page_once:
        client.get("/konto/daten/", secure=True)
    client.force_login(bea.user)
    with CaptureQueriesContext(connection) as page_ten:
        client.get("/konto/daten/", secure=True)
    assert len(page_once.captured_queries) == len(page_ten.captured_queries)


def test_the_page_shows_the_newest_rows_of_a_long_section_and_the_download_all(
    client, coproduction, ada, monkeypatch
):
    monkeypatch.setattr("accounts.views.DATA_PAGE_CHANGES", 3)
    for i in range(5):
        Vote.objects.create(decision=decision(coproduction, f"Frage {i}"), membership=ada)

    shown = page(client, ada.user)
    data = download(client, ada.user)

    assert "5 Einträge, hier die neuesten 3; alle stehen in der Datei." in shown
    assert len(section(data, "decisions.votes")["rows"]) == 5


# Every app that stores something about a person declares it.

# Fields pointing at a person that need no section, and why.
NOT_IN_THE_EXPORT = {
    "workspaces.Membership.user": "the memberships themselves, listed by accounts",
    "reflection.Response.membership": "read through its answers (reflection.answers)",
    "history.ChangeRecord.actor": "the person's recorded changes, listed by accounts",
    "workspaces.Invitation.invited_by": "names another person's address: not the person's data",
}
# Who created an item: the creation is among the person's recorded changes ("angelegt").
CREATED_BY = "created_by"


def person_fields() -> list[str]:
    """Every foreign key or many-to-many field of the project's models that points at a
    membership or an account, by ``app.Model.field``."""
    root = Path(settings.BASE_DIR)
    found = []
    for model in apps.get_models():
        if Path(apps.get_app_config(model._meta.app_label).path).parent != root:
            continue
        for field in model._meta.get_fields(include_hidden=False):
            person = field.related_model in (Membership, get_user_model())
            if field.is_relation and not field.auto_created and person:
                found.append(f"{model._meta.label}.{field.name}")
    return found


def test_every_field_that_points_at_a_membership_is_read_by_its_apps_section():
    root = Path(settings.BASE_DIR)
    missing = []
    for name in person_fields():
        if name in NOT_IN_THE_EXPORT or name.endswith(f".{CREATED_BY}"):
            continue
        app, _, field = name.split(".")
        module = root / apps.get_app_config(app).name / "personal_data.py"
        if not module.exists() or f"{field}" not in module.read_text(encoding="utf-8"):
            missing.append(name)
    assert missing == []


def test_sections_come_in_app_order_with_unique_keys():
    keys = [s.key for s in all_sections()]
    order = [c.label for c in apps.get_app_configs()]

    assert len(keys) == len(set(keys))
    assert [k.split(".")[0] for k in keys] == sorted(
        (k.split(".")[0] for k in keys), key=order.index
    )
