"""A vote is not counted before every partner's Rücksprachefrist is over (issue 9 §6)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from decisions import selectors, voting
from decisions.models import Decision
from decisions.services import DecisionError
from kompass import check
from tests.factories import partner_on
from workspaces.models import Partner
from workspaces.selectors import viewer_for
from workspaces.services import partner_update
from workspaces.visibility import Side

from .conftest import draft, login, open_vote, url

RULE = "workspaces.partner-consultation"


def set_consultation(partner: Partner, days: int) -> None:
    partner_update(
        actor=None, partner=partner, expected_version=partner.version, consultation_days=days
    )


@pytest.fixture
def empty_partner(coproduction):
    """A civil-society partner whose members have not joined yet, with 14 days of
    Rücksprache."""
    partner = partner_on(coproduction, Side.CIVIL_SOCIETY, name="Nachbarschaftsverein")
    set_consultation(partner, 14)
    partner.refresh_from_db()
    return partner


def test_everyone_having_voted_does_not_cut_a_memberless_partners_consultation_short(
    coproduction, coordinator, coordination, empty_partner
):
    decision = draft(coproduction, coordinator)
    open_vote(decision, coordinator, days=30)
    voting.vote_cast(actor=coordinator, decision=decision, membership=coordination, choice="agree")
    assert not selectors.eligible_voters(decision).exclude(votes__decision=decision).exists()

    with pytest.raises(DecisionError, match="Nachbarschaftsverein braucht 14 Tage"):
        voting.decision_close(actor=coordinator, decision=decision)
    assert Decision.objects.get(pk=decision.pk).status == Decision.Status.VOTING

    Decision.objects.filter(pk=decision.pk).update(
        opens_at=timezone.now() - timedelta(days=14, minutes=1)
    )
    voting.decision_close(actor=coordinator, decision=decision)
    assert Decision.objects.get(pk=decision.pk).status == Decision.Status.DECIDED


def test_the_override_with_a_reason_allows_counting_before_the_consultation_is_over(
    coproduction, coordinator, coordination, empty_partner
):
    decision = draft(coproduction, coordinator)
    open_vote(decision, coordinator, days=2, consultation_override="Die Frist des Landes endet.")
    voting.vote_cast(actor=coordinator, decision=decision, membership=coordination, choice="agree")

    voting.decision_close(actor=coordinator, decision=decision)

    assert Decision.objects.get(pk=decision.pk).status == Decision.Status.DECIDED


def test_the_interim_tally_reads_as_not_yet_decided(coproduction, coordinator, coordination):
    decision = draft(coproduction, coordinator, procedure="majority")
    open_vote(decision, coordinator)
    voting.vote_cast(actor=coordinator, decision=decision, membership=coordination, choice="yes")

    page = login(coordinator).get(url("decision", coproduction, decision.pk), secure=True)
    html = page.content.decode()

    assert "Zwischenstand – noch nicht entschieden" in html
    assert "1 Stimme ist abgegeben" in html
    assert "Angenommen:" not in html  # the verdict of a count, not the rule of the procedure


def test_a_new_partners_unset_consultation_reads_not_stated(coproduction, coordinator):
    partner_on(coproduction, Side.CIVIL_SOCIETY, name="Nachbarschaftsverein")
    client = login(coordinator)

    html = client.get(f"/werkstatt/{coproduction.slug}/partner/", secure=True).content.decode()

    assert "Rücksprachefrist: nicht angegeben" in html
    assert "0 Tage" not in html


def test_zero_days_is_a_stated_answer_and_empty_is_not(coproduction, coordinator):
    """0 says the partner decides without internal consultation: shown as such, not asked
    for by the Kompass-Check; only an empty field is "nicht angegeben"."""
    partner = partner_on(coproduction, Side.CIVIL_SOCIETY, name="Nachbarschaftsverein")
    client = login(coordinator)
    page = client.get(f"/werkstatt/{coproduction.slug}/partner/{partner.pk}/", secure=True)
    assert "nicht angegeben" in page.content.decode()
    assert check.finding_for(viewer_for(coordinator, coproduction), coproduction, RULE)

    for other in coproduction.partners.exclude(pk=partner.pk):
        set_consultation(other, 14)
    set_consultation(partner, 0)
    partner.refresh_from_db()
    assert partner.consultation_days == 0
    page = client.get(f"/werkstatt/{coproduction.slug}/partner/{partner.pk}/", secure=True)
    html = page.content.decode()
    assert "Rücksprachefrist</dt><dd>keine</dd>" in html and "nicht angegeben" not in html
    viewer = viewer_for(coordinator, coproduction)
    assert check.finding_for(viewer, coproduction, RULE) is None  # every partner answered
