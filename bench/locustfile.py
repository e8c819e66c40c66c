"""The load test's people (make load, bench/load.py): members who log in through the real
login as they arrive, then click through the Werkstatt every 5–10 s — reading the overview,
lists, item pages and the search, and now and then (about 10 %) voting, answering a
scheduling poll or writing a goal draft — and, besides them, the public reading a
co-production's public page.

bench/load.py writes the co-production, the people and the items to LOAD_WORLD (JSON).
Each simulated person comes from their own address (X-Forwarded-For, as behind nginx).
"""

import itertools
import json
import os
import random
import re
import time
from pathlib import Path

import gevent
from locust import HttpUser, between, constant, events, task

WORLD = json.loads(Path(os.environ["LOAD_WORLD"]).read_text())
THINKING = os.environ.get("LOAD_THINK", "1") == "1"
THINK = between(5, 10) if THINKING else constant(0)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ASSETS = re.compile(r'(?:href|src)="(/static/[^"]+)"')
_people = itertools.cycle(WORLD["people"])
_sessions = itertools.cycle(WORLD["sessions"])
_addresses = itertools.count(1)


_logins: list[float] = []


@events.test_start.add_listener
def _watch_arrivals(environment, **_kwargs):
    if THINKING and os.environ.get("LOAD_READY"):
        gevent.spawn(_when_everyone_is_in, environment, float(os.environ["LOAD_LOGIN_LIMIT"]))


@events.spawning_complete.add_listener
def _all_started(user_count, **_kwargs):
    """Saturation: the figures count from when every user runs (locust may take seconds to
    start on a busy machine; bench/load.py waits for this mark)."""
    if not THINKING and os.environ.get("LOAD_READY"):
        Path(os.environ["LOAD_READY"]).write_text(json.dumps({"complete": True}))


def _when_everyone_is_in(environment, limit: float):
    """When every person has arrived and every member has logged in, the figures start afresh:
    the realistic run measures the clicking, and the logins are reported apart — in LOAD_READY,
    which also tells bench/load.py when to start reading the server's CPU. If that takes
    longer than ``limit`` seconds (a server that cannot keep up), the figures start then,
    and LOAD_READY says so: the run stays bounded in time."""
    runner = environment.runner
    deadline = time.monotonic() + limit
    while True:
        gevent.sleep(0.2)
        members = runner.target_user_classes_count.get("Member", 0)
        arrived = runner.target_user_count and runner.user_count == runner.target_user_count
        complete = bool(arrived and members and len(_logins) >= members)
        if complete or time.monotonic() > deadline:
            break
    runner.stats.reset_all()
    ready = {"logins": sorted(_logins), "members": members, "complete": complete}
    Path(os.environ["LOAD_READY"]).write_text(json.dumps(ready))


def _address() -> str:
    n = next(_addresses)
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


class Member(HttpUser):
    # The realistic run: LOAD_PEOPLE (100) of them; saturation: as many as locust is told.
    fixed_count = int(os.environ.get("LOAD_PEOPLE", "100")) if THINKING else 0
    wait_time = THINK

    def on_start(self):
        self.client.headers["X-Forwarded-For"] = _address()
        self.base = f"/werkstatt/{WORLD['slug']}/"
        if not THINKING:  # saturation: pages only, with a session logged in beforehand
            self.client.cookies.set("sessionid", next(_sessions))
            return
        start = time.monotonic()
        form = self.client.get("/konto/login/", name="login (form)").text or ""
        for asset in set(ASSETS.findall(form)):  # a first visit: the browser's cache is empty
            self.client.get(asset, name="static (first visit)")
        token = CSRF.search(form)
        if token is None:  # the form did not come (its failure is counted)
            return
        with self.client.post(
            "/konto/login/",
            {
                "login": next(_people),
                "password": WORLD["password"],
                "csrfmiddlewaretoken": token.group(1),
            },
            name="login",
            catch_response=True,
        ) as response:  # on to the Werkstatt's start page, or the form again
            if "/konto/login/" in response.url:
                response.failure("login refused")
                return
        _logins.append(time.monotonic() - start)

    def page(self, path: str, name: str):
        with self.client.get(self.base + path, name=name, catch_response=True) as response:
            if "/konto/login/" in response.url:  # a page for the logged-in answered with the login
                response.failure("not logged in")

    @task(6)
    def overview(self):
        self.page("", "(Übersicht)")

    @task(9)
    def lists(self):
        path = random.choice(WORLD["lists"])
        self.page(path, path)

    @task(8)
    def items(self):
        kind, pk = random.choice(WORLD["items"])
        self.page(f"{kind}/{pk}/", f"{kind}/{{id}}/")

    @task(3)
    def search(self):
        word = random.choice(WORLD["searches"])
        self.page(f"suche/?q={word}", "suche/?q=…")

    @task(1)
    def vote(self):
        self._post(
            f"entscheidungen/{WORLD['decision']}/",
            "abstimmen/",
            "vote",
            {
                "choice": random.choice(["yes", "no", "abstain"]),
                "reason": "",
            },
        )

    @task(1)
    def answer_poll(self):
        answers = {
            f"date_{pk}": random.choice(["yes", "if_need_be", "no"]) for pk in WORLD["dates"]
        }
        self._post(f"treffen/umfragen/{WORLD['poll']}/", "antworten/", "poll answer", answers)

    @task(1)
    def new_goal(self):
        """A side's own goal draft: a recorded change, which the worker answers with new Check
        reports (votes and poll answers are ballots, which it leaves alone)."""
        data = {"level": "abstract", "title": "Lasttest: ein Ziel", "visibility": "side"}
        self._post("ziele/neu/", "", "new goal", data)

    def _post(self, item: str, action: str, name: str, data: dict):
        page = self.client.get(self.base + item, name=f"{name} (page)")
        token = CSRF.search(page.text)
        if token is None:
            return
        with self.client.post(
            self.base + item + action,
            {**data, "csrfmiddlewaretoken": token.group(1)},
            name=name,
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{name}: {response.status_code}")


class Public(HttpUser):
    """Besides the logged-in people: readers of the public page (LOAD_PUBLIC, 10)."""

    fixed_count = int(os.environ.get("LOAD_PUBLIC", "10")) if THINKING else 0
    wait_time = THINK

    def on_start(self):
        self.client.headers["X-Forwarded-For"] = _address()

    @task
    def public_page(self):
        self.client.get(WORLD["public"], name="public page")


class Minimal(HttpUser):
    """The saturation run's yardsticks: a minimal Django view and a static file."""

    wait_time = constant(0)

    @task
    def baseline(self):
        self.client.get(WORLD["baseline"], name="minimal view")


class Static(HttpUser):
    wait_time = constant(0)

    @task
    def static(self):
        self.client.get(WORLD["static"], name="static file")
