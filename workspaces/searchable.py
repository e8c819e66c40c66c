"""What the Werkstatt search finds: each app declares its searchable items in ``searchable.py``.

The search app (a top layer) collects every installed app's ``SEARCHABLE`` list; feature apps
never import it. A declaration names the model, the kind shown on a hit, how to read the
item's title, text and date, the page it is shown on, and the parts whose changes alter the
item's text (a meeting's agenda and minutes). What a viewer may see follows the item's own
``visibility`` and ``owner_side`` through ``visible_to`` (workspaces/visibility.py); items
without a visibility of their own (partners, members) are for members only.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from workspaces.models import Membership, Partner
from workspaces.visibility import Visibility


@dataclass(frozen=True)
class Searchable:
    model: type
    kind: str
    url_name: str
    title: Callable
    text: Callable = lambda item: []
    date: Callable = lambda item: None
    # Child model -> the item it belongs to, for children that are not items of their own.
    parts: dict = field(default_factory=dict)
    # False for items that are gone without being deleted (a member who left).
    active: Callable = lambda item: True
    related: tuple = ()

    def visibility(self, item) -> tuple[str, str]:
        if hasattr(item, "visibility"):
            return item.visibility, item.owner_side
        return Visibility.COPRODUCTION, ""


def _member_name(membership) -> str:
    from accounts.names import display_name

    return display_name(membership.user)


SEARCHABLE = [
    Searchable(
        model=Partner,
        kind="Partner:in",
        url_name="workspaces:partner",
        title=lambda p: p.name,
        text=lambda p: [p.networks, p.responsibilities, p.motivation],
        date=lambda p: p.created_at,
        active=lambda p: p.left_at is None,
    ),
    Searchable(
        model=Membership,
        kind="Mitglied",
        url_name="workspaces:member",
        # Names only: what members wrote about themselves stays on their member page.
        title=_member_name,
        date=lambda m: m.joined_at,
        active=lambda m: m.left_at is None,
        related=("user",),
    ),
]
