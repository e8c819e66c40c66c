"""Who may do what with meetings and polls (cards 44, 50): editors call meetings and polls;
changing one (agenda, minutes, dates) is ``workspaces.edit_item`` with that meeting or poll."""

import rules

from workspaces.rules import can_edit

rules.add_perm("meetings.add", can_edit)
