"""Who may do what in the reflection rounds (cards 46, 11): every editor records
consequences; the coordination sets the rhythm, runs the rounds and writes the evaluation."""

import rules

from workspaces.rules import can_edit, is_coordinator, is_running

rules.add_perm("reflection.add", can_edit)
rules.add_perm("reflection.set_interval", is_coordinator)
rules.add_perm("reflection.manage_rounds", is_coordinator)
rules.add_perm("reflection.close_round", is_coordinator)
rules.add_perm("reflection.evaluate", is_coordinator)
# Every member answers a round for themselves (observers too: it is their own view), while the
# co-production runs; an ended one is an archive (cards 35, 36).
rules.add_perm("reflection.answer", is_running)
