"""Who may do what with goals, strategy and milestones (cards 30–33, 52): editors add and
share their side's drafts; changing one item is ``workspaces.edit_item``."""

import rules

from workspaces.rules import can_edit

rules.add_perm("goals.add", can_edit)
rules.add_perm("goals.share", can_edit)
