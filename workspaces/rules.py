"""Permissions of the Werkstatt as named rules (django-rules) over a Viewer.

Every permission is asked by its name, the same way in views and templates:

- views: ``require(request.user, "decisions.vote", viewer)`` (403 with a German reason) or
  ``allowed(...)`` where the answer only shapes the page;
- templates: ``{% load rules %}{% has_perm "decisions.add" user viewer as may_add %}`` — once
  per page, never inside a loop (pass the flag to partials).

A permission about one item (may this viewer change *this* meeting?) gets the item too:
``require(user, "workspaces.edit_item", viewer, item)``. The rule then receives ``About(viewer,
item)``; the shared predicates below accept either a Viewer or an About. Templates receive
item-level answers from their view as a flag (``may_edit``), computed once.

The predicates here are the shared vocabulary; each feature app names its own permissions in
its ``rules.py`` (loaded by ``rules.apps.AutodiscoverRulesConfig``) from them. Whether the
viewer may *see* something is not a permission but visibility (workspaces/visibility.py).
"""

from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied

from workspaces.visibility import Viewer

MISSING = "Dafür fehlt euch die Berechtigung in dieser Ko-Produktion."


@dataclass(frozen=True)
class About:
    """A viewer and the one item it acts on: the object of every item-level permission."""

    viewer: Viewer
    item: object


def viewer_of(target) -> Viewer | None:
    return target.viewer if isinstance(target, About) else target


def item_of(target):
    return target.item if isinstance(target, About) else None


@rules.predicate
def can_edit(user, target):
    """Coordination or member access in a running co-production (observers read only)."""
    viewer = viewer_of(target)
    return viewer is not None and viewer.can_edit


@rules.predicate
def is_coordinator(user, target):
    """Coordination access in a running co-production."""
    viewer = viewer_of(target)
    return viewer is not None and viewer.is_coordinator


@rules.predicate
def may_edit_item(user, target):
    """An editor of the item's owning side, or any editor for a joint item."""
    viewer, item = viewer_of(target), item_of(target)
    return viewer is not None and item is not None and viewer.may_edit(item)


@rules.predicate
def same_side_as_item(user, target):
    """The item (a partner, a membership's partner …) belongs to the viewer's side."""
    viewer, item = viewer_of(target), item_of(target)
    side = getattr(item, "side", None)
    return viewer is not None and side is not None and side == viewer.side


@rules.predicate
def is_running(user, target):
    """The co-production has not ended (an ended one is a read-only archive)."""
    viewer = viewer_of(target)
    return viewer is not None and not viewer.ended


rules.add_perm("workspaces.edit", can_edit)
rules.add_perm("workspaces.manage", is_coordinator)
rules.add_perm("workspaces.edit_item", may_edit_item)
# A partner's profile: the coordinators, and the partner's own side.
rules.add_perm("workspaces.edit_partner", is_coordinator | (can_edit & same_side_as_item))


@rules.predicate
def is_own_membership(user, target):
    viewer, item = viewer_of(target), item_of(target)
    return (
        viewer is not None
        and viewer.is_member
        and item is not None
        and (item.pk == viewer.membership.pk)
    )


# A membership: the coordinators, and the member themself while the co-production runs.
rules.add_perm("workspaces.edit_membership", is_coordinator | (is_own_membership & is_running))


def _target(viewer, item):
    return viewer if item is None else About(viewer, item)


def allowed(user, perm: str, viewer, item=None) -> bool:
    """Whether ``user`` (seen as ``viewer``) has ``perm`` — about ``item`` if given."""
    return user.has_perm(perm, _target(viewer, item))


def require(user, perm: str, viewer, item=None, *, message: str = MISSING) -> None:
    """Stop the request (403, with the German reason) if the viewer lacks the permission.
    Non-members never get here: they already met a 404 when the co-production was looked up."""
    if not allowed(user, perm, viewer, item):
        raise PermissionDenied(message)
