"""The goals page counts each section in one query per kind (0da34ca): each count equals the
rows its section lists over all its pages, for both sides and a third side's observer, and no
count includes another side's private goals or demands. Odd page numbers still answer."""

import re

import pytest

from goals.models import Demand
from tests.factories import add_member, make_coproduction, make_goal, make_user
from workspaces.models import Membership
from workspaces.visibility import Side

pytestmark = pytest.mark.django_db

SECTIONS = {  # anchor: (page parameter, link of a row)
    "eigene-ziele": ("eigene", r"/ziele/(\d+)/"),
    "geteilte-ziele": ("geteilte", r"/ziele/(\d+)/"),
    "gemeinsame-ziele": ("gemeinsame", r"/ziele/(\d+)/"),
    "forderungen": ("forderungen", r"/ziele/forderungen/(\d+)/"),
    "andere-forderungen": ("andere-forderungen", r"/ziele/forderungen/(\d+)/"),
}
GOALS = {  # (side, visibility): how many
    (Side.ADMINISTRATION, "side"): 12,
    (Side.ADMINISTRATION, "coproduction"): 3,
    (Side.CIVIL_SOCIETY, "side"): 2,
    (Side.CIVIL_SOCIETY, "coproduction"): 11,
    (Side.EXTERNAL, "public"): 1,
}
DEMANDS = {(Side.ADMINISTRATION, "side"): 2, (Side.CIVIL_SOCIETY, "coproduction"): 13}


def section(text: str, anchor: str) -> tuple[int | None, str]:
    start = text.find(f'id="{anchor}"')
    if start < 0:
        return None, ""
    end = text.find("<section", start)
    part = text[start : end if end > 0 else len(text)]
    return int(re.search(r'class="count">(\d+)<', part).group(1)), part


def listed(client, url, anchor) -> tuple[int | None, set]:
    param, link = SECTIONS[anchor]
    count, part = section(client.get(url, secure=True).content.decode(), anchor)
    rows, number = set(), 1
    while part:
        rows |= set(re.findall(link, part))
        number += 1
        if f"{param}={number}" not in part:
            break
        _, part = section(client.get(url, {param: number}, secure=True).content.decode(), anchor)
    return count, rows


def test_every_count_is_the_rows_its_section_lists(client):
    official = make_user()
    coproduction = make_coproduction(official)
    civil, observer = make_user(), make_user()
    add_member(coproduction, civil, side=Side.CIVIL_SOCIETY)
    add_member(coproduction, observer, side=Side.EXTERNAL, access=Membership.Access.OBSERVER)
    for (side, visibility), number in GOALS.items():
        for _ in range(number):
            make_goal(coproduction, side=side, visibility=visibility)
    for _ in range(4):
        make_goal(coproduction)
    for (side, visibility), number in DEMANDS.items():
        for n in range(number):
            Demand.objects.create(
                coproduction=coproduction,
                owner_side=side,
                visibility=visibility,
                kind=Demand.Kind.COMPROMISE,
                text=f"Forderung {n}",
            )
    expected = {
        official: {
            "eigene-ziele": 15,
            "geteilte-ziele": 12,
            "forderungen": 2,
            "andere-forderungen": 13,
        },
        civil: {"eigene-ziele": 13, "geteilte-ziele": 4, "forderungen": 13},
        observer: {"eigene-ziele": 1, "geteilte-ziele": 14, "andere-forderungen": 13},
    }
    url = f"/werkstatt/{coproduction.slug}/ziele/"
    for reader, counts in expected.items():
        client.force_login(reader)
        for anchor in SECTIONS:
            count, rows = listed(client, url, anchor)
            want = counts.get(anchor, 4 if anchor == "gemeinsame-ziele" else 0)
            assert (count or 0, len(rows)) == (want, want), (reader, anchor)
        for param, _ in SECTIONS.values():
            for odd in ["0", "-1", "abc", "1.5", "9999"]:
                assert client.get(url, {param: odd}, secure=True).status_code == 200
