"""Who may do what with decisions (cards 42, 44): editors prepare them and vote; observers
read along. Changing one decision is ``workspaces.edit_item``."""

import rules

from workspaces.rules import can_edit

rules.add_perm("decisions.add", can_edit)
rules.add_perm("decisions.vote", can_edit)
