"""make load's data: the demo, and a co-production like the small bench level with 100
members who can log in, a decision open for voting and a scheduling poll. Writes what the
simulated people need to LOAD_WORLD (bench/locustfile.py)."""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from decisions import services as decisions  # noqa: E402
from decisions import voting  # noqa: E402
from decisions.models import Decision  # noqa: E402
from demo.build import add_large, create_demo  # noqa: E402
from goals.models import Goal, Milestone  # noqa: E402
from meetings import polls  # noqa: E402
from publicpage.selectors import published_coproductions  # noqa: E402

password = os.environ["LOAD_PASSWORD"]
call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
call_command("collectstatic", "--noinput", verbosity=0)
create_demo(password)
coproduction = add_large(
    name="Lasttest", members=100, goal_count=200, milestone_count=40, decision_count=40
)
people = list(
    User.objects.filter(memberships__coproduction=coproduction, memberships__access="member")
)
User.objects.filter(pk__in=[u.pk for u in people]).update(password=make_password(password))
EmailAddress.objects.bulk_create(
    [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in people],
    ignore_conflicts=True,
)


def session(user) -> str:
    """A logged-in session, for the saturation runs (the realistic run logs in for real)."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    store[HASH_SESSION_KEY] = User.objects.get(pk=user.pk).get_session_auth_hash()
    store.create()
    return store.session_key


coordinator = User.objects.get(email="verwaltung@demo.example")
now = timezone.now()
decision = decisions.decision_create(
    actor=coordinator,
    coproduction=coproduction,
    question="Lasttest: Mittagstisch im Quartier?",
    procedure="majority",
    visibility="coproduction",
)
voting.decision_open_voting(
    actor=coordinator,
    decision=decision,
    closes_at=now + timedelta(days=60),
    consultation_override="Lasttest",
    expected_version=decision.version,
)
poll = polls.poll_create(
    actor=coordinator,
    coproduction=coproduction,
    owner_side="",
    title="Lasttest: Termin",
    visibility="coproduction",
    dates=[(now + timedelta(days=d), now + timedelta(days=d, hours=2), "") for d in (8, 9, 10)],
)
public = published_coproductions().first()
world = {
    "slug": coproduction.slug,
    "password": password,
    "people": [u.email for u in people],
    "sessions": [session(u) for u in people],
    "lists": [
        "ziele/",
        "meilensteine/",
        "entscheidungen/",
        "treffen/",
        "gremien/",
        "konflikte/",
        "mitglieder/",
        "partner/",
        "kompass/",
        "strategie/",
    ],
    "items": [
        *(
            ("ziele", pk)
            for pk in Goal.objects.filter(coproduction=coproduction, kind="joint").values_list(
                "pk", flat=True
            )[:10]
        ),
        *(
            ("meilensteine", pk)
            for pk in Milestone.objects.filter(coproduction=coproduction).values_list(
                "pk", flat=True
            )[:10]
        ),
        *(
            ("entscheidungen", pk)
            for pk in Decision.objects.filter(coproduction=coproduction)
            .exclude(pk=decision.pk)
            .values_list("pk", flat=True)[:10]
        ),
    ],
    "searches": ["Wohnungen", "Quartier", "Belegungsregeln", "Kita", "Entscheidung"],
    "decision": decision.pk,
    "poll": poll.pk,
    "dates": list(poll.dates.values_list("pk", flat=True)),
    "public": f"/oeffentlich/{public.slug}/" if public else "/oeffentlich/",
    "baseline": "/__bench__/baseline/20000/",
    "static": "/static/core/gemeinwerk.css",
}
Path(os.environ["LOAD_WORLD"]).write_text(json.dumps(world))
print(f"load world: {len(people)} members, {len(world['items'])} items")
