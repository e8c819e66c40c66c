"""The overview of a co-production (what waits for the viewer, what is still unsettled, what
to read now), the Kompass-Check page and its JSON, and the table of all rules in the Fächer."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from decisions import ballots
from decisions import selectors as decision_selectors
from kompass import check, registry, services
from kompass.models import SetAside
from kompass.overview import report_html as overview_report_html
from kompass.waiting import waiting_on_overview
from workspaces.checking import SEVERITIES
from workspaces.decorators import member_view
from workspaces.rules import require
from workspaces.services import WorkspaceError
from workspaces.views import workspace_render

# Members this new are shown the way to the page for newcomers (Ankommen).
NEWCOMER = timedelta(days=30)


@member_view
def overview(request, coproduction, viewer):
    return _overview(request, coproduction, viewer)


def _ballots(viewer, votes, posted=None) -> None:
    """Each vote waiting gets its ballot beside it — the one just refused keeps its input and
    its errors, and stays in the list even if it would not be among the first."""
    if posted is not None and posted.decision.pk not in {d.pk for d in votes}:
        votes.insert(0, posted.decision)
    for decision in votes:
        if posted is not None and decision.pk == posted.decision.pk:
            decision.ballot = posted
        else:
            decision.ballot = _ballot(viewer, decision, list(decision.options.all()))


def _ballot(viewer, decision, options, data=None):
    # Field ids carry the decision: several ballots share the page, names stay as on the
    # decision's page.
    auto_id = f"id_vote{decision.pk}_%s"
    return ballots.vote_form_for(viewer, decision, options, data=data, auto_id=auto_id)


def _overview(request, coproduction, viewer, posted=None):
    waiting = waiting_on_overview(viewer, coproduction)
    _ballots(viewer, waiting.votes, posted)
    context = {
        "waiting": waiting,
        "report_html": overview_report_html(viewer, coproduction),
        "newcomer": viewer.membership.joined_at > timezone.now() - NEWCOMER,
    }
    return workspace_render(request, "kompass/overview.html", context, section="dashboard")


@require_POST
@member_view
def vote(request, coproduction, viewer, pk):
    """A vote cast from the overview: the decision page's ballot, checks and service. Refused,
    the overview comes back with the error beside that vote and the input kept."""
    decision = decision_selectors.decision_for(viewer, pk)
    require(request.user, "decisions.vote", viewer, message=ballots.OBSERVERS_DO_NOT_VOTE)
    form = _ballot(viewer, decision, list(decision.options.all()), data=request.POST)
    back = reverse("kompass:overview", args=[coproduction.slug]) + "#wartet"
    if form is None:
        messages.error(request, ballots.closed_message(decision))
        return redirect(back)
    if ballots.cast(request.user, viewer, form):
        messages.success(
            request,
            f"Eure Stimme zu „{decision.question}“ ist gezählt. Entschieden ist erst nach dem "
            "Auszählen; den Zwischenstand seht ihr auf der Seite der Entscheidung, dort könnt "
            "ihr eure Stimme bis zum Ende ändern.",
        )
        return redirect(back)
    return _overview(request, coproduction, viewer, posted=form)


@member_view
def kompass_page(request, coproduction, viewer):
    """All findings and all settled points with their cards — printable."""
    return _check_page(request, coproduction, viewer)


def _check_page(request, coproduction, viewer, refused=None):
    """``refused``: a reason to set a point aside that was not taken — its form is shown open
    again, with the message beside it and the text as it was typed."""
    report = check.report_for(viewer, coproduction)
    context = {"report": report, "refused": refused or {}}
    response = workspace_render(request, "kompass/check.html", context, section="kompass")
    if refused:
        response.status_code = 400
    return response


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
    report = check.report_for(viewer, coproduction)
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
    require(request.user, "kompass.set_aside", viewer)
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
        refused = {"rule": rule_id, "reason": request.POST.get("reason", ""), "error": str(error)}
        return _check_page(request, coproduction, viewer, refused)
    messages.success(request, "Der Punkt bleibt bewusst offen, bis sich etwas daran ändert.")
    return redirect(reverse("kompass:check", args=[coproduction.slug]) + f"#{rule_id}")


@require_POST
@member_view
def set_aside_withdraw(request, coproduction, viewer, pk):
    # Not visible answers 404 before anything else: nobody learns a hidden set-aside exists.
    row = get_object_or_404(SetAside.objects.visible_to(viewer), pk=pk)
    require(request.user, "kompass.set_aside", viewer)
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
