"""The reflection's pages make the same number of queries however many rounds, answers and
consequences there are (the large demo's rounds, twice over)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.templatetags import gemeinwerk
from reflection import demo
from reflection.models import ReflectionRound
from tests.factories import add_member
from workspaces.visibility import Side


def pages(coproduction):
    latest = ReflectionRound.objects.filter(coproduction=coproduction).first()
    return ["", "verlauf/", "verlauf/?seite=civil_society", f"{latest.pk}/", "rhythmus/"]


def counts(client, coproduction) -> dict[str, int]:
    """Each page's queries on a first visit: a closed round's results, rendered once per
    process, are read again."""
    result = {}
    for path in pages(coproduction):
        url = f"/werkstatt/{coproduction.slug}/reflexion/{path}"
        gemeinwerk._once.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, secure=True).status_code == 200, url
        result["round" if path[:1].isdigit() else path] = len(queries)
    return result


def test_query_counts_stay_flat_as_rounds_and_answers_grow(client, coproduction, coordinator):
    for _ in range(4):
        add_member(coproduction, side=Side.CIVIL_SOCIETY)
    demo.add_large(coproduction, rounds=3, consequences=5)
    client.force_login(coordinator)
    counts(client, coproduction)  # warm: the content types are cached after the first request
    small = counts(client, coproduction)
    for _ in range(20):
        add_member(coproduction, side=Side.ADMINISTRATION)
    demo.add_large(coproduction, rounds=30, consequences=200)
    large = counts(client, coproduction)
    assert large == small


def test_a_closed_round_renders_its_results_once(client, coproduction, coordinator):
    """Its results never change again: later visits show the same part of the page without
    reading the answers' comments; a round closed only by its date is read at every visit."""
    for _ in range(4):
        add_member(coproduction, side=Side.CIVIL_SOCIETY)
    demo.add_large(coproduction, rounds=2, consequences=1)
    client.force_login(coordinator)
    closed = ReflectionRound.objects.filter(
        coproduction=coproduction, closed_at__isnull=False
    ).first()
    url = f"/werkstatt/{coproduction.slug}/reflexion/{closed.pk}/"
    gemeinwerk._once.clear()
    with CaptureQueriesContext(connection) as first:
        first_page = client.get(url, secure=True).content.decode()
    with CaptureQueriesContext(connection) as later:
        later_page = client.get(url, secure=True).content.decode()
    assert "Ergebnisse" in first_page
    assert len(later) == len(first) - 1
    assert not any("reflection_answer" in query["sql"] for query in later.captured_queries)
    part = first_page[first_page.index('id="ergebnisse"') : first_page.index('id="konsequenzen"')]
    assert part in later_page
