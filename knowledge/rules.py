"""Who may do what in the knowledge store and glossary (cards 48, 51, 37)."""

import rules

from workspaces.rules import can_edit

rules.add_perm("knowledge.add", can_edit)
