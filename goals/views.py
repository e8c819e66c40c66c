"""Pages of goals, strategy and milestones (cards 30–33).

Views stay thin: find the item through the selectors (visibility decided there), check the
permission, validate, call one service, turn a domain error into a message next to a field.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from goals import selectors, services, timeline
from goals.forms import (
    ContributionForm,
    DemandForm,
    GoalForm,
    JointGoalForm,
    MilestoneForm,
    ObstacleForm,
)
from goals.models import Contribution, Goal, Milestone
from history.kept import kept
from workspaces.concurrency import StaleEdit
from workspaces.decorators import member_view
from workspaces.pages import (
    STALE_ACTION,
    create_page,
    delete_page,
    item_page,
    posted_version,
    require_item_edit,
)
from workspaces.rules import allowed
from workspaces.services import WorkspaceError
from workspaces.views import choice_filters, paginate, workspace_render
from workspaces.visibility import Side, Visibility, get_visible

# Goals -------------------------------------------------------------------------------------


# The goal page holds five lists; each shows fewer rows than a page of its own would.
GOAL_SECTION_SIZE = 10
# The overlap page lists the side goals, a window of them at a time.
OVERLAP_PAGE_SIZE = 50


@member_view
def goal_list(request, coproduction, viewer):
    goals, demands = selectors.goal_counts(viewer), selectors.demand_counts(viewer)

    def section(rows, count, param, anchor):
        return paginate(
            request, rows, param, anchor=anchor, per_page=GOAL_SECTION_SIZE, count=count
        )

    joint = section(selectors.joint_goals(viewer), goals["joint"], "gemeinsame", "gemeinsame-ziele")
    joint.object_list = selectors.with_answers(viewer, joint.object_list)
    context = {
        "own": section(selectors.own_drafts(viewer), goals["own"], "eigene", "eigene-ziele"),
        "others": section(
            selectors.shared_drafts_of_others(viewer),
            goals["others"],
            "geteilte",
            "geteilte-ziele",
        ),
        "joint": joint,
        "demands": section(
            selectors.own_demands(viewer), demands["own"], "forderungen", "forderungen"
        ),
        "other_demands": section(
            selectors.shared_demands_of_others(viewer),
            demands["others"],
            "andere-forderungen",
            "andere-forderungen",
        ),
        "unshared": goals["unshared"] if allowed(request.user, "goals.share", viewer) else 0,
        "side_label": Side(viewer.side).label,
    }
    return workspace_render(request, "goals/goal_list.html", context, section="goals")


def _goal_create(request, coproduction, viewer, *, joint: bool):
    def create(values):
        return services.goal_create(
            actor=request.user,
            coproduction=coproduction,
            kind=Goal.Kind.JOINT if joint else Goal.Kind.SIDE,
            owner_side=viewer.side,
            **values,
        )

    def done(goal):
        messages.success(request, f"Das Ziel „{goal.title}“ ist gespeichert.")
        return redirect("goals:goal", coproduction.slug, goal.pk)

    return create_page(
        request,
        viewer,
        perm="goals.add",
        form_class=JointGoalForm if joint else GoalForm,
        create=create,
        done=done,
        template="goals/goal_form.html",
        section="goals",
        context={"joint": joint, "side_label": Side(viewer.side).label},
    )


@member_view
def goal_create(request, coproduction, viewer):
    return _goal_create(request, coproduction, viewer, joint=False)


@member_view
def joint_goal_create(request, coproduction, viewer):
    return _goal_create(request, coproduction, viewer, joint=True)


@member_view
def goal_detail(request, coproduction, viewer, pk):
    goal = get_visible(selectors.goal_detail_for(viewer, pk), viewer, pk=pk)

    def update(form):
        values = form.changed_values()
        services.goal_update(
            actor=request.user,
            goal=goal,
            expected_version=form.expected_version(),
            answers=values.pop("answers", None),
            **values,
        )

    def done():
        messages.success(request, "Das Ziel ist gespeichert.")
        return redirect("goals:goal", coproduction.slug, goal.pk)

    return item_page(
        request,
        viewer,
        goal,
        form_class=JointGoalForm if goal.is_joint else GoalForm,
        update=update,
        done=done,
        template="goals/goal_detail.html",
        section="goals",
        context={"goal": goal},
    )


@member_view
def goal_delete(request, coproduction, viewer, pk):
    goal = get_visible(selectors.goals_for(viewer), viewer, pk=pk)
    return delete_page(
        request,
        viewer,
        goal,
        delete=lambda version: services.goal_delete(
            actor=request.user, goal=goal, expected_version=version
        ),
        what="Das Ziel",
        back_url=reverse("goals:goal", args=[coproduction.slug, goal.pk]),
        done_url=reverse("goals:list", args=[coproduction.slug]),
        section="goals",
    )


@member_view
def overlap(request, coproduction, viewer):
    """Per side: which of its goals the joint goals answer, and which not (card 31). The
    figures count every side goal (20,000 at the bench's xl level): kept until the next
    recorded change, per side, as the overview's are (``history.kept``)."""
    summary = [
        {
            **row,
            "label": Side(row["owner_side"]).label,
            "own": row["owner_side"] == viewer.side,
            "open": row["total"] - row["covered_count"],
        }
        for row in kept(
            coproduction,
            ("overlap", viewer.side, viewer.is_member),
            lambda: selectors.overlap_summary(viewer),
            ballots=False,
            clocked=True,
        )
    ]
    rows = selectors.OverlapRows(viewer, summary)
    page = paginate(request, rows, "seite", per_page=OVERLAP_PAGE_SIZE)
    page.object_list = selectors.with_answering(viewer, page.object_list)
    context = {
        "summary": summary,
        "page": page,
    }
    return workspace_render(request, "goals/overlap.html", context, section="goals")


# Demands -----------------------------------------------------------------------------------


@member_view
def demand_create(request, coproduction, viewer):
    def create(values):
        return services.demand_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(demand):
        messages.success(request, "Die Forderung ist gespeichert.")
        return redirect(reverse("goals:list", args=[coproduction.slug]) + "#forderungen")

    return create_page(
        request,
        viewer,
        perm="goals.add",
        form_class=DemandForm,
        create=create,
        done=done,
        template="goals/demand_form.html",
        section="goals",
    )


@member_view
def demand_detail(request, coproduction, viewer, pk):
    demand = get_visible(selectors.demands_for(viewer), viewer, pk=pk)

    def update(form):
        services.demand_update(
            actor=request.user,
            demand=demand,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Die Forderung ist gespeichert.")
        return redirect("goals:demand", coproduction.slug, demand.pk)

    return item_page(
        request,
        viewer,
        demand,
        form_class=DemandForm,
        update=update,
        done=done,
        template="goals/demand_detail.html",
        section="goals",
        context={"demand": demand},
    )


@member_view
def demand_delete(request, coproduction, viewer, pk):
    demand = get_visible(selectors.demands_for(viewer), viewer, pk=pk)
    return delete_page(
        request,
        viewer,
        demand,
        delete=lambda version: services.demand_delete(
            actor=request.user, demand=demand, expected_version=version
        ),
        what="Die Forderung",
        back_url=reverse("goals:demand", args=[coproduction.slug, demand.pk]),
        done_url=reverse("goals:list", args=[coproduction.slug]) + "#forderungen",
        section="goals",
    )


# Strategy ----------------------------------------------------------------------------------


@member_view
def strategy(request, coproduction, viewer):
    """What each partner brings, obstacles and remedies, who watches over which goal."""
    context = {
        "contributions": paginate(
            request, selectors.contributions_for(viewer), "beitraege", anchor="beitraege"
        ),
        "obstacles": paginate(
            request, selectors.obstacles_for(viewer), "hindernisse", anchor="hindernisse"
        ),
        "stewarded": paginate(
            request, selectors.stewarded_goals(viewer), "ziele", anchor="im-blick"
        ),
        "kinds": Contribution.Kind.choices,
    }
    return workspace_render(request, "goals/strategy.html", context, section="strategy")


@member_view
def contribution_create(request, coproduction, viewer):
    def create(values):
        return services.contribution_create(actor=request.user, coproduction=coproduction, **values)

    def done(contribution):
        messages.success(request, "Der Beitrag ist gespeichert.")
        return redirect(reverse("goals:strategy", args=[coproduction.slug]) + "#beitraege")

    return create_page(
        request,
        viewer,
        perm="goals.add",
        form_class=ContributionForm,
        create=create,
        done=done,
        template="goals/contribution_form.html",
        section="strategy",
    )


@member_view
def contribution_detail(request, coproduction, viewer, pk):
    contribution = get_visible(selectors.contributions_for(viewer), viewer, pk=pk)

    def update(form):
        services.contribution_update(
            actor=request.user,
            contribution=contribution,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Der Beitrag ist gespeichert.")
        return redirect("goals:contribution", coproduction.slug, contribution.pk)

    return item_page(
        request,
        viewer,
        contribution,
        form_class=ContributionForm,
        update=update,
        done=done,
        template="goals/contribution_detail.html",
        section="strategy",
        context={"contribution": contribution},
    )


@member_view
def contribution_delete(request, coproduction, viewer, pk):
    contribution = get_visible(selectors.contributions_for(viewer), viewer, pk=pk)
    return delete_page(
        request,
        viewer,
        contribution,
        delete=lambda version: services.contribution_delete(
            actor=request.user, contribution=contribution, expected_version=version
        ),
        what="Der Beitrag",
        back_url=reverse("goals:contribution", args=[coproduction.slug, contribution.pk]),
        done_url=reverse("goals:strategy", args=[coproduction.slug]) + "#beitraege",
        section="strategy",
    )


@member_view
def obstacle_create(request, coproduction, viewer):
    def create(values):
        return services.obstacle_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(obstacle):
        messages.success(request, "Das Hindernis ist gespeichert.")
        return redirect(reverse("goals:strategy", args=[coproduction.slug]) + "#hindernisse")

    return create_page(
        request,
        viewer,
        perm="goals.add",
        form_class=ObstacleForm,
        create=create,
        done=done,
        template="goals/obstacle_form.html",
        section="strategy",
    )


@member_view
def obstacle_detail(request, coproduction, viewer, pk):
    obstacle = get_visible(selectors.obstacles_for(viewer), viewer, pk=pk)

    def update(form):
        services.obstacle_update(
            actor=request.user,
            obstacle=obstacle,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        messages.success(request, "Das Hindernis ist gespeichert.")
        return redirect("goals:obstacle", coproduction.slug, obstacle.pk)

    return item_page(
        request,
        viewer,
        obstacle,
        form_class=ObstacleForm,
        update=update,
        done=done,
        template="goals/obstacle_detail.html",
        section="strategy",
        context={"obstacle": obstacle},
    )


@member_view
def obstacle_delete(request, coproduction, viewer, pk):
    obstacle = get_visible(selectors.obstacles_for(viewer), viewer, pk=pk)
    return delete_page(
        request,
        viewer,
        obstacle,
        delete=lambda version: services.obstacle_delete(
            actor=request.user, obstacle=obstacle, expected_version=version
        ),
        what="Das Hindernis",
        back_url=reverse("goals:obstacle", args=[coproduction.slug, obstacle.pk]),
        done_url=reverse("goals:strategy", args=[coproduction.slug]) + "#hindernisse",
        section="strategy",
    )


# Milestones --------------------------------------------------------------------------------


@member_view
def milestone_list(request, coproduction, viewer):
    status = request.GET.get("stand", "")
    if status not in Milestone.Status.values:
        status = ""
    rows = selectors.milestones_for(viewer).order_by("due_date", "id")
    if status:
        rows = rows.filter(status=status)
    page = paginate(request, rows, "seite", anchor="liste")
    today = timezone.localdate()
    picture = timeline.build(
        coproduction,
        selectors.timeline_milestones(viewer, today=today),
        today=today,
        # Unfiltered, the list has counted them all already.
        total=selectors.milestone_count(viewer) if status else page.paginator.count,
    )
    context = {
        "page": page,
        "status": status,
        "filters": choice_filters(request, "stand", Milestone.Status.choices, status),
        "timeline": picture,
    }
    return workspace_render(request, "goals/milestone_list.html", context, section="milestones")


def _reached_message(request, milestone) -> None:
    messages.success(
        request,
        f"Geschafft: „{milestone.title}“ ist erreicht! Feiert es – und macht es öffentlich, "
        "wenn ihr wollt.",
    )


@member_view
def milestone_create(request, coproduction, viewer):
    def create(values):
        return services.milestone_create(
            actor=request.user, coproduction=coproduction, owner_side=viewer.side, **values
        )

    def done(milestone):
        if milestone.status == Milestone.Status.REACHED:
            _reached_message(request, milestone)
            return redirect(
                reverse("goals:milestone", args=[coproduction.slug, milestone.pk]) + "#feiern"
            )
        messages.success(request, f"Der Meilenstein „{milestone.title}“ ist gespeichert.")
        return redirect("goals:milestones", coproduction.slug)

    return create_page(
        request,
        viewer,
        perm="goals.add",
        form_class=MilestoneForm,
        create=create,
        done=done,
        template="goals/milestone_form.html",
        section="milestones",
    )


@member_view
def milestone_detail(request, coproduction, viewer, pk):
    milestone = get_visible(selectors.milestones_for(viewer), viewer, pk=pk)
    was_reached = milestone.status == Milestone.Status.REACHED

    def update(form):
        services.milestone_update(
            actor=request.user,
            milestone=milestone,
            expected_version=form.expected_version(),
            **form.changed_values(),
        )

    def done():
        url = reverse("goals:milestone", args=[coproduction.slug, milestone.pk])
        if milestone.status == Milestone.Status.REACHED and not was_reached:
            _reached_message(request, milestone)
            return redirect(url + "#feiern")
        messages.success(request, "Der Meilenstein ist gespeichert.")
        return redirect(url)

    offer = (
        was_reached
        and allowed(request.user, "workspaces.edit_item", viewer, milestone)
        and (not milestone.celebrated or milestone.visibility != Visibility.PUBLIC)
    )
    return item_page(
        request,
        viewer,
        milestone,
        form_class=MilestoneForm,
        update=update,
        done=done,
        template="goals/milestone_detail.html",
        section="milestones",
        context={"milestone": milestone, "offer": offer},
    )


@member_view
def milestone_delete(request, coproduction, viewer, pk):
    milestone = get_visible(selectors.milestones_for(viewer), viewer, pk=pk)
    return delete_page(
        request,
        viewer,
        milestone,
        delete=lambda version: services.milestone_delete(
            actor=request.user, milestone=milestone, expected_version=version
        ),
        what="Der Meilenstein",
        back_url=reverse("goals:milestone", args=[coproduction.slug, milestone.pk]),
        done_url=reverse("goals:milestones", args=[coproduction.slug]),
        section="milestones",
    )


def _milestone_action(request, coproduction, viewer, pk, action, success: str):
    milestone = get_visible(selectors.milestones_for(viewer), viewer, pk=pk)
    require_item_edit(viewer, milestone)
    try:
        action(
            actor=request.user,
            milestone=milestone,
            expected_version=posted_version(request),
        )
    except StaleEdit:
        messages.error(request, STALE_ACTION)
    except WorkspaceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success.format(title=milestone.title))
    return redirect(reverse("goals:milestone", args=[coproduction.slug, milestone.pk]) + "#feiern")


@require_POST
@member_view
def milestone_celebrate(request, coproduction, viewer, pk):
    return _milestone_action(
        request,
        coproduction,
        viewer,
        pk,
        services.milestone_celebrate,
        "🎉 Herzlichen Glückwunsch! „{title}“ ist geschafft – danke an alle, die dazu "
        "beigetragen haben. Gemeinsam zu würdigen, was gelungen ist, schweißt zusammen.",
    )
