"""The overview of a co-production (what waits for the viewer, what is still unsettled, what
to read now), the Kompass-Check page and its JSON, and the table of all rules in the Fächer."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from goals import selectors as goal_selectors
from goals.models import Goal, Milestone
from kompass import check, registry, services
from kompass.models import SetAside
from kompass.waiting import waiting_for
from workspaces import selectors
from workspaces.checking import SEVERITIES
from workspaces.decorators import member_view
from workspaces.rules import require
from workspaces.services import WorkspaceError
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
    report = check.run(viewer, coproduction)
    context = {
        "waiting": waiting_for(viewer),
        "report": report,
        "goals": goals,
        "milestones": milestones,
        "partners": list(selectors.partners_of(coproduction)),
        "member_count": selectors.members_of(coproduction).count(),
        "reading": report.cards_to_read(),
    }
    return workspace_render(request, "kompass/overview.html", context, section="dashboard")


@member_view
def kompass_page(request, coproduction, viewer):
    """All findings and all settled points with their cards — printable."""
    report = check.run(viewer, coproduction)
    return workspace_render(request, "kompass/check.html", {"report": report}, section="kompass")


def _finding_json(finding):
    return {
        "rule": finding.rule.id,
        "title": finding.rule.title,
        "cards": list(finding.rule.cards),
        "severity": finding.rule.severity,
        "text": finding.problem.text,
        "url": finding.problem.url,
    }


@member_view
def kompass_json(request, coproduction, viewer):
    report = check.run(viewer, coproduction)
    data = {
        "findings": [_finding_json(f) for f in report.open],
        "settled": [
            {"rule": r.id, "title": r.title, "cards": list(r.cards), "severity": r.severity}
            for r in report.settled
        ],
        "set_aside": [{**_finding_json(f), "reason": f.set_aside.reason} for f in report.set_aside],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_POST
@member_view
def set_aside(request, coproduction, viewer, rule_id):
    require(request.user, "workspaces.manage", viewer)
    if registry.get(rule_id) is None:
        raise Http404
    try:
        services.finding_set_aside(
            actor=request.user,
            viewer=viewer,
            coproduction=coproduction,
            rule_id=rule_id,
            reason=request.POST.get("reason", ""),
        )
    except WorkspaceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Der Punkt bleibt bewusst offen, bis sich etwas daran ändert.")
    return redirect(reverse("kompass:check", args=[coproduction.slug]) + f"#{rule_id}")


@require_POST
@member_view
def set_aside_withdraw(request, coproduction, viewer, pk):
    # Not visible answers 404 before anything else: nobody learns a hidden set-aside exists.
    row = get_object_or_404(SetAside.objects.visible_to(viewer), pk=pk)
    require(request.user, "workspaces.manage", viewer)
    services.set_aside_withdraw(actor=request.user, set_aside=row)
    messages.success(request, "Der Punkt ist wieder offen.")
    return redirect(reverse("kompass:check", args=[coproduction.slug]) + f"#{row.rule_id}")


def rule_rows() -> list[dict]:
    return [
        {"id": r.id, "title": r.title, "cards": list(r.cards), "severity": r.severity}
        for r in registry.all_rules()
    ]


def rules_page(request):
    """Die Prüfpunkte des Kompass-Checks, generated from the rules themselves."""
    rows = registry.all_rules()
    return render(
        request,
        "kompass/rules.html",
        {
            "rules": rows,
            "severities": SEVERITIES,
            "card_count": len({c for r in rows for c in r.cards}),
        },
    )


def rules_json(request):
    return JsonResponse({"rules": rule_rows()}, json_dumps_params={"ensure_ascii": False})
