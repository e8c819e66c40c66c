"""Notes and terms are found in the Werkstatt search — by those who may see them only."""

import pytest

from knowledge import services
from search.selectors import search_werkstatt
from tests.factories import viewer_of

pytestmark = pytest.mark.django_db


def find(user, coproduction, query):
    results = search_werkstatt(viewer_of(user, coproduction), query)
    return [hit.entry.title for hit in results.hits]


def test_notes_and_terms_are_found_by_who_may_see_them(coordinator, coproduction, civil_member):
    c = dict(actor=coordinator, coproduction=coproduction, owner_side="administration")
    services.knowledge_create(**c, title="Übergabe Kantinenverträge", text="Vergabestelle fragen")
    services.knowledge_create(
        **c, title="Interne Vergabestelle-Notiz", text="Vergabestelle intern", visibility="side"
    )
    services.term_create(**c, term="Vergabestelle", explanation="Schreibt Aufträge aus.")
    own = find(coordinator, coproduction, "Vergabestelle")
    other = find(civil_member.user, coproduction, "Vergabestelle")
    assert set(own) == {"Übergabe Kantinenverträge", "Interne Vergabestelle-Notiz", "Vergabestelle"}
    assert set(other) == {"Übergabe Kantinenverträge", "Vergabestelle"}
