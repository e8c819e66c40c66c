"""The search costs about the same however much the database holds and however many entries
match: it reads its own co-production's part of the full-text index only, reads the matches
newest first no further than the first page needs, and counts up to a cap — exactly below it,
„mehr als 200“ above, never counting what the viewer may not see."""

import pytest
from django.db import connection

from search import selectors
from search.indexing import rebuild
from search.selectors import CAP, search_werkstatt
from tests.factories import add_member, make_coproduction, make_goal, make_user, viewer_of
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    admin = make_user("amt@stadt.example")
    coproduction = make_coproduction(admin)
    civil = add_member(coproduction, make_user("ini@example.org"), side=Side.CIVIL_SOCIETY)
    other = make_coproduction(make_user("fremd@woanders.example"))
    return {"coproduction": coproduction, "admin": admin, "civil": civil.user, "other": other}


def searched(viewer, query):
    """The search's statements with their parameters, as sent to the database."""
    calls = []

    def spy(execute, sql, params, many, context):
        calls.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        results = search_werkstatt(viewer, query)
    return results, calls


def full_text_alone(match) -> set[int]:
    """The co-productions whose entries the search's full-text condition matches by itself,
    before any other condition: what the index hands the query to read."""
    if connection.vendor == "postgresql":
        sql = "SELECT coproduction_id FROM search_entry WHERE document @@ to_tsquery('simple', %s)"
    else:
        sql = (
            "SELECT e.coproduction_id FROM search_entry_fts f JOIN search_entry e "
            "ON e.id = f.rowid WHERE search_entry_fts MATCH %s"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match])
        return {row[0] for row in cursor.fetchall()}


def test_the_index_hands_the_search_its_own_coproductions_entries_only(world):
    for n in range(30):  # a larger co-production with the same words
        make_goal(world["other"], title=f"Kantine im Quartier {n}", description="Kantine")
    make_goal(world["coproduction"], title="Kantine im Quartier", description="Schulessen")
    rebuild()
    viewer = viewer_of(world["civil"], world["coproduction"])
    results, calls = searched(viewer, "Kantinen Quartier")
    assert [hit.entry.title for hit in results.hits] == ["Kantine im Quartier"]
    (sql, params), *more = [c for c in calls if "MATCH" in c[0] or "@@" in c[0]]
    assert not more
    assert full_text_alone(params[0]) == {world["coproduction"].pk}
    # The other co-production's entries are in the same index, under their own words.
    other = viewer_of(world["other"].memberships.get().user, world["other"])
    assert searched(other, "Kantinen Quartier")[0].total == 30


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_the_matches_are_read_from_the_index_newest_first_and_never_sorted(world):
    make_goal(world["coproduction"], title="Kantine")
    rebuild()
    _, calls = searched(viewer_of(world["civil"], world["coproduction"]), "Kantine")
    sql, params = next(c for c in calls if "MATCH" in c[0])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = [str(row[-1]) for row in cursor.fetchall()]
    text = "\n".join(plan)
    # The index is the outer loop; each match's entry is found by its key, none by a scan.
    assert text.count("VIRTUAL TABLE") == 2 and "SCAN search_entry_fts" in text, text
    assert text.count("search_entry USING INTEGER PRIMARY KEY") == 2, text
    assert "TEMP B-TREE" not in text and "SCAN search_entry\n" not in text + "\n", text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plan")
def test_postgresql_reads_the_matches_through_an_index_of_the_coproduction(world):
    """Through the GIN index (whose words are the co-production's) or, where the planner finds
    that cheaper, the co-production's own rows — never a scan through every co-production's
    entries, nor the primary key walked backwards until a page is full."""
    make_goal(world["coproduction"], title="Kantine")
    rebuild()
    _, calls = searched(viewer_of(world["civil"], world["coproduction"]), "Kantine")
    sql, params = next(c for c in calls if "@@" in c[0])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the tables are tiny here
        cursor.execute("EXPLAIN " + sql, params)
        text = "\n".join(row[0] for row in cursor.fetchall())
    reads = [
        line
        for line in text.splitlines()
        # An index's name may be cut short ("search_entr_coprodu_…_idx").
        if "Scan" in line and "search_entr" in line and "Heap" not in line
    ]
    assert reads, text
    assert all("search_entry_document" in r or "coprodu" in r for r in reads), text
    assert "Backward" not in text and "Seq Scan" not in text, text


def test_many_matches_are_counted_up_to_the_cap_and_an_old_title_still_leads(client, world):
    coproduction = world["coproduction"]
    make_goal(coproduction, title="Kantine")  # the oldest entry, the best match
    for n in range(CAP + 10):
        make_goal(coproduction, title=f"Ziel {n}", description="Die Kantine im Rathaus")
    rebuild()
    results = search_werkstatt(viewer_of(world["civil"], coproduction), "Kantine")
    assert results.capped and results.total == CAP and len(results.hits) == selectors.LIMIT
    assert results.hits[0].entry.title == "Kantine"
    client.force_login(world["civil"])
    page = client.get(
        f"/werkstatt/{coproduction.slug}/suche/", {"q": "Kantine"}, secure=True
    ).content.decode()
    assert "Mehr als 200 Treffer zu „Kantine“, die passendsten zuerst (die ersten 50)." in page


def test_the_other_sides_private_entries_do_not_count_towards_the_cap(world):
    coproduction = world["coproduction"]
    for n in range(150):
        make_goal(coproduction, title=f"Kantine {n}")
        make_goal(coproduction, title=f"Kantine geheim {n}", side=Side.ADMINISTRATION)
    rebuild()
    civil = search_werkstatt(viewer_of(world["civil"], coproduction), "Kantine")
    admin = search_werkstatt(viewer_of(world["admin"], coproduction), "Kantine")
    assert (civil.total, civil.capped) == (150, False)
    assert (admin.total, admin.capped) == (CAP, True)
    assert all(hit.entry.visibility != "side" for hit in civil.hits)


def test_a_beginning_finds_the_longer_words(world):
    make_goal(world["coproduction"], title="Wohnungsbau im Quartier")
    make_goal(world["coproduction"], title="Wohnzimmer")
    rebuild()
    viewer = viewer_of(world["civil"], world["coproduction"])
    assert {h.entry.title for h in search_werkstatt(viewer, "Wohn").hits} == {
        "Wohnungsbau im Quartier",
        "Wohnzimmer",
    }
    assert search_werkstatt(viewer, "Wohnung Quart").total == 1


def test_a_short_beginning_of_very_many_words_says_at_least(client, world):
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = " ".join(f"kant{a}{b}e" for a in letters[:8] for b in letters[:8])  # 64 words
    make_goal(world["coproduction"], title="Vokabeln", description=words)
    rebuild()
    results = search_werkstatt(viewer_of(world["civil"], world["coproduction"]), "kant")
    assert results.at_least and results.total == 1
    client.force_login(world["civil"])
    page = client.get(
        f"/werkstatt/{world['coproduction'].slug}/suche/", {"q": "kant"}, secure=True
    ).content.decode()
    assert "Mindestens 1 Treffer zu „kant“" in page


def test_the_other_sides_private_words_never_crowd_out_ones_own(world):
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = " ".join(f"kant{a}{b}e" for a in letters[:8] for b in letters[:8])  # 64 words
    make_goal(world["coproduction"], title="Vokabeln", description=words, side=Side.ADMINISTRATION)
    make_goal(world["coproduction"], title="Kantine")
    rebuild()
    civil = search_werkstatt(viewer_of(world["civil"], world["coproduction"]), "kant")
    assert [h.entry.title for h in civil.hits] == ["Kantine"]
    assert (civil.total, civil.at_least) == (1, False)
    admin = search_werkstatt(viewer_of(world["admin"], world["coproduction"]), "kant")
    assert admin.at_least and "Vokabeln" in {h.entry.title for h in admin.hits}
