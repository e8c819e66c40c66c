"""Writes of goals, demands, strategy and milestones (cards 30–33).

Every function owns its transaction, checks the item's version when it changes one, and
records the change in the history. Permission (who may edit what) is checked by the views
before they call; the rules here are those of the domain, which hold for every caller.
"""

from django.db import transaction
from django.utils import timezone

from goals.models import Contribution, Demand, Goal, Milestone, Obstacle
from history.models import ChangeRecord
from history.services import record_change, reference
from workspaces.concurrency import save_versioned
from workspaces.services import WorkspaceError, create_recorded, delete_recorded, update_recorded
from workspaces.visibility import (
    Visibility,
    link_refusal,
    linked_more_widely,
    may_link,
    owning_side,
)

GOAL_FIELDS = [
    "level",
    "title",
    "description",
    "due_date",
    "dimensions",
    "visibility",
    "steward",
]
DEMAND_FIELDS = ["kind", "text", "visibility"]
CONTRIBUTION_FIELDS = ["partner", "kind", "description", "visibility"]
OBSTACLE_FIELDS = ["goal", "description", "remedy", "visibility"]
MILESTONE_FIELDS = [
    "title",
    "kind",
    "due_date",
    "responsible",
    "status",
    "reached_on",
    "goal",
    "visibility",
    "celebrated",
]


class GoalError(WorkspaceError):
    """A change the rules of goals and milestones do not allow; ``field`` names the culprit."""


def _answer_titles(goal: Goal) -> list[dict]:
    return [reference(g) for g in sorted(goal.answers.all(), key=lambda g: (g.title, g.pk))]


def _check_side_item(owner_side: str, visibility: str) -> None:
    if visibility == Visibility.SIDE and not owner_side:
        raise GoalError(
            "Ein gemeinsamer Eintrag gehört keiner Seite allein. Wählt „Alle Mitglieder“ "
            "oder „Öffentlich“.",
            field="visibility",
        )


def _check_goal_link(goal: Goal | None, *, visibility: str, owner_side: str) -> None:
    """An item seen by more people than its goal would reveal that goal's title."""
    if not may_link(goal, visibility=visibility, owner_side=owner_side):
        raise GoalError(
            link_refusal(
                goal,
                "Dieses Ziel sieht nur eine Seite. Teilt das Ziel zuerst oder macht diesen "
                "Eintrag auch nur für eure Seite sichtbar.",
            ),
            field="goal",
        )


def _stored_goal(item) -> Goal | None:
    """The goal an item points to, read unfiltered (a viewer's prefetch may hide it)."""
    return Goal.objects.filter(pk=item.goal_id).first() if item.goal_id else None


def _check_answers(coproduction_id: int, answers) -> None:
    for goal in answers:
        if (
            goal.coproduction_id != coproduction_id
            or goal.kind != Goal.Kind.SIDE
            or goal.visibility == Visibility.SIDE
        ):
            raise GoalError(
                "Ein gemeinsames Ziel kann nur geteilte Ziele der Seiten beantworten.",
                field="answers",
            )


def _check_concrete(level: str, due_date) -> None:
    if level == Goal.Level.CONCRETE and due_date is None:
        raise GoalError(
            "Ein konkretes Ziel braucht ein Datum: Bis wann wollt ihr es erreichen?",
            field="due_date",
        )


def _still_referenced(goal: Goal) -> bool:
    """Whether others rely on a shared side goal, so it cannot become private again."""
    if goal.answered_by.exists():
        return True
    private = {"visibility": Visibility.SIDE, "owner_side": goal.owner_side}
    return any(
        linked_more_widely(rows, **private).exists()
        for rows in (
            goal.milestones.all(),
            goal.obstacles.all(),
            goal.decisions.all(),
            goal.reflection_consequences.all(),  # reflection's consequences (no import)
            goal.knowledge_items.all(),  # the knowledge archive's links (knowledge.links)
        )
    )


def _check_future(due_date) -> None:
    """A goal is set for a date still to come (issue 9 §6): a date that has passed is almost
    always a typo in the year, and the goal would be "missed" from its first day."""
    if due_date is not None and due_date < timezone.localdate():
        raise GoalError(
            f"Dieses Datum ({due_date:%d.%m.%Y}) liegt in der Vergangenheit. Bis wann wollt "
            "ihr das Ziel von heute an erreichen?",
            field="due_date",
        )


# Goals -------------------------------------------------------------------------------------


@transaction.atomic
def goal_create(
    *,
    actor,
    coproduction,
    kind: str,
    owner_side: str,
    level: str,
    title: str,
    description: str = "",
    due_date=None,
    dimensions=(),
    visibility: str | None = None,
    answers=(),
    steward=None,
) -> Goal:
    """A side draft (owner_side set, side-only by default — card 30) or a joint goal."""
    joint = kind == Goal.Kind.JOINT
    if joint:
        owner_side = ""
    visibility = visibility or (Visibility.COPRODUCTION if joint else Visibility.SIDE)
    _check_side_item(owner_side, visibility)
    _check_concrete(level, due_date)
    _check_future(due_date)
    answers = list(answers) if joint else []
    _check_answers(coproduction.pk, answers)
    return create_recorded(
        actor,
        Goal(
            coproduction=coproduction,
            kind=kind,
            owner_side=owner_side,
            level=level,
            title=title,
            description=description,
            due_date=due_date,
            dimensions=list(dimensions),
            visibility=visibility,
            steward=steward if joint else None,
            created_by=actor,
        ),
        GOAL_FIELDS,
        m2m=("answers", _answer_titles, lambda g: g.answers.set(answers)) if answers else None,
    )


@transaction.atomic
def goal_update(*, actor, goal: Goal, expected_version: int, answers=None, **values) -> Goal:
    """Change a goal; a joint goal may also change the side goals it answers."""
    visibility = values.get("visibility", goal.visibility)
    _check_side_item(goal.owner_side, visibility)
    _check_concrete(values.get("level", goal.level), values.get("due_date", goal.due_date))
    stored_due = Goal.objects.filter(pk=goal.pk).values_list("due_date", flat=True).first()
    if values.get("due_date", stored_due) != stored_due:
        _check_future(values["due_date"])
    was_shared = Goal.objects.filter(pk=goal.pk).exclude(visibility=Visibility.SIDE).exists()
    if was_shared and visibility == Visibility.SIDE and _still_referenced(goal):
        raise GoalError(
            "Auf dieses geteilte Ziel beziehen sich schon gemeinsame Ziele, Meilensteine, "
            "Hindernisse, Entscheidungen oder Wissen. Es kann nicht mehr nur für eure Seite "
            "sichtbar sein.",
            field="visibility",
        )
    if not goal.is_joint:
        values.pop("steward", None)
        answers = None
    m2m = None
    if answers is not None:
        answers = list(answers)
        _check_answers(goal.coproduction_id, answers)
        m2m = ("answers", _answer_titles, lambda g: g.answers.set(answers))
    return update_recorded(actor, goal, GOAL_FIELDS, expected_version, values, m2m=m2m)


@transaction.atomic
def goal_delete(*, actor, goal: Goal, expected_version: int | None = None) -> None:
    delete_recorded(actor, goal, expected_version)


@transaction.atomic
def goals_share(*, actor, coproduction, side: str, goal_ids=None) -> int:
    """Teilen: a side shows its drafts to all members — those named by ``goal_ids`` (the ones
    the confirmation named), or all still side-only when ``None`` (card 31).

    Returns how many drafts were shared; each gets a "geteilt" entry in its history.
    """
    drafts = Goal.objects.select_for_update().filter(
        coproduction=coproduction,
        kind=Goal.Kind.SIDE,
        owner_side=side,
        visibility=Visibility.SIDE,
    )
    if goal_ids is not None:
        drafts = drafts.filter(pk__in=list(goal_ids))
    shared = 0
    for draft in drafts:
        draft.visibility = Visibility.COPRODUCTION
        save_versioned(draft, expected_version=draft.version, fields=["visibility"])
        record_change(
            actor=actor,
            item=draft,
            action=ChangeRecord.Action.SHARED,
            changes={"visibility": [Visibility.SIDE.value, Visibility.COPRODUCTION.value]},
        )
        shared += 1
    return shared


# Demands -----------------------------------------------------------------------------------


@transaction.atomic
def demand_create(
    *, actor, coproduction, owner_side: str, kind: str, text: str, visibility: str | None = None
) -> Demand:
    """A side's red line or room for compromise — side-only unless chosen otherwise (card 33)."""
    if not owner_side:
        raise GoalError("Forderungen gehören immer einer Seite.")
    return create_recorded(
        actor,
        Demand(
            coproduction=coproduction,
            owner_side=owner_side,
            kind=kind,
            text=text,
            visibility=visibility or Visibility.SIDE,
            created_by=actor,
        ),
        DEMAND_FIELDS,
    )


@transaction.atomic
def demand_update(*, actor, demand: Demand, expected_version: int, **values) -> Demand:
    update_recorded(actor, demand, DEMAND_FIELDS, expected_version, values)
    return demand


@transaction.atomic
def demand_delete(*, actor, demand: Demand, expected_version: int | None = None) -> None:
    delete_recorded(actor, demand, expected_version)


# Strategy ----------------------------------------------------------------------------------


@transaction.atomic
def contribution_create(
    *, actor, coproduction, partner, kind: str, description: str, visibility: str | None = None
) -> Contribution:
    """What a partner brings (card 31); it belongs to the partner's side."""
    if partner.coproduction_id != coproduction.pk:
        raise GoalError("Diese Partner:in gehört nicht zu eurer Ko-Produktion.", field="partner")
    return create_recorded(
        actor,
        Contribution(
            coproduction=coproduction,
            partner=partner,
            owner_side=partner.side,
            kind=kind,
            description=description,
            visibility=visibility or Visibility.COPRODUCTION,
        ),
        CONTRIBUTION_FIELDS,
    )


@transaction.atomic
def contribution_update(
    *, actor, contribution: Contribution, expected_version: int, **values
) -> Contribution:
    partner = values.get("partner", contribution.partner)
    if partner.side != contribution.owner_side:
        raise GoalError(
            "Ein Beitrag bleibt bei seiner Seite. Wählt eine Partner:in eurer Seite.",
            field="partner",
        )
    update_recorded(actor, contribution, CONTRIBUTION_FIELDS, expected_version, values)
    return contribution


@transaction.atomic
def contribution_delete(
    *, actor, contribution: Contribution, expected_version: int | None = None
) -> None:
    delete_recorded(actor, contribution, expected_version)


@transaction.atomic
def obstacle_create(
    *,
    actor,
    coproduction,
    owner_side: str,
    description: str,
    remedy: str = "",
    goal: Goal | None = None,
    visibility: str | None = None,
) -> Obstacle:
    """An obstacle in the way of a goal and how to overcome it (card 31).

    Side-only obstacles belong to their side; all others are joint (``owner_side`` empty).
    """
    visibility = visibility or Visibility.COPRODUCTION
    owner_side = owning_side(owner_side, visibility)
    _check_goal_link(goal, visibility=visibility, owner_side=owner_side)
    return create_recorded(
        actor,
        Obstacle(
            coproduction=coproduction,
            owner_side=owner_side,
            goal=goal,
            description=description,
            remedy=remedy,
            visibility=visibility,
        ),
        OBSTACLE_FIELDS,
    )


@transaction.atomic
def obstacle_update(*, actor, obstacle: Obstacle, expected_version: int, **values) -> Obstacle:
    visibility = values.get("visibility", obstacle.visibility)
    _check_side_item(obstacle.owner_side, visibility)
    _check_goal_link(
        values.get("goal", _stored_goal(obstacle)),
        visibility=visibility,
        owner_side=obstacle.owner_side,
    )
    update_recorded(actor, obstacle, OBSTACLE_FIELDS, expected_version, values)
    return obstacle


@transaction.atomic
def obstacle_delete(*, actor, obstacle: Obstacle, expected_version: int | None = None) -> None:
    delete_recorded(actor, obstacle, expected_version)


# Milestones --------------------------------------------------------------------------------


def _reached_on(status: str, reached_on):
    if status != Milestone.Status.REACHED:
        return None
    return reached_on or timezone.localdate()


@transaction.atomic
def milestone_create(
    *,
    actor,
    coproduction,
    owner_side: str,
    title: str,
    kind: str,
    due_date,
    status: str = Milestone.Status.PLANNED,
    responsible=None,
    goal: Goal | None = None,
    reached_on=None,
    visibility: str | None = None,
) -> Milestone:
    """A step of content or process (card 32); side-only milestones belong to their side."""
    visibility = visibility or Visibility.COPRODUCTION
    owner_side = owning_side(owner_side, visibility)
    _check_goal_link(goal, visibility=visibility, owner_side=owner_side)
    if responsible is not None and responsible.coproduction_id != coproduction.pk:
        raise GoalError("Diese Person ist nicht Mitglied der Ko-Produktion.", field="responsible")
    return create_recorded(
        actor,
        Milestone(
            coproduction=coproduction,
            owner_side=owner_side,
            title=title,
            kind=kind,
            due_date=due_date,
            status=status,
            reached_on=_reached_on(status, reached_on),
            responsible=responsible,
            goal=goal,
            visibility=visibility,
        ),
        MILESTONE_FIELDS,
    )


@transaction.atomic
def milestone_update(*, actor, milestone: Milestone, expected_version: int, **values) -> Milestone:
    visibility = values.get("visibility", milestone.visibility)
    _check_side_item(milestone.owner_side, visibility)
    _check_goal_link(
        values.get("goal", _stored_goal(milestone)),
        visibility=visibility,
        owner_side=milestone.owner_side,
    )
    responsible = values.get("responsible", milestone.responsible)
    if responsible is not None and responsible.coproduction_id != milestone.coproduction_id:
        raise GoalError("Diese Person ist nicht Mitglied der Ko-Produktion.", field="responsible")
    status = values.get("status", milestone.status)
    values["reached_on"] = _reached_on(status, values.get("reached_on", milestone.reached_on))
    if status != Milestone.Status.REACHED:
        values["celebrated"] = False
    update_recorded(actor, milestone, MILESTONE_FIELDS, expected_version, values)
    return milestone


@transaction.atomic
def milestone_delete(*, actor, milestone: Milestone, expected_version: int | None = None) -> None:
    delete_recorded(actor, milestone, expected_version)


def _require_reached(milestone: Milestone) -> None:
    if milestone.status != Milestone.Status.REACHED:
        raise GoalError("Feiern und veröffentlichen lassen sich nur erreichte Meilensteine.")


@transaction.atomic
def milestone_celebrate(*, actor, milestone: Milestone, expected_version: int) -> Milestone:
    """Feiern! — mark a reached milestone as celebrated together (card 32)."""
    _require_reached(milestone)
    update_recorded(actor, milestone, MILESTONE_FIELDS, expected_version, {"celebrated": True})
    return milestone


@transaction.atomic
def milestone_publish(*, actor, milestone: Milestone, expected_version: int) -> Milestone:
    """Make a reached milestone public, for the transparency page (cards 32, 52)."""
    _require_reached(milestone)
    _check_goal_link(_stored_goal(milestone), visibility=Visibility.PUBLIC, owner_side="")
    update_recorded(
        actor, milestone, MILESTONE_FIELDS, expected_version, {"visibility": Visibility.PUBLIC}
    )
    return milestone
