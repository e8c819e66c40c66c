"""Who may do what with the Kompass-Check: the coordination sets a finding aside
(„Bewusst offen“) and opens it again. Votes cast from the overview are ``decisions.vote``."""

import rules

from workspaces.rules import is_coordinator

rules.add_perm("kompass.set_aside", is_coordinator)
# Who is told of new and still-open findings in the weekly digest.
rules.add_perm("kompass.follow_findings", is_coordinator)
