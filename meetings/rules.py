"""Who may do what with meetings and polls (cards 44, 50): editors call meetings and polls;
changing one (agenda, minutes, dates) is ``workspaces.edit_item`` with that meeting or poll."""

import rules

from workspaces.rules import can_edit, is_running

rules.add_perm("meetings.add", can_edit)
# Every member who sees a poll answers it for themselves (observers too: it is their own time),
# while the co-production runs; an ended one is an archive (cards 35, 36).
rules.add_perm("meetings.answer_poll", is_running)
