"""What the feature apps store about a person, for their data page and download (DSGVO
Art. 15, 20).

The account knows only its own tables; each feature app that keeps something about a person
through their memberships (votes, poll answers, goals they steward …) declares it in its
``<app>/personal_data.py`` as ``SECTIONS``. They are collected here in app order, the way the
Kompass-Check collects its rules, so that this foundation app never imports a feature app.

A section names an item (a decision's question, a goal's title) only while the person may
see it now, by the one visibility rule: someone who left a co-production, or left the side
an item belongs to, reads a neutral label instead. What the person entered themselves (a
vote, an answer) is theirs and stays. A module may also offer ``forget(memberships, name)``:
what the app does when the account is deleted, where it keeps the person's name in a text of
its own (``accounts.services.account_delete``)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

from workspaces.visibility import Viewer, sees

# Instead of the name of an item the person may no longer see.
UNSEEN = "ein Eintrag, den ihr nicht mehr seht"


class Memberships(list):
    """The person's memberships (active and ended, with partner and co-production), and in
    each co-production how the person sees it now: through the active membership, or as an
    outsider once they left."""

    def __init__(self, user, memberships: Iterable):
        super().__init__(memberships)
        self.ids = [m.pk for m in self]
        self._names = {m.coproduction_id: m.coproduction.name for m in self}
        self._viewers = {}
        for membership in self:
            current = membership if membership.left_at is None else None
            known = self._viewers.get(membership.coproduction_id)
            if known is None or current is not None:
                self._viewers[membership.coproduction_id] = Viewer(
                    user=user,
                    coproduction_id=membership.coproduction_id,
                    membership=current,
                    ended=membership.coproduction.ended,
                )

    def coproduction(self, coproduction_id: int) -> str:
        """The name of one of the person's co-productions (they were a member: no secret)."""
        return self._names.get(coproduction_id, "–")

    def viewer(self, coproduction_id: int) -> Viewer | None:
        return self._viewers.get(coproduction_id)

    def sees(self, item) -> bool:
        """Whether the person may see ``item`` (anything with a visibility) now."""
        return sees(self.viewer(item.coproduction_id), item)

    def name(self, item, label=None) -> str:
        """``label`` (the item's own name by default) if the person may see ``item`` now,
        else the neutral label."""
        if item is None:
            return "–"
        if not self.sees(item):
            return UNSEEN
        return str(item) if label is None else label


@dataclass(frozen=True)
class Section:
    """One table of the data page: ``rows(user, memberships)`` returns tuples of plain values
    (text, numbers, dates, yes/no, None) in the order of ``columns``, reading one or two
    queries however much the person did."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: Callable[[object, Memberships], Iterable[tuple]]
    note: str = ""


def _modules():
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "personal_data"):
            yield import_module(f"{config.name}.personal_data")


def forget(memberships: Memberships, name: str) -> None:
    """When the account goes: each app's ``forget(memberships, name)``, where it keeps the
    person's name in a text of its own (a stored tally naming voters)."""
    for module in _modules():
        if hasattr(module, "forget"):
            module.forget(memberships, name)


def all_sections() -> list[Section]:
    """``SECTIONS`` of every installed app's ``personal_data`` module, in app order."""
    found = [section for module in _modules() for section in module.SECTIONS]
    keys = [section.key for section in found]
    if len(keys) != len(set(keys)):
        raise ValueError(f"Two sections of the personal data share a key: {keys}")
    return found


def sections_of(user, memberships: Memberships, *, latest: int | None = None) -> list[dict]:
    """Every section with the person's rows, as the page shows and the download holds it;
    ``latest`` keeps only the first rows of each (the newest: sections sort so), ``count``
    says how many there are."""
    found = []
    for section in all_sections():
        rows = [list(row) for row in section.rows(user, memberships)]
        found.append(
            {
                "key": section.key,
                "title": section.title,
                "note": section.note,
                "columns": list(section.columns),
                "count": len(rows),
                "rows": rows if latest is None else rows[:latest],
            }
        )
    return found
