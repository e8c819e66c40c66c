"""Ankommen — the page for newcomers (card 48, with 37 and 22): the co-production in brief,
what the partners have agreed so far, who is who, and the cards to read first. It reads
several feature apps, so it lives in this top app beside the overview; like every page it
shows only what the viewer may see."""

from django.db.models import Prefetch

from decisions.models import Decision
from goals.models import Goal
from handover import selectors as handover_selectors
from structures.models import Mandate
from structures.selectors import bodies_for
from workspaces import selectors
from workspaces.decorators import member_view
from workspaces.views import workspace_render

# How many of each kind the page names; the rest is one link away.
SHOWN = 10
# The cards a newcomer reads first, and why.
FIRST_CARDS = [
    (7, "was Ko-Produktion ist – und was nicht"),
    (25, "wie die andere Seite denkt und entscheidet"),
    (27, "welche Rollen es gibt und wo sie sich reiben"),
    (41, "wie Gremien und Mandate funktionieren"),
    (42, "wie ihr entscheidet"),
    (44, "wie ihr miteinander umgeht"),
    (51, "wie ihr eine gemeinsame Sprache findet"),
    (48, "warum Übergaben wichtig sind, wenn Menschen wechseln"),
]


@member_view
def onboarding(request, coproduction, viewer):
    joint = Goal.objects.visible_to(viewer).filter(kind=Goal.Kind.JOINT)
    decided = Decision.objects.visible_to(viewer).filter(status=Decision.Status.DECIDED)
    current = Mandate.objects.filter(ended_on__isnull=True).select_related(
        "partner", "holder__user"
    )
    bodies = bodies_for(viewer).prefetch_related(Prefetch("mandates", queryset=current))
    members = list(selectors.members_of(coproduction).order_by("partner__name", "pk"))
    partners = list(selectors.partners_of(coproduction).filter(left_at__isnull=True))
    for partner in partners:
        partner.people = [m for m in members if m.partner_id == partner.pk]
    taking_over = handover_selectors.handovers_for(viewer).filter(
        successor=viewer.membership, successor_signed_at__isnull=True
    )
    context = {
        "joint_goals": list(joint.select_related("steward__user").order_by("title", "pk")[:SHOWN]),
        "joint_count": joint.count(),
        "bodies": list(bodies.order_by("name", "pk")[:SHOWN]),
        "body_count": bodies.count(),
        "decisions": list(decided.order_by("-decided_at", "-pk")[:SHOWN]),
        "decision_count": decided.count(),
        "partners": partners,
        "taking_over": list(taking_over),
        "first_cards": FIRST_CARDS,
    }
    return workspace_render(request, "kompass/onboarding.html", context, section="dashboard")
