"""The Werkstatt search: kept current with every change, strictly by visibility, ranked."""

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from goals import services as goals
from meetings import services as meetings
from meetings.models import Minutes
from search.indexing import rebuild
from search.models import Entry
from search.selectors import search_werkstatt
from tests.factories import add_member, make_coproduction, make_user, viewer_of
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    admin = make_user("amt@stadt.example", display_name="Amalia Amt")
    coproduction = make_coproduction(admin)  # admin is the administration's coordinator
    civil = add_member(coproduction, make_user("ini@example.org"), side=Side.CIVIL_SOCIETY)
    civil_coordinator = add_member(
        coproduction, make_user("koord@example.org"), side=Side.CIVIL_SOCIETY, access="coordination"
    )
    colleague = add_member(
        coproduction, make_user("kollegin@stadt.example"), side=Side.ADMINISTRATION
    )
    other = make_coproduction(make_user("fremd@woanders.example"))
    return {
        "coproduction": coproduction,
        "admin": admin,
        "civil": civil.user,
        "civil_coordinator": civil_coordinator.user,
        "colleague": colleague.user,
        "other": other,
    }


def find(world, who, query):
    results = search_werkstatt(viewer_of(world[who], world["coproduction"]), query)
    return [hit.entry.title for hit in results.hits], results.total


def goal(world, title, *, side="", visibility=None, description=""):
    return goals.goal_create(
        actor=world["admin"],
        coproduction=world["coproduction"],
        kind="side" if side else "joint",
        owner_side=side,
        level="abstract",
        title=title,
        description=description,
        visibility=visibility,
    )


def test_a_created_item_is_found_an_edited_one_by_its_new_words_a_deleted_one_no_more(world):
    item = goal(world, "Ernährungsgipfel vorbereiten")
    assert find(world, "civil", "Ernährungsgipfel")[0] == ["Ernährungsgipfel vorbereiten"]
    goals.goal_update(
        actor=world["admin"], goal=item, expected_version=item.version, title="Kantinen umstellen"
    )
    assert find(world, "civil", "Ernährungsgipfel")[0] == []
    assert find(world, "civil", "Kantine")[0] == ["Kantinen umstellen"]
    item.refresh_from_db()
    goals.goal_delete(actor=world["admin"], goal=item, expected_version=item.version)
    assert find(world, "civil", "Kantine") == ([], 0)
    assert not Entry.objects.filter(kind="Ziel").exists()


def test_a_meeting_is_found_by_its_agenda_and_minutes_and_loses_a_removed_item(world):
    start = timezone.now() + timedelta(days=3)
    meeting = meetings.meeting_create(
        actor=world["admin"],
        coproduction=world["coproduction"],
        owner_side="",
        title="Plenum im März",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        format="in_person",
        place="Rathaus",
    )
    item = meetings.agenda_item_add(actor=world["admin"], meeting=meeting, title="Haushaltsplanung")
    assert find(world, "civil", "Haushaltsplanung")[0] == ["Plenum im März"]
    minutes = Minutes.objects.get(meeting=meeting)
    meetings.minutes_update(
        actor=world["admin"],
        minutes=minutes,
        expected_version=minutes.version,
        text="Das Budget für Schulessen wurde besprochen.",
    )
    assert find(world, "civil", "Budget Schulessen")[0] == ["Plenum im März"]
    meetings.agenda_item_remove(actor=world["admin"], item=item)
    assert find(world, "civil", "Haushaltsplanung")[0] == []


@pytest.mark.parametrize(
    ("who", "sees_side_only"),
    [("admin", True), ("colleague", True), ("civil", False), ("civil_coordinator", False)],
)
def test_side_only_items_are_neither_found_nor_counted_by_the_other_side(
    world, who, sees_side_only
):
    goal(world, "Geheimplan Kantine", side=Side.ADMINISTRATION)
    goal(world, "Kantine für alle")
    goals.milestone_create(
        actor=world["admin"],
        coproduction=world["coproduction"],
        owner_side="",
        title="Kantine eröffnet",
        kind="content",
        due_date=date(2026, 3, 1),
        visibility="public",
    )
    titles, total = find(world, who, "Kantine")
    expected = {"Kantine für alle", "Kantine eröffnet"} | (
        {"Geheimplan Kantine"} if sees_side_only else set()
    )
    assert set(titles) == expected and total == len(expected)
    assert (find(world, who, "Geheimplan")[1] == 1) is sees_side_only


def test_the_page_answers_by_role(client, world):
    goal(world, "Geheimplan Kantine", side=Side.ADMINISTRATION)
    url = f"/werkstatt/{world['coproduction'].slug}/suche/"
    assert client.get(url, {"q": "Kantine"}, secure=True).status_code == 302  # anonymous
    client.force_login(world["other"].memberships.get().user)
    assert client.get(url, {"q": "Kantine"}, secure=True).status_code == 404
    client.force_login(world["civil"])
    page = client.get(url, {"q": "Geheimplan"}, secure=True).content.decode()
    assert "Zu „Geheimplan“ haben wir in der Werkstatt nichts gefunden." in page
    assert "Treffer" not in page.split("In der Werkstatt")[2].split("Im Leitfaden")[0]
    client.force_login(world["colleague"])
    page = client.get(url, {"q": "Geheimplan"}, secure=True).content.decode()
    assert "<mark>Geheimplan</mark> Kantine" in page and "1 Treffer" in page
    assert "badge-side" in page and "Ziel" in page


def test_members_are_found_by_name_only_and_partners_by_what_they_wrote(world):
    rebuild()  # members made by the factories, not through a service
    assert find(world, "civil", "Amalia")[0] == ["Amalia Amt"]
    assert find(world, "civil", "Umweltamt")[0] == ["Umweltamt"]


def test_german_words_find_each_other(world):
    goal(world, "Haushaltsmittel für die Koordination", description="Mehr Entscheidungen vor Ort")
    goal(world, "Mittel aus dem Haushalt der Stadt")
    assert find(world, "civil", "Haushalt")[1] == 2  # a part finds the whole
    assert find(world, "civil", "Haushaltsmittel")[1] == 2  # the whole finds its parts
    assert find(world, "civil", "Entscheidung")[0] == ["Haushaltsmittel für die Koordination"]
    assert find(world, "civil", "koordination haushaltsmittel")[1] == 1  # every word must match


def test_a_title_match_ranks_above_a_mention_in_the_text(world):
    goal(world, "Schulessen", description="Kantine")
    goal(world, "Kantine im Rathaus", description="Schulessen wird später geplant")
    goal(world, "Kantine", description="Kantine, Kantine")
    assert find(world, "civil", "Kantine")[0][:2] == ["Kantine", "Kantine im Rathaus"]


def test_snippets_mark_the_match_and_escape_the_text(world):
    goal(
        world, "Kantine", description="Wir <script>alert(1)</script> bauen eine Kantine im Rathaus."
    )
    hit = search_werkstatt(viewer_of(world["civil"], world["coproduction"]), "Rathaus").hits[0]
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "<mark>Rathaus</mark>" in hit.snippet


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "Kantine OR",
        'NEAR("a" "b")',
        "x" * 1_000_000,
        "der die das",
        "(",
        ":*",
    ],
)
def test_absurd_queries_never_fail(client, world, query):
    goal(world, "Kantine")
    client.force_login(world["civil"])
    response = client.get(
        f"/werkstatt/{world['coproduction'].slug}/suche/", {"q": query}, secure=True
    )
    assert response.status_code == 200


def test_a_nul_byte_is_refused_before_the_search(client, world):
    client.force_login(world["civil"])
    url = f"/werkstatt/{world['coproduction'].slug}/suche/"
    assert client.get(url, {"q": "Kan\x00tine"}, secure=True).status_code == 400
    # Called directly, the search drops it (PostgreSQL refuses NUL in any string).
    assert (
        search_werkstatt(viewer_of(world["civil"], world["coproduction"]), "Kan\x00tine").hits == []
    )


def test_the_header_searches_the_werkstatt_one_is_in(client, world):
    client.force_login(world["civil"])
    slug = world["coproduction"].slug
    page = client.get(f"/werkstatt/{slug}/", secure=True).content.decode()
    assert f'action="/werkstatt/{slug}/suche/"' in page
    page = client.get("/werkstatt/", secure=True).content.decode()
    assert 'action="/faecher/suche/"' in page


def test_the_page_offers_the_guides_hits_beside(client, world):
    goal(world, "Entscheidungen im Konsens treffen")
    client.force_login(world["civil"])
    page = client.get(
        f"/werkstatt/{world['coproduction'].slug}/suche/", {"q": "Konsens"}, secure=True
    ).content.decode()
    assert "Im Leitfaden" in page and 'href="/faecher/karten/42/"' in page


def test_the_query_count_stays_flat_as_data_grows(client, world, django_assert_max_num_queries):
    """Session, user, membership, co-production, hits, and the count once hits fill a page."""
    client.force_login(world["civil"])
    url = f"/werkstatt/{world['coproduction'].slug}/suche/"
    for n in range(3):
        goal(world, f"Kantine {n}")
    with django_assert_max_num_queries(6):
        client.get(url, {"q": "Kantine"}, secure=True)
    for n in range(80):
        goal(world, f"Kantine {n}", side=Side.ADMINISTRATION if n % 2 else "")
    with django_assert_max_num_queries(6):
        page = client.get(url, {"q": "Kantine"}, secure=True).content.decode()
    assert "43 Treffer" in page  # 3 + 40 shared; the other side's 40 are not counted


def test_items_written_past_the_services_are_indexed_by_the_rebuild_command(world):
    from django.core.management import call_command

    from tests.factories import make_goal

    make_goal(world["coproduction"], title="Solidarische Landwirtschaft")
    assert find(world, "civil", "Landwirtschaft")[1] == 0
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Einträge im Suchindex" in out.getvalue()
    assert find(world, "civil", "Landwirtschaft")[1] == 1


def test_a_shared_draft_becomes_findable_for_the_other_side(world):
    goal(world, "Vorschlag Schulgarten", side=Side.ADMINISTRATION)
    assert find(world, "civil", "Schulgarten")[1] == 0
    goals.goals_share(
        actor=world["admin"], coproduction=world["coproduction"], side=Side.ADMINISTRATION
    )
    assert find(world, "civil", "Schulgarten")[0] == ["Vorschlag Schulgarten"]
