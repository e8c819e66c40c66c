"""Two gunicorn app servers on one PostgreSQL database behind a round-robin proxy.

Every request goes to the other server than the one before, so a login → write → read flow
only works when sessions, CSRF, login throttling, caches and history live in the database and
nothing in one server's memory. The servers run as in production (DEBUG=0, gunicorn with
deploy/gunicorn.conf.py, collectstatic, BEHIND_PROXY with the proxy's X-Forwarded-For).
"""

import http.client
import itertools
import re
import socket
import subprocess
import threading
import time
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import psycopg
import pytest

from tests.appdb import ROOT, app_env, manage, needs_postgres, postgres_database, prepare

pytestmark = needs_postgres

SETUP = """
from allauth.account.models import EmailAddress
from tests import factories
user = factories.make_user("ada@example.org", display_name="Ada")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
coproduction = factories.make_coproduction(user, name="Zwei Server, eine Werkstatt")
bob = factories.make_user("bob@example.org", display_name="Bob")
EmailAddress.objects.create(user=bob, email=bob.email, verified=True, primary=True)
print(coproduction.slug, factories.PASSWORD)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RoundRobinProxy(ThreadingHTTPServer):
    """nginx in a few lines: next backend for every request, X-Forwarded-For appended."""

    def __init__(self, backends):
        self.backends = itertools.cycle(backends)
        self.lock = threading.Lock()
        self.served_by = []
        super().__init__(("127.0.0.1", 0), ProxyHandler)


class ProxyHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.forward()

    def do_POST(self):
        self.forward()

    def forward(self):
        with self.server.lock:
            port = next(self.server.backends)
            self.server.served_by.append(port)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
        headers["X-Forwarded-For"] = self.client_address[0]
        headers["X-Forwarded-Proto"] = "http"
        backend = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        backend.request(self.command, self.path, body=body or None, headers=headers)
        response = backend.getresponse()
        payload = response.read()
        self.send_response_only(response.status)
        for name, value in response.getheaders():
            if name.lower() not in {"connection", "transfer-encoding", "content-length"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(payload)
        backend.close()

    def log_message(self, *args):
        pass


class Browser:
    """Keeps cookies like a browser; does not follow redirects, so each step is visible."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, data=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                for morsel in SimpleCookie(value).values():
                    if morsel["max-age"] == "0" or morsel.value == "":
                        self.cookies.pop(morsel.key, None)
                    else:
                        self.cookies[morsel.key] = morsel.value
        connection.close()
        return response.status, response.getheader("Location", ""), text

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, data):
        """Fetch the form (one server), send it (the other server), as a person would."""
        status, _, page = self.get(path)
        assert status == 200, (path, status)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **data})


def wait_until_healthy(port, process):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn stopped"
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"no healthy server on port {port}")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("static")
    with postgres_database("two_servers") as url:
        prepare(url, demo=False)
        slug, password = manage(url, "shell", "--no-imports", "-c", SETUP).stdout.split()
        manage(url, "collectstatic", "--noinput", "-v", "0", STATIC_ROOT=str(static_root))
        ports = [free_port(), free_port()]
        processes = [
            subprocess.Popen(
                [
                    str(ROOT / ".venv/bin/gunicorn"),
                    "-c",
                    "deploy/gunicorn.conf.py",
                    "gemeinwerk.wsgi",
                ],
                cwd=ROOT,
                env=app_env(
                    url,
                    STATIC_ROOT=str(static_root),
                    GUNICORN_BIND=f"127.0.0.1:{port}",
                    WEB_CONCURRENCY="1",
                    GUNICORN_ACCESS_LOG="/dev/null",
                    BEHIND_PROXY="1",
                ),
            )
            for port in ports
        ]
        proxy = RoundRobinProxy(ports)
        thread = threading.Thread(target=proxy.serve_forever, daemon=True)
        thread.start()
        try:
            for port, process in zip(ports, processes, strict=True):
                wait_until_healthy(port, process)
            yield {"proxy": proxy, "ports": ports, "slug": slug, "password": password, "url": url}
        finally:
            proxy.shutdown()
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=60)


def test_login_write_read_and_history_across_two_servers(servers):
    proxy, slug, password = servers["proxy"], servers["slug"], servers["password"]
    ada = Browser(proxy.server_address[1])

    status, location, _ = ada.post_form(
        "/konto/login/", {"login": "ada@example.org", "password": password}
    )
    assert status == 302 and location.startswith("/werkstatt/"), (status, location)

    # The session made by one server is known to the other.
    status, _, page = ada.get("/werkstatt/")
    assert status == 200 and "Zwei Server, eine Werkstatt" in page

    status, location, _ = ada.post_form(
        f"/werkstatt/{slug}/ziele/neu/",
        {"level": "abstract", "title": "Gemüse für alle Schulen", "visibility": "side"},
    )
    assert status == 302, status
    goal_path = location
    # Read it back, twice, so both servers answer.
    for _ in range(2):
        status, _, page = ada.get(f"/werkstatt/{slug}/ziele/")
        assert status == 200 and "Gemüse für alle Schulen" in page
    status, _, page = ada.get(goal_path)
    assert status == 200 and "Gemüse für alle Schulen" in page
    assert "Ada" in page, "the history names who created it"

    # A logout on one server ends the session on both.
    status, _, page = ada.get(f"/werkstatt/{slug}/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    ada.request("POST", "/konto/logout/", {"csrfmiddlewaretoken": token})
    for _ in range(2):
        status, location, _ = ada.get("/werkstatt/")
        assert status == 302 and location.startswith("/konto/login/")

    assert set(proxy.served_by) == set(servers["ports"])
    assert all(a != b for a, b in itertools.pairwise(proxy.served_by)), "round robin"


def kept_rows(url) -> set:
    with psycopg.connect(url) as connection:
        return set(connection.execute("SELECT cache_key, value, expires FROM gemeinwerk_kept"))


def test_both_servers_read_the_check_the_worker_computed(servers):
    """After a change the worker computes the Check's report and the overview's part into the
    database cache; both servers read them from there. Had either computed them itself, it
    would have written its own row (another key) or the worker's again (the value holds the
    moment it was computed)."""
    proxy, slug = servers["proxy"], servers["slug"]
    ada = Browser(proxy.server_address[1])
    ada.post_form("/konto/login/", {"login": "ada@example.org", "password": servers["password"]})
    status, _, _ = ada.post_form(
        f"/werkstatt/{slug}/ziele/neu/",
        {"level": "abstract", "title": "Ein Garten pro Quartier", "visibility": "side"},
    )
    assert status == 302, status
    before = kept_rows(servers["url"])
    manage(servers["url"], "db_worker", "--batch", "--no-startup-delay", "--no-reload")
    computed = kept_rows(servers["url"])
    assert len(computed - before) == 2  # Ada's side and access: the report, the overview's part
    for path in ("", "kompass/", "", "kompass/"):
        status, _, page = ada.get(f"/werkstatt/{slug}/{path}")
        assert status == 200 and "Kompass" in page, (path, status)
    assert kept_rows(servers["url"]) == computed


def test_login_throttling_holds_across_servers(servers):
    proxy, password = servers["proxy"], servers["password"]
    attacker = Browser(proxy.server_address[1])
    for _ in range(10):
        status, _, page = attacker.post_form(
            "/konto/login/", {"login": "bob@example.org", "password": "falsch-falsch"}
        )
        assert status == 200 and "stimmen nicht" in page
    # The failures were counted in the shared cache, whichever server saw them.
    for _ in range(2):
        status, _, page = attacker.post_form(
            "/konto/login/", {"login": "bob@example.org", "password": password}
        )
        assert status == 429 or "Zu viele fehlgeschlagene" in page, status


def test_errors_are_german_with_debug_off_on_a_real_server(servers):
    browser = Browser(servers["proxy"].server_address[1])
    status, _, page = browser.get("/faecher/karten/999/")
    assert status == 404
    assert "Diese Seite gibt es nicht – oder sie ist nur für Mitglieder sichtbar" in page
    status, _, page = browser.get(f"/werkstatt/{servers['slug']}/entscheidungen/beschlussbuch.csv")
    assert status == 302, "exports are for members only"
