"""The overview's part that depends on the data and the viewer's side and access alone — first
steps, what is open, what to read, the figures —, rendered once and kept with the report for
every app server (two thirds of the overview's time went to rendering it on every visit)."""

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from goals import selectors as goal_selectors
from goals.models import Goal, Milestone
from history.kept import Shared, kept
from kompass import check
from workspaces import selectors


def figures(viewer, coproduction) -> dict:
    """The overview's figures: goals, milestones, partners and members as this side sees them."""
    return {
        "goals": goal_selectors.goals_for(viewer).aggregate(
            own_drafts=Count("id", filter=Q(kind=Goal.Kind.SIDE, owner_side=viewer.side)),
            shared_drafts=Count("id", filter=Q(kind=Goal.Kind.SIDE) & ~Q(visibility="side")),
            joint=Count("id", filter=Q(kind=Goal.Kind.JOINT)),
        ),
        "milestones": goal_selectors.milestones_for(viewer).aggregate(
            total=Count("id"), reached=Count("id", filter=Q(status=Milestone.Status.REACHED))
        ),
        "partners": list(selectors.partners_of(coproduction)),
        "member_count": selectors.members_of(coproduction).count(),
    }


def report_html(viewer, coproduction) -> str:
    def render():
        report = check.report_for(viewer, coproduction)
        context = {
            **figures(viewer, coproduction),
            "coproduction": coproduction,
            "report": report,
            "reading": report.cards_to_read(),
        }
        # Rendered template output is marked safe already; the page inserts it as it is.
        return render_to_string("kompass/_overview_report.html", context)

    parts = ("overview", viewer.side, viewer.membership.access, viewer.ended)
    shared = Shared(str, mark_safe)
    # Kept as long as the report it shows (its time passes on through ``kept``).
    return kept(coproduction, parts, render, ballots=False, clocked=True, shared=shared)
