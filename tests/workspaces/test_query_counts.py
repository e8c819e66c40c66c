"""Pages of the Werkstatt make the same number of queries however much data there is."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from goals.models import Goal, Milestone
from workspaces.models import Membership

PAGES = [
    "",
    "partner/",
    "mitglieder/",
    "ziele/",
    "ziele/ueberschneidung/",
    "strategie/",
    "meilensteine/",
]


def grow(coproduction, partner, n):
    users = User.objects.bulk_create(
        [User(email=f"p{n}-{i}@example.org", display_name=f"P {i}") for i in range(n)]
    )
    Membership.objects.bulk_create(
        [
            Membership(user=u, coproduction=coproduction, partner=partner, access="member")
            for u in users
        ]
    )
    Goal.objects.bulk_create(
        [
            Goal(
                coproduction=coproduction,
                kind="side" if i % 3 else "joint",
                owner_side=partner.side if i % 3 else "",
                level="abstract",
                title=f"Ziel {n}-{i}",
                visibility="side" if i % 2 else "coproduction",
            )
            for i in range(n)
        ]
    )
    Milestone.objects.bulk_create(
        [
            Milestone(
                coproduction=coproduction,
                title=f"M {n}-{i}",
                kind="process",
                due_date=date(2026, 1, 1) + timedelta(days=i),
            )
            for i in range(n)
        ]
    )


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_the_data(client, coproduction, coordinator, office, page):
    client.force_login(coordinator)
    url = f"/werkstatt/{coproduction.slug}/{page}"
    grow(coproduction, office, 5)
    count(client, url)  # warm caches (content types, sessions)
    small = count(client, url)
    grow(coproduction, office, 120)
    large = count(client, url)
    assert large == small, f"{url}: {small} queries with little data, {large} with more"


def test_lists_paginate(client, coproduction, coordinator, office):
    client.force_login(coordinator)
    grow(coproduction, coproduction.partners.get(side="civil_society"), 200)
    for path in ["meilensteine/", "ziele/"]:
        page = client.get(f"/werkstatt/{coproduction.slug}/{path}", secure=True).content.decode()
        assert "Seite 1 von" in page, path
        assert 'rel="next"' in page, path
