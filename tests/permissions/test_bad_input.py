"""NUL bytes never give a 500 (issue 8 §4), on SQLite and PostgreSQL alike: every URL pattern
of the project (the permission matrix's cases) gets one in each part of its address, in its
query, and — for the coordinator, who sees every form — in every field its page offers."""

import re
from urllib.parse import quote

from django.urls import reverse

from .test_matrix import MODULES, built_world, world  # noqa: F401 - the matrix's world

NUL = "\x00"
FIELD_NAME = re.compile(r'name="([^"]+)"')


def _cases():
    for module in MODULES:
        yield from module.CASES.items()


def _with_nul_in_each_segment(url: str):
    segments = url.split("/")
    for i, segment in enumerate(segments):
        if segment:
            yield "/".join([*segments[:i], segment + "%00", *segments[i + 1 :]])
    yield url + "%00"


# One world for all URL patterns (a test each would build it a hundred times); every failure
# is collected, so one run names them all.


def test_nul_bytes_in_any_url_part_answer_404_or_400_never_500(client, world):  # noqa: F811
    wrong = []
    for role in ("anonymous", "coordinator"):
        if world.users[role]:
            client.force_login(world.users[role])
        for name, case in _cases():
            url = reverse(name, args=case.args(world) if case.args else None)
            for broken in _with_nul_in_each_segment(url):
                for method in ("get", "post"):
                    status = getattr(client, method)(broken, secure=True).status_code
                    if status != 404:
                        wrong.append((method, broken, role, status))
            response = client.get(f"{url}?q=%00&seite=1%00&{quote(NUL)}=x", secure=True)
            if response.status_code != 400 or "Nullzeichen" not in response.content.decode():
                wrong.append(("query", url, role, response.status_code))
    assert not wrong


def test_nul_bytes_in_every_form_field_get_an_answer_never_500(client, world):  # noqa: F811
    client.force_login(world.users["coordinator"])
    wrong = []
    for name, case in _cases():
        url = reverse(name, args=case.args(world) if case.args else None)
        fields = {"version", "q"}
        if case.method == "get" and not url.endswith((".pdf", ".docx", ".csv", ".ics", ".json")):
            page = client.get(url, secure=True)
            if page.get("Content-Type", "").startswith("text/html"):
                fields |= set(FIELD_NAME.findall(page.content.decode())) - {"csrfmiddlewaretoken"}
        if case.data:
            fields |= set(case.data(world))
        status = client.post(url, {field: f"1{NUL}" for field in fields}, secure=True).status_code
        if status >= 500:
            wrong.append((url, status))
    assert not wrong
