"""Who may do what with bodies, mandates and the phase plan (cards 41, 17, 40): editors set
up bodies and plan the phases; mandates of a body and their rotation are
``workspaces.edit_item`` with the body or mandate."""

import rules

from workspaces.rules import can_edit

rules.add_perm("structures.add", can_edit)
rules.add_perm("structures.plan_phases", can_edit)
