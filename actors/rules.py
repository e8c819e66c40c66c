"""Who may do what on the actor map (cards 47, 23, 49)."""

import rules

from workspaces.rules import can_edit, item_of

rules.add_perm("actors.add", can_edit)


@rules.predicate
def contact_public(user, target):
    item = item_of(target)
    return item is not None and item.contact_public


# A person's contact data: to everyone who sees the actor if it is marked public, otherwise
# only to members who work with it (Koordination, Mitglied) — never to observers such as
# accompanying researchers, nor to the public (card 49, DSGVO). Asked with the actor.
rules.add_perm("actors.see_contact", contact_public | can_edit)
