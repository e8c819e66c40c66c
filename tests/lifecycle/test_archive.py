"""An ended co-production is a read-only archive (cards 35, 36): every form of every page of
the Werkstatt, posted by its members with the values it offers, is refused and changes
nothing — not a row in any table, not a history entry. The forms are read from the pages
while the co-production is still open (so the posts are the real ones), then it ends."""

import hashlib
from html.parser import HTMLParser

from django.apps import apps
from django.db import transaction
from django.urls import reverse

from tests.permissions.test_matrix import MODULES, built_world, world  # noqa: F401 - fixtures
from workspaces.models import Coproduction
from workspaces.stage import coproduction_stage_change

# Deliberately still open in an archive, each for a reason.
STILL_OPEN = {
    "lifecycle:stage": "reopening is how an archive opens again (tested in test_stage.py)",
    "meetings:calendar_renew": "a personal secret: a leaked calendar link must be renewable",
}
NOT_DATA = {"sessions.session"}  # logging in writes here, not into the archive
ROLES = ("coordinator", "same_side", "other_side")


class Forms(HTMLParser):
    """The POST forms of a page with the values a person would send unchanged: text left
    empty is filled in, a choice takes its first option."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.textarea, self.select = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "").lower() == "post":
            self.current = {"action": a.get("action") or "", "data": {}}
            self.forms.append(self.current)
        if self.current is None or "name" not in a and tag != "option":
            return
        data = self.current["data"]
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a or a["name"] not in data:
                    data[a["name"]] = a.get("value", "on")
            elif kind == "date":
                data[a["name"]] = a.get("value") or "2027-03-01"
            elif kind == "number":
                data[a["name"]] = a.get("value") or "1"
            elif kind not in ("submit", "button"):
                data[a["name"]] = a.get("value") or "Archivtest"
        elif tag == "textarea":
            self.textarea = a["name"]
            data[a["name"]] = "Archivtest"
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if "selected" in a or (value and data.get(self.select, "") == ""):
                data[self.select] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and self.current and data.strip():
            self.current["data"][self.textarea] = data


def fingerprint() -> str:
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.label_lower in NOT_DATA:
            continue
        for row in model._default_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _pages(world):  # noqa: F811
    prefix = f"/werkstatt/{world.coproduction.slug}/"
    for module in MODULES:
        for name, case in [*module.CASES.items(), *getattr(module, "MORE_CASES", {}).items()]:
            if name in STILL_OPEN or not case.args:
                continue
            url = reverse(name, args=case.args(world))
            if url.startswith(prefix):
                yield name, case, url


def _submissions(client, world):  # noqa: F811
    """Every (url, data) a member could post in the open co-production."""
    prefix = f"/werkstatt/{world.coproduction.slug}/"
    still_open = {reverse(n, args=[world.coproduction.slug]) for n in STILL_OPEN}
    found = {}
    for _name, case, url in _pages(world):
        if case.method == "post":
            data = case.data(world) if case.data else {}
            found[(url, repr(sorted(data.items())))] = (url, data)
            continue
        page = client.get(url, secure=True)
        if not page.get("Content-Type", "").startswith("text/html"):
            continue
        parser = Forms()
        parser.feed(page.content.decode())
        for form in parser.forms:  # the header's logout form is no part of the archive
            target = form["action"] or url
            if target.startswith(prefix) and target not in still_open:
                found[(target, repr(sorted(form["data"].items())))] = (target, form["data"])
    return list(found.values())


def _post_all(client, submissions, role) -> list[str]:
    """Post everything; if anything changed, post again one by one to name the culprits."""
    before = fingerprint()
    for url, data in submissions:
        response = client.post(url, data, secure=True)
        assert response.status_code < 500, (url, role, response.status_code)
    if fingerprint() == before:
        return []
    culprits = []
    for url, data in submissions:
        before = fingerprint()
        client.post(url, data, secure=True)
        if fingerprint() != before:
            culprits.append(f"{role}: {url}")
    return culprits or [f"{role}: (changed on the first round only)"]


def test_an_ended_co_production_refuses_every_post_and_changes_nothing(client, world):  # noqa: F811
    coordinator = world.users["coordinator"]
    client.force_login(coordinator)
    submissions = _submissions(client, world)
    # The posts are real: while open, most of them change something (each rolled back).
    baseline, effective = fingerprint(), 0
    for url, data in submissions:
        with transaction.atomic():
            client.post(url, data, secure=True)
            effective += fingerprint() != baseline
            transaction.set_rollback(True)
    assert effective >= 100, (effective, len(submissions))  # 120 of 193 when measured

    coproduction = Coproduction.objects.get(pk=world.coproduction.pk)
    coproduction_stage_change(
        actor=coordinator,
        coproduction=coproduction,
        expected_version=coproduction.version,
        stage="ended",
        ending="goals_reached",
    )
    changed = []
    for role in ROLES:
        client.force_login(world.users[role])
        changed += _post_all(client, submissions, role)
    assert not changed
