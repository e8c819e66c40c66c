"""Counting the votes of a decision — one pure function per procedure (cards 42, 17, 28).

Each function takes plain data and returns a transparent result: the counts, what decided it,
whether the proposal passed, and an explanation in German. Results are JSON-serialisable and
are stored in ``Decision.tally`` when a vote is closed. The order of the ballots never matters:
names in a result are sorted.
"""

from dataclasses import dataclass, field

PROCEDURE_EXPLANATIONS = {
    "consensus": "Konsens: Alle stimmen zu, mit Bedenken zu oder stehen beiseite – "
    "ein einziges Veto blockiert.",
    "consent": "Konsent: Der Vorschlag gilt, solange kein schwerwiegender, begründeter "
    "Einwand bleibt.",
    "majority": "Einfache Mehrheit: Angenommen, wenn mehr Ja- als Nein-Stimmen abgegeben sind.",
    "two_thirds": "Zwei-Drittel-Mehrheit: Angenommen, wenn mindestens zwei Drittel der "
    "zählenden Stimmen Ja sind.",
    "systemic": "Systemisches Konsensieren: Alle geben jeder Option 0 bis 10 Widerstandspunkte; "
    "die Option mit dem geringsten Widerstand gewinnt.",
    "meeting": "Im Treffen entschieden: Das Ergebnis und die Stimmen stehen im Protokoll.",
}

CHOICE_LABELS = {
    "agree": "Zustimmung",
    "concerns": "Zustimmung mit Bedenken",
    "stand_aside": "Beiseitestehen",
    "veto": "Veto",
    "objection": "Schwerwiegender Einwand",
    "yes": "Ja",
    "no": "Nein",
    "abstain": "Enthaltung",
}
CHOICES = {
    "consensus": ["agree", "concerns", "stand_aside", "veto"],
    "consent": ["agree", "concerns", "objection"],
    "majority": ["yes", "no", "abstain"],
    "two_thirds": ["yes", "no", "abstain"],
}
MAX_RESISTANCE = 10


@dataclass(frozen=True)
class Ballot:
    """One person's vote, as the tally sees it."""

    voter: str
    choice: str = ""
    reason: str = ""
    resistance: dict = field(default_factory=dict)


def _counts(procedure: str, ballots) -> list[dict]:
    return [
        {
            "choice": choice,
            "label": CHOICE_LABELS[choice],
            "count": sum(1 for b in ballots if b.choice == choice),
        }
        for choice in CHOICES[procedure]
    ]


def _names(ballots, choice: str) -> list[str]:
    return sorted(b.voter for b in ballots if b.choice == choice)


def _remarks(ballots, choices) -> list[dict]:
    """Reasons people gave with these choices, for the record."""
    return sorted(
        (
            {"voter": b.voter, "choice": CHOICE_LABELS[b.choice], "reason": b.reason.strip()}
            for b in ballots
            if b.choice in choices and b.reason.strip()
        ),
        key=lambda r: (r["voter"], r["choice"], r["reason"]),
    )


def _people(n: int) -> str:
    return "eine Person" if n == 1 else f"{n} Personen"


def _quorum_missed(result: dict, quorum: int) -> dict | None:
    voters = result["voters"]
    result["quorum"] = quorum
    result["quorum_met"] = voters >= quorum
    if voters == 0:
        result.update(
            passed=False,
            decided_by="Keine Stimmen",
            explanation="Niemand hat abgestimmt. Ohne Stimmen ist nichts entschieden.",
        )
        return result
    if voters < quorum:
        result.update(
            passed=False,
            decided_by="Nicht beschlussfähig",
            explanation=f"Nicht beschlussfähig: Abgestimmt haben {_people(voters)}, nötig "
            f"wären mindestens {quorum} {'Stimme' if quorum == 1 else 'Stimmen'}.",
        )
        return result
    return None


def consensus(ballots, *, quorum: int = 0) -> dict:
    """Konsens — agree, agree with concerns, stand aside or veto; any veto blocks."""
    ballots = list(ballots)
    result = {
        "procedure": "consensus",
        "voters": len(ballots),
        "counts": _counts("consensus", ballots),
        "vetoes": _names(ballots, "veto"),
        "remarks": _remarks(ballots, {"concerns", "stand_aside", "veto"}),
    }
    if _quorum_missed(result, quorum):
        return result
    vetoes = result["vetoes"]
    if vetoes:
        result.update(
            passed=False,
            decided_by="Veto von " + ", ".join(vetoes),
            explanation=f"Kein Konsens: {_people(len(vetoes))} hat ein Veto eingelegt "
            f"({', '.join(vetoes)}). Ein Veto blockiert die Entscheidung."
            if len(vetoes) == 1
            else f"Kein Konsens: {_people(len(vetoes))} haben ein Veto eingelegt "
            f"({', '.join(vetoes)}). Ein Veto blockiert die Entscheidung.",
        )
        return result
    counts = {c["choice"]: c["count"] for c in result["counts"]}
    parts = [f"{c['count']} × {c['label']}" for c in result["counts"] if c["count"]]
    note = " Die Bedenken sind festgehalten." if counts["concerns"] else ""
    result.update(
        passed=True,
        decided_by="Konsens ohne Veto",
        explanation=f"Konsens erreicht: {', '.join(parts)}, kein Veto.{note}",
    )
    return result


def consent(ballots, *, quorum: int = 0) -> dict:
    """Konsent — passes unless a serious objection *with a reason* remains at the end."""
    ballots = list(ballots)
    reasoned = sorted(b.voter for b in ballots if b.choice == "objection" and b.reason.strip())
    unreasoned = sorted(
        b.voter for b in ballots if b.choice == "objection" and not b.reason.strip()
    )
    result = {
        "procedure": "consent",
        "voters": len(ballots),
        "counts": _counts("consent", ballots),
        "objections": reasoned,
        "unreasoned_objections": unreasoned,
        "remarks": _remarks(ballots, {"concerns", "objection"}),
    }
    if _quorum_missed(result, quorum):
        return result
    if reasoned:
        result.update(
            passed=False,
            decided_by="Schwerwiegender Einwand von " + ", ".join(reasoned),
            explanation="Kein Konsent: Es bleibt ein schwerwiegender, begründeter Einwand "
            f"({', '.join(reasoned)}). Der Vorschlag muss überarbeitet werden.",
        )
        return result
    extra = (
        f" Einwände ohne Begründung ({', '.join(unreasoned)}) zählen nicht als schwerwiegend."
        if unreasoned
        else ""
    )
    result.update(
        passed=True,
        decided_by="Kein schwerwiegender Einwand",
        explanation=f"Konsent erreicht: Von {_people(len(ballots))} hat niemand einen "
        f"schwerwiegenden, begründeten Einwand erhoben.{extra}",
    )
    return result


def majority(ballots, *, quorum: int = 0, abstentions: str = "ignored", two_thirds=False):
    """Mehrheit — simple (more yes than no) or two-thirds (yes ≥ ⅔ of the counted votes).

    ``abstentions`` is "ignored" (they count towards the quorum only) or "against" (they
    count like no). Ties fail: a simple majority needs more yes than no.
    """
    procedure = "two_thirds" if two_thirds else "majority"
    ballots = list(ballots)
    result = {
        "procedure": procedure,
        "voters": len(ballots),
        "counts": _counts(procedure, ballots),
        "abstentions": abstentions,
        "remarks": _remarks(ballots, {"yes", "no", "abstain"}),
    }
    if _quorum_missed(result, quorum):
        return result
    yes = sum(1 for b in ballots if b.choice == "yes")
    no = sum(1 for b in ballots if b.choice == "no")
    abstain = sum(1 for b in ballots if b.choice == "abstain")
    against = no + (abstain if abstentions == "against" else 0)
    counted = yes + against
    result["counted"] = counted
    how = (
        "Enthaltungen zählen wie Nein"
        if abstentions == "against"
        else "Enthaltungen zählen nicht mit"
    )
    if two_thirds:
        passed = counted > 0 and 3 * yes >= 2 * counted
        rule = "mindestens zwei Drittel"
    else:
        passed = yes > against
        rule = "mehr Ja als Nein"
    tally = f"{yes} Ja, {no} Nein, {abstain} Enthaltung{'en' if abstain != 1 else ''}"
    if counted == 0:
        explanation = f"Abgelehnt: {tally}. Nur Enthaltungen – es zählt keine Stimme ({how})."
    else:
        verdict = "Angenommen" if passed else "Abgelehnt"
        explanation = (
            f"{verdict}: {tally}. Von {counted} zählenden Stimmen ({how}) sind {yes} Ja; "
            f"nötig ist {rule}."
        )
    result.update(
        passed=passed,
        decided_by=f"{yes} von {counted} zählenden Stimmen Ja",
        explanation=explanation,
    )
    return result


def systemic(options, ballots, *, quorum: int = 0) -> dict:
    """Systemisches Konsensieren — the option with the lowest total resistance wins.

    ``options`` are dicts with ``key``, ``label`` and ``passive`` in their agreed order;
    each ballot's ``resistance`` maps every option key to 0–10 points. Group acceptance of an
    option is 1 − total / (10 × voters). A tie goes to the passive option if it is among the
    tied, else to the earliest option.
    """
    options = list(options)
    ballots = list(ballots)
    voters = len(ballots)
    rows = []
    for position, option in enumerate(options):
        key = str(option["key"])
        total = sum(int(b.resistance.get(key, 0)) for b in ballots)
        acceptance = round(100 * (1 - total / (MAX_RESISTANCE * voters)), 1) if voters else None
        rows.append(
            {
                "key": key,
                "label": option["label"],
                "passive": bool(option.get("passive")),
                "total": total,
                "acceptance": acceptance,
                "position": position,
                "winner": False,
            }
        )
    result = {"procedure": "systemic", "voters": voters, "options": rows, "winner": None}
    if _quorum_missed(result, quorum) or not rows:
        result.setdefault("passed", False)
        result.setdefault("decided_by", "Keine Optionen")
        result.setdefault("explanation", "Es gibt keine Optionen, über die abgestimmt wurde.")
        return result
    lowest = min(r["total"] for r in rows)
    tied = [r for r in rows if r["total"] == lowest]
    winner = next((r for r in tied if r["passive"]), tied[0])
    winner["winner"] = True
    result["winner"] = winner["key"]
    acceptance = f"{winner['acceptance']:.1f}".replace(".", ",")
    explanation = (
        f"„{winner['label']}“ hat mit {winner['total']} Punkten den geringsten Widerstand "
        f"(Gruppenakzeptanz {acceptance} %) bei {_people(voters)}."
    )
    if len(tied) > 1:
        others = ", ".join(f"„{r['label']}“" for r in tied if r is not winner)
        rule = (
            "bei Gleichstand gewinnt die Passivlösung"
            if winner["passive"]
            else "bei Gleichstand gewinnt die früher genannte Option"
        )
        explanation += f" Gleichstand mit {others}: {rule}."
    if winner["passive"]:
        explanation += " Es bleibt also, wie es ist."
    result.update(
        passed=not winner["passive"],
        decided_by=f"Geringster Widerstand: {winner['label']}",
        explanation=explanation,
    )
    return result


def meeting(*, yes: int, no: int, abstain: int, passed: bool, quorum: int = 0) -> dict:
    """Im Treffen entschieden — the counts and the result as the minutes record them."""
    voters = yes + no + abstain
    counts = [
        {"choice": choice, "label": CHOICE_LABELS[choice], "count": n}
        for choice, n in [("yes", yes), ("no", no), ("abstain", abstain)]
    ]
    verdict = "Angenommen" if passed else "Abgelehnt"
    return {
        "procedure": "meeting",
        "voters": voters,
        "counts": counts,
        "quorum": quorum,
        "quorum_met": voters >= quorum,
        "passed": passed,
        "decided_by": "Beschluss im Treffen laut Protokoll",
        "explanation": f"{verdict} im Treffen: {yes} Ja, {no} Nein, {abstain} Enthaltung"
        f"{'en' if abstain != 1 else ''} (laut Protokoll).",
    }


def tally(procedure: str, ballots, *, options=(), quorum: int = 0, abstentions="ignored"):
    """The tally of a procedure that is voted on in Gemeinwerk (not "meeting")."""
    if procedure == "consensus":
        return consensus(ballots, quorum=quorum)
    if procedure == "consent":
        return consent(ballots, quorum=quorum)
    if procedure in ("majority", "two_thirds"):
        return majority(
            ballots,
            quorum=quorum,
            abstentions=abstentions,
            two_thirds=procedure == "two_thirds",
        )
    if procedure == "systemic":
        return systemic(options, ballots, quorum=quorum)
    raise ValueError(f"not a voting procedure: {procedure}")
