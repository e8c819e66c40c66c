"""The overview of a co-production: what waits for the viewer, what is still unsettled, and
which cards to read now."""

from django.db.models import Count, Q

from goals import selectors as goal_selectors
from goals.models import Goal, Milestone
from workspaces import selectors
from workspaces.decorators import member_view
from workspaces.views import workspace_render


@member_view
def overview(request, coproduction, viewer):
    goals = goal_selectors.goals_for(viewer).aggregate(
        own_drafts=Count("id", filter=Q(kind=Goal.Kind.SIDE, owner_side=viewer.side)),
        shared_drafts=Count("id", filter=Q(kind=Goal.Kind.SIDE) & ~Q(visibility="side")),
        joint=Count("id", filter=Q(kind=Goal.Kind.JOINT)),
    )
    milestones = goal_selectors.milestones_for(viewer).aggregate(
        total=Count("id"), reached=Count("id", filter=Q(status=Milestone.Status.REACHED))
    )
    partners = list(selectors.partners_of(coproduction))
    context = {
        "goals": goals,
        "milestones": milestones,
        "next_milestones": goal_selectors.next_milestones(viewer),
        "overdue": goal_selectors.overdue_milestones(viewer).count(),
        "partners": partners,
        "member_count": selectors.members_of(coproduction).count(),
        "open_invitations": selectors.open_invitations(coproduction).count(),
        "reading": reading_suggestions(coproduction, viewer, goals, milestones, partners),
    }
    return workspace_render(request, "kompass/overview.html", context, section="dashboard")


def reading_suggestions(coproduction, viewer, goals, milestones, partners) -> list[tuple[int, str]]:
    """Which cards to read now, from where the co-production stands (cards 25–33)."""
    sides = {p.side for p in partners}
    out = []
    if len(sides - {"external"}) < 2:
        out.append(
            (25, "Noch fehlt eine Seite: Ladet die andere Seite ein und lernt ihre Logik kennen.")
        )
    if not goals["own_drafts"]:
        out.append((30, "Formuliert zuerst die Ziele eurer Seite."))
    if goals["shared_drafts"] and not goals["joint"]:
        out.append((31, "Aus den geteilten Zielen der Seiten werden gemeinsame Ziele."))
    if goals["joint"] and not milestones["total"]:
        out.append((32, "Legt Meilensteine fest – und feiert, wenn ihr sie erreicht."))
    if any(p.consultation_days == 0 for p in partners):
        out.append((26, "Tragt ein, wie lange eure Partner:innen für Rücksprachen brauchen."))
    if coproduction.planned_end is None and coproduction.kind == "cooperation":
        out.append((35, "Eine Kooperation hat ein Ende: Wann ist euer Ziel erreicht?"))
    return out[:4] or [(46, "Nehmt euch regelmäßig Zeit für Reflexion.")]
