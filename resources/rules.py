"""Who may do what with funding and positions (cards 20, 21, 22)."""

import rules

from workspaces.rules import can_edit

rules.add_perm("resources.add", can_edit)
