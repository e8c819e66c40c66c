"""Every edit that lets more people see something asks once (issue 9 §2): it names the item,
says who sees it now and who will then, and saves nothing until exactly that width is
confirmed. One case per path that can widen an item of the permission matrix's world."""

import pytest
from django.urls import reverse

from .test_matrix import built_world, world  # noqa: F401 - the matrix's world

# (URL name, the world's item, the item that changes, the wider visibility, its name)
PATHS = [
    ("goals:goal", "side_goal", None, "coproduction", "Geheimer Entwurf"),
    ("goals:demand", "demand", None, "coproduction", "Rote Linie"),
    ("goals:contribution", "contribution", None, "coproduction", "Kontakte"),
    ("goals:obstacle", "obstacle", None, "coproduction", "Intern"),
    ("goals:milestone", "side_milestone", None, "coproduction", "Klausur"),
    ("structures:body", "side_body", None, "coproduction", "Interner Kreis"),
    ("meetings:meeting", "side_meeting", None, "coproduction", "Vorbereitung unter uns"),
    ("meetings:poll_edit", "side_poll", None, "coproduction", "Interne Vorbesprechung"),
    ("conflicts:conflict", "side_conflict", None, "coproduction", "Interner Streit"),
    ("decisions:edit", "side_decision", None, "coproduction", "Interne Frage der Initiative"),
    # The replacing decision carries the old one's text to whoever sees the new one.
    ("decisions:supersede", "decided_decision", "new", "public", "Beschlossen?"),
]


def _posted(form) -> dict:
    """What the browser would post for the form as shown: every field's current value."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        data[field.html_name] = "on" if value is True else value
    return data


def _visibility(item):
    return type(item).objects.get(pk=item.pk).visibility


@pytest.mark.parametrize(
    ("name", "attr", "creates", "wider", "title"), PATHS, ids=[p[0] for p in PATHS]
)
def test_widening_who_sees_an_item_asks_once_naming_it_and_its_new_audience(
    client,
    world,  # noqa: F811
    name,
    attr,
    creates,
    wider,
    title,
):
    item = getattr(world, attr)
    before = _visibility(item)
    client.force_login(world.users["coordinator"])
    url = reverse(name, args=[world.coproduction.slug, item.pk])
    shown = client.get(url, secure=True)
    assert shown.status_code == 200, shown.status_code
    data = {**_posted(shown.context["form"]), "visibility": wider}
    if creates:
        data["supersede_reason"] = "Die Lage hat sich geändert."

    asked = client.post(url, data, secure=True)

    html = asked.content.decode()
    assert asked.status_code == 200, asked.status_code
    assert f"Mehr Menschen sehen dann „{title}“." in html
    assert "Wer es bisher sieht:" in html and 'name="widen_confirmed"' in html
    assert _visibility(item) == before
    # Confirming another width than the one asked about does not count.
    other = "coproduction" if wider == "public" else "public"
    again = client.post(url, {**data, "widen_confirmed": other}, secure=True)
    assert "Mehr Menschen sehen dann" in again.content.decode()

    saved = client.post(url, {**data, "widen_confirmed": wider}, secure=True)

    assert saved.status_code == 302, saved.content.decode()[-3000:]
    if creates:
        assert type(item).objects.get(supersedes=item).visibility == wider
    else:
        assert _visibility(item) == wider
