"""Who may do what in the lifecycle of a co-production (cards 34, 36, 37): editors record
ways of continuing, the closing reflection and what remains."""

import rules

from workspaces.rules import can_edit

rules.add_perm("lifecycle.add", can_edit)
