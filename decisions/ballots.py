"""A member's ballot, wherever it is offered: on the decision's page and on the overview of
the co-production („Was wartet auf euch?“). One form, one set of checks, one service call, so
a vote counts (or is refused) the same way from both places."""

from decisions import voting
from decisions.forms import VoteForm
from decisions.models import Decision
from workspaces.pages import add_domain_error
from workspaces.rules import allowed
from workspaces.services import WorkspaceError

OBSERVERS_DO_NOT_VOTE = "Als Beobachtung könnt ihr mitlesen, aber nicht abstimmen."


def vote_form_for(viewer, decision, options, *, vote=None, data=None, **kwargs):
    """The viewer's ballot, if they may vote on this decision now; otherwise None."""
    if decision.status != Decision.Status.VOTING:
        return None
    if not allowed(viewer.user, "decisions.vote", viewer):
        return None
    if voting.voting_closed(decision):
        return None
    if decision.visibility == "side" and decision.owner_side != viewer.side:
        return None
    return VoteForm(data, decision=decision, options=options, vote=vote, **kwargs)


def closed_message(decision) -> str:
    return (
        voting.voting_closed(decision)
        or "Bei dieser Entscheidung stimmt nur die Seite ab, der sie gehört."
    )


def cast(user, viewer, form) -> bool:
    """Count the ballot; a refusal goes into the form next to its field, the input kept."""
    if not form.is_valid():
        return False
    try:
        voting.vote_cast(
            actor=user, decision=form.decision, membership=viewer.membership, **form.ballot()
        )
    except WorkspaceError as error:
        add_domain_error(form, error)
        return False
    return True
