"""Demo data of the reflection (cards 46, 11, 52): an agreed rhythm, two closed rounds with
enough answers for results per side and a trend, consequences and a public evaluation —
written through the services. The services open rounds from today on only, so the two past
rounds are dated back afterwards (the one thing the services would not do)."""

import random
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from goals.models import Goal
from reflection import services
from reflection.models import Question, ReflectionRound
from workspaces.demo import clock, join
from workspaces.models import Membership

# More voices: results are shown only for groups of three, so each side needs three.
PEOPLE = [
    ("rosa.beet@demo.example", "Rosa Beet", "civil_society", "volunteer"),
    ("jonas.acker@demo.example", "Jonas Acker", "civil_society", "volunteer"),
    ("tom.akte@demo.example", "Tom Akte", "administration", "paid"),
    ("petra.plan@demo.example", "Petra Plan", "administration", "paid"),
]
# Per round and side: the scores by question — the second round a little better.
SCORES = {
    "civil_society": [[3, 2, 2, 3, 3, 4], [4, 3, 3, 4, 3, 4]],
    "administration": [[4, 3, 2, 3, 4, 3], [4, 4, 3, 4, 4, 4]],
    "external": [[3, 3, 3, 4, 3, 4], [4, 3, 4, 4, 4, 4]],
}
COMMENTS = {
    ("structures", 0): "Das Plenum tagt zu selten, um Entscheidungen vorzubereiten.",
    ("learning", 0): "Wir verstehen die Abläufe im Amt inzwischen viel besser.",
    ("opportunities", 1): "Die Schulkantinen zeigen, was gemeinsam möglich ist.",
}


def _people(members: dict) -> list[Membership]:
    """Invited by their side's coordinator, as people join."""
    coordinators = {m.partner.side: m for m in (members["initiative"], members["verwaltung"])}
    added = []
    for email, name, side, employment in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, display_name=name)
            user.set_unusable_password()
            user.save()
        inviter = coordinators[side]
        added.append(join(inviter.user, user, inviter.partner, employment=employment))
    return added


def add_demo(coproduction, members: dict) -> None:
    amt = members["verwaltung"]
    _people(members)
    services.settings_save(actor=amt.user, coproduction=coproduction, interval_months=6)
    everyone = list(
        Membership.objects.filter(coproduction=coproduction, left_at__isnull=True).select_related(
            "partner"
        )
    )
    today = timezone.localdate()
    rounds = []
    for index, (title, days_ago) in enumerate(
        [("Reflexion nach dem ersten Halbjahr", 200), ("Reflexion im Herbst", 40)]
    ):
        round_ = services.round_create(
            actor=amt.user,
            coproduction=coproduction,
            title=title,
            opens_on=today,
            closes_on=today + timedelta(days=14),
        )
        for position, member in enumerate(everyone):
            scores = SCORES[member.partner.side][index]
            answers = {
                # One member writes each comment; the page shows it without a name.
                question: (score, COMMENTS.get((question, index), "") if position == 0 else "")
                for question, score in zip(Question.values, scores, strict=True)
            }
            services.response_save(membership=member, round_=round_, answers=answers)
        services.round_close(actor=amt.user, round_=round_)
        opens_on = today - timedelta(days=days_ago)
        ReflectionRound.objects.filter(pk=round_.pk).update(
            opens_on=opens_on, closes_on=opens_on + timedelta(days=14)
        )
        round_.refresh_from_db()
        rounds.append(round_)
    first, second = rounds
    services.evaluation_save(
        actor=amt.user,
        round_=first,
        visibility="public",
        text="Nach dem ersten Halbjahr tragen beide Seiten die gemeinsamen Ziele, aber die "
        "Strukturen passen noch nicht: Das Plenum tagt zu selten, Entscheidungen ziehen sich. "
        "Wir treffen uns deshalb künftig monatlich und haben eine AG Beschaffung gegründet.",
    )
    goal = Goal.objects.filter(coproduction=coproduction, kind=Goal.Kind.JOINT).first()
    services.consequence_create(
        actor=amt.user,
        round_=first,
        kind="task",
        text="Das Plenum tagt monatlich statt vierteljährlich.",
        owner=members["initiative"],
        due_on=today - timedelta(days=150),
        done=True,
    )
    services.consequence_create(
        actor=amt.user,
        round_=second,
        kind="goal",
        text="Das gemeinsame Ziel um die Schulkantinen ergänzen.",
        owner=amt,
        due_on=today + timedelta(days=30),
        goal=goal if goal is not None and goal.visibility != "side" else None,
    )


def add_large(coproduction, *, rounds: int = 24, consequences: int = 200) -> None:
    """Quarterly rounds over six years for measuring, through the services on the demo
    clock: each opened on its day, answered by up to forty members while it ran (the answers
    drawn at random, a tenth with a comment) and closed after its fortnight; then the
    consequences agreed after them."""
    picker = random.Random(46)  # noqa: S311 — demo data, not secrets
    members = list(
        coproduction.memberships.filter(left_at__isnull=True)
        .select_related("partner", "user")
        .order_by("pk")
    )
    actor = next(m for m in members if m.access == "coordination").user
    start = timezone.now() - timedelta(days=91 * rounds)
    made = []
    for i in range(rounds):
        opens = start + timedelta(days=91 * i)
        with clock(opens):
            round_ = services.round_create(
                actor=actor,
                coproduction=coproduction,
                title=f"Reflexion {i + 1}",
                opens_on=timezone.localdate(),
                closes_on=timezone.localdate() + timedelta(days=14),
            )
        with clock(opens + timedelta(days=1)):
            for member in members[i % 3 :: 3][:40] if len(members) > 60 else members:
                answers = {
                    question: (
                        picker.randint(1, 5),
                        "Ein Gedanke dazu." if picker.random() < 0.1 else "",
                    )
                    for question in Question.values
                }
                services.response_save(membership=member, round_=round_, answers=answers)
        with clock(opens + timedelta(days=15)):
            services.round_close(actor=actor, round_=round_)
        made.append(round_)
    for i in range(consequences):
        services.consequence_create(
            actor=actor, round_=made[i % rounds], text=f"Konsequenz {i}: Abläufe prüfen"
        )
