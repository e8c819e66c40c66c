"""Nobody learns who answered what: crawl every page, download and mail of the demo as each
demo user — a comment of a group too small to be shown appears nowhere, and the answers of a
round still running nowhere but on the person's own answer form and data page; no page names
a member next to a comment."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from demo.build import SLUG, USERS, create_demo
from reflection import services
from reflection.models import ReflectionRound
from tests.tasks import run_due_tasks
from tests.test_crawl_visibility import crawl
from workspaces.models import Membership

from .helpers import answers

LONE = "Nur die Moderation schreibt diesen Satz"
RUNNING = "Noch läuft die Runde, dieser Satz bleibt verborgen"


def _rounds():
    members = {m.user.email: m for m in Membership.objects.filter(coproduction__slug=SLUG)}
    coordinator = members["verwaltung@demo.example"]
    today = timezone.localdate()
    small = services.round_create(
        actor=coordinator.user,
        coproduction=coordinator.coproduction,
        title="Kleine Runde",
        opens_on=today,
        closes_on=today + timedelta(days=3),
    )
    # Two answers: no group reaches three, nothing of them is shown.
    services.response_save(
        membership=members["moderation@demo.example"], round_=small, answers=answers(1, LONE)
    )
    services.response_save(
        membership=members["initiative@demo.example"], round_=small, answers=answers(4)
    )
    services.round_close(actor=coordinator.user, round_=small)
    running = services.round_create(
        actor=coordinator.user,
        coproduction=coordinator.coproduction,
        title="Laufende Runde",
        opens_on=today,
        closes_on=today + timedelta(days=10),
    )
    for member in members.values():
        services.response_save(
            membership=member, round_=running, answers=answers(2, f"{RUNNING} #{member.pk}")
        )
    return small, running


@pytest.mark.django_db
@pytest.mark.parametrize("email", list(USERS))
def test_no_page_download_or_mail_tells_who_answered_what(client, email):
    create_demo("crawl-password-123")
    small, running = _rounds()
    run_due_tasks(may_fail=True)
    member = Membership.objects.select_related("user").get(
        user__email=email, coproduction__slug=SLUG
    )
    client.force_login(member.user)
    exports = {}
    pages = crawl(client, f"/werkstatt/{SLUG}/", exports=exports)
    assert pages.get(f"/werkstatt/{SLUG}/reflexion/{small.pk}/"), "the crawl reads the round"
    mails = [m.body + m.subject for m in mail.outbox]
    everything = "\n".join([*pages.values(), *exports.values(), *mails])
    assert LONE not in everything
    others = Membership.objects.filter(coproduction__slug=SLUG).exclude(pk=member.pk)
    assert RUNNING in everything, "the person's own answers are read"
    assert not [o.pk for o in others if f"{RUNNING} #{o.pk}" in everything]
    # Only the person themself sees their own answers: on their answer form and among the
    # data stored about them (DSGVO Art. 15).
    own = [
        f"/werkstatt/{SLUG}/reflexion/{running.pk}/antworten/",
        "/konto/daten/",
        "/konto/daten.json",
    ]
    elsewhere = [text for url, text in [*pages.items(), *exports.items()] if url not in own]
    assert RUNNING not in "\n".join([*elsewhere, *mails])
    # The demo's rounds show comments of groups of three, without a name beside them.
    demo_round = ReflectionRound.objects.get(title="Reflexion nach dem ersten Halbjahr")
    shown = pages[f"/werkstatt/{SLUG}/reflexion/{demo_round.pk}/"]
    assert "Das Plenum tagt zu selten" in shown
    names = Membership.objects.filter(coproduction__slug=SLUG).values_list(
        "user__display_name", flat=True
    )
    results = shown.split('id="ergebnisse"')[1].split('id="konsequenzen"')[0]
    assert not [name for name in names if name in results]
