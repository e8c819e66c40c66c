"""Demo decisions for the food strategy: several procedures, one systemic consensing with the
passive option, one superseded decision and a side-only draft per side — all through the
services, so the demo has votes, tallies and history."""

from datetime import timedelta

from django.utils import timezone

from decisions import selectors, services, voting
from decisions.models import Decision
from workspaces.demo import clock


def _vote_all(decision, ballots: dict, others: dict | None = None) -> None:
    """Cast the given ballots; with ``others``, everyone else entitled votes that way too."""
    if others is not None:
        for member in selectors.eligible_voters(decision).exclude(pk__in=[m.pk for m in ballots]):
            ballots = {**ballots, member: others}
    for member, ballot in ballots.items():
        voting.vote_cast(actor=member.user, decision=decision, membership=member, **ballot)


def _open(decision, actor, days: int, **extra):
    decision.refresh_from_db()
    return voting.decision_open_voting(
        actor=actor,
        decision=decision,
        closes_at=timezone.now() + timedelta(days=days),
        expected_version=decision.version,
        **extra,
    )


def _opened_weeks_ago(decision, actor):
    """A vote that opened before every partner's Rücksprachefrist (up to 21 days) was over,
    so it can be counted now that everyone has voted."""
    return _open(decision, actor, 1, opens_at=timezone.now() - timedelta(days=22))


def add_demo(coproduction, members: dict):
    ini, amt, mod = members["initiative"], members["verwaltung"], members["moderation"]
    body = coproduction.bodies.order_by("id").first()
    meeting = coproduction.meetings.order_by("starts_at").first()
    joint_goal = coproduction.goals.filter(kind="joint").order_by("id").first()
    goals = [joint_goal] if joint_goal and joint_goal.visibility != "side" else []
    c = {"coproduction": coproduction, "body": body}

    # Konsens, decided after everyone voted; then superseded by a later decision.
    rhythm = services.decision_create(
        actor=mod.user,
        **c,
        question="Trifft sich das Plenum einmal im Monat, abends ab 18 Uhr?",
        background="Ehrenamtliche können tagsüber nicht; das Amt braucht planbare Termine.",
        prepared_by=mod,
        procedure="consensus",
        mandate_note="Alle Partner:innen entscheiden gleichberechtigt im Plenum.",
        goals=goals,
    )
    _opened_weeks_ago(rhythm, mod.user)
    _vote_all(
        rhythm,
        {
            ini: {"choice": "agree"},
            amt: {"choice": "concerns", "reason": "Überstunden müssen ausgeglichen werden."},
            mod: {"choice": "agree"},
        },
        others={"choice": "agree"},
    )
    voting.decision_close(
        actor=mod.user,
        decision=rhythm,
        reasons="Abendtermine ermöglichen Ehrenamtlichen die Teilnahme.",
    )
    # The proposal replaces the old decision only once it is decided itself.
    summer = services.decision_supersede(
        actor=amt.user,
        decision=rhythm,
        reason="Im Sommer tagen wir alle zwei Monate – zu viele Urlaube.",
        question="Trifft sich das Plenum von Juni bis August nur alle zwei Monate?",
        procedure="consent",
        prepared_by=amt,
        body=body,
        visibility="public",  # what the neighbourhood sees on the public page (card 52)
    )
    _opened_weeks_ago(summer, amt.user)
    _vote_all(summer, {}, others={"choice": "agree"})
    voting.decision_close(actor=amt.user, decision=summer)

    # Systemisches Konsensieren with the passive option, decided.
    summit = services.decision_create(
        actor=ini.user,
        **c,
        question="Wo findet der erste Ernährungsgipfel statt?",
        prepared_by=ini,
        procedure="systemic",
        options=["Im Rathaus", "In der Markthalle"],
        goals=goals,
    )
    _opened_weeks_ago(summit, ini.user)
    keys = [str(o.pk) for o in summit.options.all()]
    _vote_all(
        summit,
        {
            ini: {"resistance": dict(zip(keys, [6, 1, 9], strict=True))},
            amt: {"resistance": dict(zip(keys, [1, 3, 8], strict=True))},
            mod: {"resistance": dict(zip(keys, [3, 0, 10], strict=True))},
        },
        others={"resistance": dict.fromkeys(keys, 0)},
    )
    voting.decision_close(
        actor=ini.user, decision=summit, reasons="Die Markthalle ist für alle offen."
    )

    # Zwei-Drittel-Mehrheit, open with a shorter period than the Rücksprachefrist.
    budget = services.decision_create(
        actor=amt.user,
        **c,
        question="Beantragen wir Fördermittel beim Landesprogramm „Gutes Essen“?",
        prepared_by=amt,
        procedure="two_thirds",
        abstentions="against",
        quorum=2,
    )
    _open(
        budget, amt.user, 7, consultation_override="Die Antragsfrist des Landes endet in 8 Tagen."
    )
    _vote_all(budget, {amt: {"choice": "yes"}, mod: {"choice": "abstain"}})

    # Im Treffen entschieden.
    charter = services.decision_create(
        actor=mod.user,
        **c,
        question="Nehmen wir die Leitlinien für gesundes Schulessen in die Strategie auf?",
        procedure="meeting",
        meeting=meeting if meeting and meeting.visibility != "side" else None,
    )
    services.decision_record_in_meeting(
        actor=mod.user,
        decision=charter,
        yes=9,
        no=1,
        abstain=2,
        passed=True,
        outcome="Die Leitlinien werden Kapitel 3 der Strategie.",
        reasons="Breite Zustimmung; das Schulamt wird beteiligt.",
    )

    # A side-only draft per side.
    services.decision_create(
        actor=ini.user,
        coproduction=coproduction,
        question="Intern: Bringen wir die Forderung nach einer bezahlten Stelle jetzt ein?",
        background="Nur für den Ernährungsrat: erst in der Mitgliederversammlung klären.",
        procedure="consensus",
        visibility="side",
        owner_side="civil_society",
    )
    services.decision_create(
        actor=amt.user,
        coproduction=coproduction,
        question="Amtsintern: Legen wir den Entwurf vorab der Dezernentin vor?",
        background="Vertraulich – Abstimmung im Dienstweg, bevor es in die Ko-Produktion geht.",
        procedure="majority",
        visibility="side",
        owner_side="administration",
    )


# The large demo's ballots: (choice or resistance points, reason) that pass or fail a vote.
PASSING = {"consensus": "agree", "consent": "agree", "majority": "yes", "two_thirds": "yes"}
FAILING = {"consensus": "veto", "consent": "objection", "majority": "no", "two_thirds": "no"}


def _ballot(decision, passing: bool, n: int) -> dict:
    if decision.procedure == Decision.Procedure.SYSTEMIC:
        # Resistance against the options, none against the passive one when it should fail.
        return {
            "resistance": {
                str(o.pk): (0 if o.passive else 8) if not passing else (6 if o.passive else n % 3)
                for o in decision.options.all()
            }
        }
    choice = (PASSING if passing else FAILING)[decision.procedure]
    reason = "Das trägt das Haus nicht mit." if choice == "objection" else ""
    return {"choice": choice, "reason": reason}


def _vote(decision, voters, *, passing: bool) -> None:
    for n, member in enumerate(voters):
        voting.vote_cast(
            actor=member.user, decision=decision, membership=member, **_ballot(decision, passing, n)
        )


def add_large(coproduction, *, decision_count: int) -> None:
    """Decisions for measuring, through the services, in every state a co-production reaches:
    for each procedure drafts, votes running now with the first ballots, votes held weeks ago
    and counted (passed or rejected), and decisions taken in a past meeting, entered from its
    minutes. Past votes run on the demo clock, so their history carries the days they happened.
    Each decision concerns one shared goal, so the log and its exports show goals."""
    now = timezone.now()
    procedures = ["consensus", "consent", "majority", "two_thirds", "systemic", "meeting"]
    members = list(
        coproduction.memberships.filter(left_at__isnull=True).select_related("user").order_by("pk")
    )
    actor = next(m for m in members if m.access == "coordination").user
    goals = list(coproduction.goals.exclude(visibility="side").order_by("pk"))
    meetings = list(coproduction.meetings.filter(starts_at__lt=now).order_by("starts_at"))
    for i in range(decision_count):
        procedure, state = procedures[i % 6], (i // 6) % 4
        decision = services.decision_create(
            actor=actor,
            coproduction=coproduction,
            question=f"Entscheidung {i}: Belegungsregeln für Haus {i % 40}",
            procedure=procedure,
            prepared_by=members[i % len(members)],
            goals=[goals[i % len(goals)]] if goals else [],
            options=["Neubau", "Umbau"] if procedure == "systemic" else (),
        )
        if state == 0:
            continue
        voters = [members[(3 * i + k) % len(members)] for k in range(3)]
        if procedure == "meeting":
            if not meetings:
                continue
            meeting = meetings[i % len(meetings)]
            with clock(meeting.ends_at):
                services.decision_record_in_meeting(
                    actor=actor,
                    decision=decision,
                    yes=12 if state != 3 else 4,
                    no=2 if state != 3 else 9,
                    abstain=1,
                    passed=state != 3,
                    outcome="Angenommen" if state != 3 else "Abgelehnt",
                    meeting=meeting,
                )
        elif state == 1:
            _open(decision, actor, 7)
            _vote(decision, voters[: i % 3 + 1], passing=True)
        else:
            opened = now - timedelta(days=30 + i % 300)
            with clock(opened):
                voting.decision_open_voting(
                    actor=actor,
                    decision=decision,
                    closes_at=opened + timedelta(days=7),
                    expected_version=decision.version,
                )
            with clock(opened + timedelta(days=1)):
                _vote(decision, voters[: 3 - i % 3], passing=state == 2)
            with clock(opened + timedelta(days=7, hours=1)):
                voting.decision_close(actor=actor, decision=decision)
