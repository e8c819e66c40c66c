"""Who may do what with handovers (cards 48, 22, 37)."""

import rules

from handover import services
from workspaces.rules import (
    can_edit,
    is_coordinator,
    is_own_membership,
    is_running,
    item_of,
    may_edit_item,
    viewer_of,
)

rules.add_perm("handover.add", can_edit)


@rules.predicate
def signs_handover(user, target):
    return services.signer_role(viewer_of(target), item_of(target)) is not None


# Ticking and adding points, asked with the handover: its editors and the two people themselves
# (while the co-production runs: an ended one is an archive, cards 35, 36).
rules.add_perm("handover.work", may_edit_item | (signs_handover & is_running))
# Signing it: only the two people (or a coordinator for one who has left), while it runs.
rules.add_perm("handover.sign", signs_handover & is_running)
# Recording that someone leaves, asked with their membership: they themselves or a coordinator.
rules.add_perm("handover.leave", is_own_membership | is_coordinator)
