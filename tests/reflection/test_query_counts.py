"""The reflection's pages make the same number of queries however many rounds, answers and
consequences there are (the large demo's rounds, twice over)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reflection import demo
from reflection.models import ReflectionRound
from tests.factories import add_member
from workspaces.visibility import Side


def pages(coproduction):
    latest = ReflectionRound.objects.filter(coproduction=coproduction).first()
    return ["", "verlauf/", "verlauf/?seite=civil_society", f"{latest.pk}/", "rhythmus/"]


def counts(client, coproduction) -> dict[str, int]:
    result = {}
    for path in pages(coproduction):
        url = f"/werkstatt/{coproduction.slug}/reflexion/{path}"
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
