"""Who may do what with conflicts (cards 24, 43, 49): editors record them; the way the
co-production handles conflicts is agreed and changed by the coordination."""

import rules

from workspaces.rules import can_edit, is_coordinator

rules.add_perm("conflicts.add", can_edit)
rules.add_perm("conflicts.agree_procedure", is_coordinator)
