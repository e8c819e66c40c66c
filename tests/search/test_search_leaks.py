"""The leak crawl's side-only texts, searched by every demo user: the other side's are never
found, counted or shown — however the words are put together."""

import pytest

from demo.build import SLUG, USERS, create_demo
from search.selectors import search_werkstatt
from tests.test_crawl_visibility import side_only_texts
from workspaces.models import Membership
from workspaces.selectors import viewer_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("email", list(USERS))
def test_no_search_finds_the_other_sides_private_work(client, email):
    create_demo("search-password-123")
    membership = Membership.objects.select_related("partner", "user").get(
        user__email=email, coproduction__slug=SLUG
    )
    viewer = viewer_for(membership.user, membership.coproduction)
    client.force_login(membership.user)
    texts = list(side_only_texts())
    assert {owner for owner, _ in texts} >= {"administration", "civil_society"}
    own_found = 0
    for owner, text in texts:
        results = search_werkstatt(viewer, text)
        shown = [hit.entry for hit in results.hits]
        assert results.total == len(shown)
        if owner == membership.partner.side:
            own_found += bool(shown)
            continue
        assert all(entry.visibility != "side" or entry.owner_side != owner for entry in shown)
        page = client.get(f"/werkstatt/{SLUG}/suche/", {"q": text}, secure=True).content.decode()
        listed = page.split('id="werkstatt-treffer"')[1].split('id="faecher-treffer"')[0]
        listed = listed.split("</div>", 1)[1]  # after the status line, which repeats the query
        escaped = text.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#x27;")
        assert text not in listed and escaped not in listed, f"{email} found {owner}'s {text}"
    if membership.partner.side in {o for o, _ in texts}:
        assert own_found, "a side finds its own side-only work"
