from workspaces.decorators import member_view
from workspaces.views import workspace_render


@member_view
def goal_list(request, coproduction, viewer):
    return workspace_render(request, "goals/goal_list.html", {}, section="goals")


@member_view
def strategy(request, coproduction, viewer):
    return workspace_render(request, "goals/strategy.html", {}, section="strategy")


@member_view
def milestone_list(request, coproduction, viewer):
    return workspace_render(request, "goals/milestone_list.html", {}, section="milestones")
