"""Kompass-Check rules about the knowledge archive and the glossary (cards 48, 51). Every rule
reads through ``visible_to(viewer)``: a side's own entries count for that side only."""

from django.db.models import Count, Q

from decisions.models import Decision
from knowledge.models import GlossaryTerm, KnowledgeItem
from meetings.models import Meeting
from workspaces.checking import HINT, SOON, Problem, Rule, unsettled
from workspaces.visibility import Visibility

# From this many decisions taken and meetings held on, knowledge that none of them left in the
# archive is knowledge that leaves with the people who were there (card 48).
ENOUGH_HAPPENED = 3
TAKEN = [Decision.Status.DECIDED, Decision.Status.SUPERSEDED]


def no_shared_terms(ctx):
    """Card 51 asks for a language both sides understand: a side's own notes do not count."""
    shared = GlossaryTerm.objects.visible_to(ctx.viewer).exclude(visibility=Visibility.SIDE)
    if shared.exists():
        return None
    return Problem(
        text="Ihr habt noch keinen Begriff gemeinsam erklärt. Welches Wort der anderen Seite "
        "habt ihr zuletzt nicht verstanden?",
        url=ctx.url("knowledge:term_create"),
        state="none",
    )


def public_terms_without_plain_words(ctx):
    """The public page shows a public term's plain-language summary; without one it shows the
    technical explanation to people it was not written for (cards 51, 52)."""
    return unsettled(
        GlossaryTerm.objects.visible_to(ctx.viewer).filter(
            visibility=Visibility.PUBLIC, plain_summary=""
        ),
        one="Der öffentliche Begriff {names} ist noch nicht in einfachen Worten erklärt.",
        many="Die öffentlichen Begriffe {names} sind noch nicht in einfachen Worten erklärt.",
        url=lambda t: ctx.url("knowledge:term", t.pk) if t else ctx.url("knowledge:glossary"),
        label=lambda t: t.term,
    )


def _archive_state(ctx) -> dict:
    """Decisions taken and meetings held that the viewer sees (how many, how many side-only),
    and whether knowledge the viewer sees names any decision or meeting. Read once per check,
    whether the rule applies or not, so the Check's queries do not depend on the data."""
    cached = getattr(ctx, "_knowledge_archive", None)
    if cached is not None:
        return cached
    side = Count("pk", filter=Q(visibility=Visibility.SIDE))
    decisions = Decision.objects.visible_to(ctx.viewer).filter(status__in=TAKEN)
    meetings = ctx.passed(Meeting.objects.visible_to(ctx.viewer), "starts_at")
    d = decisions.aggregate(n=Count("pk"), side=side)
    m = meetings.aggregate(n=Count("pk"), side=side)
    # One look into each link table's index per entry, without joining entries to their links.
    linked = [
        links.objects.values("knowledgeitem")
        for links in (KnowledgeItem.decisions.through, KnowledgeItem.meetings.through)
    ]
    kept = KnowledgeItem.objects.visible_to(ctx.viewer).filter(
        Q(pk__in=linked[0]) | Q(pk__in=linked[1])
    )
    ctx._knowledge_archive = {
        "count": d["n"] + m["n"],
        "side": d["side"] + m["side"],
        "kept": kept.exists(),
    }
    return ctx._knowledge_archive


def enough_happened(ctx) -> bool:
    return _archive_state(ctx)["count"] >= ENOUGH_HAPPENED


def knowledge_not_kept(ctx):
    """Nothing in the archive the viewer sees belongs to a decision or a meeting: what was
    learned there lives only in the heads of those who were there (card 48)."""
    state = _archive_state(ctx)
    if state["kept"]:
        return None
    return Problem(
        text=f"Zu {state['count']} getroffenen Entscheidungen und stattgefundenen Treffen "
        "habt ihr kein Wissen abgelegt. Was ihr dort gelernt habt, geht mit den Menschen, "
        "die dabei waren.",
        url=ctx.url("knowledge:create"),
        state=str(state["count"]),
        side_only=bool(state["side"]),
    )


RULES = [
    Rule(
        id="knowledge.glossary",
        title="Ihr habt eure Begriffe gemeinsam erklärt",
        cards=(51, 25),
        severity=HINT,
        check=no_shared_terms,
    ),
    Rule(
        id="knowledge.plain-words",
        title="Öffentliche Begriffe sind in einfachen Worten erklärt",
        cards=(51, 52),
        severity=SOON,
        check=public_terms_without_plain_words,
    ),
    Rule(
        id="knowledge.kept",
        title="Wissen aus Entscheidungen und Treffen ist festgehalten",
        cards=(48,),
        severity=SOON,
        check=knowledge_not_kept,
        applies=enough_happened,
    ),
]
