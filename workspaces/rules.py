"""Permissions of the Werkstatt as named predicates over a Viewer (workspaces.visibility).

Templates ask ``{% has_perm "workspaces.edit" user viewer %}``; views ask ``require(...)``.
"""

import rules
from django.core.exceptions import PermissionDenied


@rules.predicate
def is_member(user, viewer):
    return viewer is not None and viewer.is_member


@rules.predicate
def can_edit(user, viewer):
    return viewer is not None and viewer.can_edit


@rules.predicate
def is_coordinator(user, viewer):
    return viewer is not None and viewer.is_coordinator


rules.add_perm("workspaces.view", is_member)
rules.add_perm("workspaces.edit", can_edit)
rules.add_perm("workspaces.manage", is_coordinator)


def require(user, perm: str, viewer) -> None:
    """Stop the request if the viewer lacks the permission (non-members never get here: they
    already met a 404 when the co-production was looked up)."""
    if not user.has_perm(perm, viewer):
        raise PermissionDenied("Dafür fehlt euch die Berechtigung in dieser Ko-Produktion.")
