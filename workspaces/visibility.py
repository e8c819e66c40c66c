"""Visibility — the one rule that must never break (DESIGN.md).

Every workspace item has a ``visibility``: only the owning side, all members of the
co-production, or the public. It is decided here and nowhere else: lists come from
``Model.objects.visible_to(viewer)``, single items from ``get_visible(...)``.
"""

from dataclasses import dataclass

from django.db import models
from django.http import Http404

# Side is the partner's side (a model field's choices); visibility speaks of it, so it is
# named here too — the models never import this module, which imports them.
from workspaces.models import Membership, Side  # noqa: F401


class Visibility(models.TextChoices):
    SIDE = "side", "Nur unsere Seite"
    COPRODUCTION = "coproduction", "Alle Mitglieder"
    PUBLIC = "public", "Öffentlich"


@dataclass(frozen=True)
class Viewer:
    """Who is looking at a co-production: a member (with side and access) or an outsider."""

    user: object
    coproduction_id: int
    membership: object | None
    # An ended co-production is a read-only archive (cards 35, 36): its members read and
    # export; nobody edits or manages, until a coordinator reopens it. No default: whoever
    # builds a viewer says it, so none is left editable by forgetting.
    ended: bool

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def side(self) -> str | None:
        return self.membership.partner.side if self.membership else None

    @property
    def coordinates(self) -> bool:
        """Holds the coordination access — also in an ended co-production (to reopen it)."""
        return bool(self.membership) and self.membership.access == "coordination"

    @property
    def is_coordinator(self) -> bool:
        """Coordinates and may manage: never in an ended co-production, so that every
        coordinator-only write is closed there without asking for the phase."""
        return self.coordinates and not self.ended

    @property
    def can_edit(self) -> bool:
        return (
            bool(self.membership)
            and not self.ended
            and self.membership.access in {"coordination", "member"}
        )

    def may_edit(self, item) -> bool:
        """Editors change joint items and their own side's items, never the other side's."""
        owner = getattr(item, "owner_side", "")
        return self.can_edit and (not owner or owner == self.side)


class VisibleQuerySet(models.QuerySet):
    def visible_to(self, viewer: Viewer):
        # One filter call: each call clones the query, and lists ask this a dozen times.
        if not viewer.is_member:
            return self.filter(coproduction_id=viewer.coproduction_id, visibility=Visibility.PUBLIC)
        return self.filter(
            models.Q(visibility__in=[Visibility.PUBLIC, Visibility.COPRODUCTION])
            | models.Q(visibility=Visibility.SIDE, owner_side=viewer.side),
            coproduction_id=viewer.coproduction_id,
        )

    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)


class VisibleItem(models.Model):
    """An item of the workspace that carries a visibility and belongs to a side."""

    visibility = models.CharField(
        "Wer kann das sehen?",
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.COPRODUCTION,
    )
    owner_side = models.CharField(
        "Seite",
        max_length=20,
        choices=Side.choices,
        blank=True,
        help_text="Die Seite, der ein Eintrag gehört; leer bei gemeinsamen Einträgen.",
    )

    objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True

    def visibility_label(self) -> str:
        if self.visibility == Visibility.SIDE:
            return f"Nur {Side(self.owner_side).label}" if self.owner_side else "Nur eure Seite"
        return self.get_visibility_display()


def owning_side(owner_side: str, visibility: str) -> str:
    """The side a new or changed item belongs to: side-only items to the side that made them,
    everything else to nobody (joint)."""
    return owner_side if visibility == Visibility.SIDE else ""


def sees(viewer: Viewer | None, item) -> bool:
    """Whether ``viewer`` may see ``item`` (anything with ``visibility`` and ``owner_side``):
    the rule of ``visible_to`` for one item in hand — a row read unfiltered, or what a history
    entry recorded of an item since deleted. No viewer is the public."""
    if item.visibility == Visibility.PUBLIC:
        return True
    if viewer is None or not viewer.is_member:
        return False
    if getattr(item, "coproduction_id", viewer.coproduction_id) != viewer.coproduction_id:
        return False
    return item.visibility == Visibility.COPRODUCTION or item.owner_side == viewer.side


def get_visible(queryset, viewer: Viewer, **lookup):
    """One item the viewer may see, or 404 — never 403, so nothing leaks (DESIGN.md)."""
    try:
        return queryset.visible_to(viewer).get(**lookup)
    except queryset.model.DoesNotExist as missing:
        raise Http404 from missing


def audience(item):
    """The active members who may see ``item``: whom news about it may reach. The same rule
    as ``visible_to``, seen from the item's side."""
    members = Membership.objects.filter(coproduction_id=item.coproduction_id, left_at__isnull=True)
    if item.visibility == Visibility.SIDE:
        members = members.filter(partner__side=item.owner_side or None)
    return members


def visible_among(viewer: Viewer, model, ids) -> dict:
    """Those of the ``model`` items ``ids`` the viewer may see, by primary key. Items without a
    visibility of their own (invitations) are seen by the co-production's coordinators; the
    co-production itself by its members."""
    if not hasattr(model, "coproduction_id"):  # the co-production itself
        rows = model.objects.filter(pk=viewer.coproduction_id)
        rows = rows if viewer.is_member else rows.none()
    elif hasattr(model.objects, "visible_to"):
        rows = model.objects.visible_to(viewer)
    elif viewer.is_coordinator:
        rows = model.objects.filter(coproduction_id=viewer.coproduction_id)
    else:
        return {}
    return rows.in_bulk(ids)


def attach_visible(viewer: Viewer, rows, *links: str) -> list:
    """The rows, each of their ``links`` (forward links to items with a visibility) set to the
    item it names if the viewer may see it, else to ``None`` — the stored id stays. One lookup
    by primary key per link for a page of rows: a prefetch per link cost a third of a
    Beschlussbuch page's Python work, and one that names no row still ran a query."""
    rows = list(rows)
    for name in links:
        if not rows:
            break
        field = rows[0]._meta.get_field(name)
        ids = {getattr(row, field.attname) for row in rows} - {None}
        found = (
            field.related_model.objects.visible_to(viewer).order_by().in_bulk(ids) if ids else {}
        )
        for row in rows:
            field.set_cached_value(row, found.get(getattr(row, field.attname)))
    return rows


def may_link(target, *, visibility: str, owner_side: str) -> bool:
    """A link never changes what someone can see: an item seen with ``visibility`` (owned by
    ``owner_side``) may name ``target`` only if every member who sees the item sees the target
    too. Pages filter linked items per viewer anyway; this rule keeps names out of what is not
    filtered by item (history entries, mails, exports). So a side-only target is named only by
    side-only items of the same side. And a side-only item never names another side's item
    that side may narrow later: its refusal would then tell that side about the hidden item.
    The one rule for every link of every feature app; ``link_refusal`` says why."""
    if target is None:
        return True
    if target.visibility != Visibility.SIDE:
        # A side's own item may be narrowed later; a hidden link must not stop it then.
        other = getattr(target, "owner_side", "")
        return visibility != Visibility.SIDE or not other or other == owner_side
    return visibility == Visibility.SIDE and owner_side == target.owner_side


OTHER_SIDES_ITEM = (
    "„{}“ gehört der anderen Seite. Ein Eintrag, den nur eure Seite sieht, kann es nicht "
    "nennen: Sonst könnte die andere Seite es nie wieder nur für sich sichtbar machen, ohne "
    "von eurem Eintrag zu erfahren. Macht diesen Eintrag für alle Mitglieder sichtbar oder "
    "lasst die Verknüpfung weg."
)


def link_refusal(target, message: str) -> str:
    """The German reason ``may_link`` refused ``target``: the caller's ``message`` for a
    side-only target, or that a side-only item cannot name the other side's item."""
    return message if target.visibility == Visibility.SIDE else OTHER_SIDES_ITEM.format(target)


def linked_more_widely(rows, *, visibility: str, owner_side: str, via: str = ""):
    """Those of ``rows`` (items naming one target) that ``may_link`` would refuse if the target
    were seen with ``visibility``: why a target cannot become side-only while they name it.
    ``via`` is the path to the visible item when rows are parts of one (``"meeting__"``)."""
    if visibility != Visibility.SIDE:
        return rows.none()
    return rows.exclude(**{f"{via}visibility": Visibility.SIDE, f"{via}owner_side": owner_side})
