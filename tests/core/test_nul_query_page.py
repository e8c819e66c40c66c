"""A NUL byte in the query answers the site's 400 page, in German and in the site's layout."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_nul_byte_in_the_query_gets_the_layout_page_with_the_reason(client):
    response = client.get("/faecher/suche/?q=%00", secure=True)
    page = response.content.decode()
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Die Anfrage enthält ein Nullzeichen" in page
    assert "Diese Anfrage konnten wir nicht verstehen" in page
    assert '<html lang="de"' in page
