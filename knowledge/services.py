"""Writes of the knowledge archive and the glossary (cards 48, 51, 37).

Every function owns its transaction, checks the version of what it changes and records the
change in the history. A file is stored before the row that names it and removed again if
that transaction fails; a file whose row is deleted or replaced goes once the change is
committed, so a rollback never leaves a row without its file. Who may edit is checked by the
views.
"""

from django.db import transaction
from django.db.models import Q

from history.services import reference
from knowledge import uploads
from knowledge.links import FIELDS as LINK_FIELDS
from knowledge.links import LINKS
from knowledge.models import GlossaryTerm, KnowledgeItem
from workspaces.services import WorkspaceError, create_recorded, delete_recorded, update_recorded
from workspaces.visibility import Visibility, link_refusal, may_link, owning_side

ITEM_FIELDS = ["kind", "title", "text", "url", "file_name", "visibility"]
TERM_FIELDS = ["term", "explanation", "plain_summary", "visibility"]
SHARED = [Visibility.COPRODUCTION, Visibility.PUBLIC]


class KnowledgeError(WorkspaceError):
    """A change the rules of the knowledge archive or the glossary do not allow."""


def _check_visibility(owner_side: str, visibility: str) -> None:
    if visibility == Visibility.SIDE and not owner_side:
        raise KnowledgeError(
            "Ein gemeinsamer Eintrag gehört keiner Seite allein. Wählt „Alle Mitglieder“ oder "
            "„Öffentlich“.",
            field="visibility",
        )


def _check_kind(kind: str, url: str, has_file: bool) -> None:
    if kind == KnowledgeItem.Kind.LINK and not url:
        raise KnowledgeError("Ein Link braucht eine Adresse.", field="url")
    if kind == KnowledgeItem.Kind.DOCUMENT and not has_file:
        raise KnowledgeError("Ein Dokument braucht eine Datei.", field="file")
    if kind != KnowledgeItem.Kind.DOCUMENT and has_file:
        raise KnowledgeError(
            "Eine Datei gehört zu einem Dokument: Wählt als Art „Dokument“.", field="kind"
        )


def _check_links(coproduction_id: int, *, visibility: str, owner_side: str, links: dict):
    """Linked items belong to this co-production, and none is seen by fewer people than the
    knowledge item (``may_link``): its page, history and search would name them."""
    for field, targets in links.items():
        for target in targets:
            if target.coproduction_id != coproduction_id:
                raise KnowledgeError("Das gehört nicht zu eurer Ko-Produktion.", field=field)
            if not may_link(target, visibility=visibility, owner_side=owner_side):
                raise KnowledgeError(
                    link_refusal(
                        target,
                        f"„{target}“ sieht nur eine Seite. Verknüpft es nur mit Wissen, "
                        "das auch nur diese Seite sieht.",
                    ),
                    field=field,
                )


def _link_references(item: KnowledgeItem) -> list[dict]:
    return [
        reference(target, f"{link.singular}: {target}")
        for link in LINKS
        for target in sorted(getattr(item, link.field).all(), key=lambda t: t.pk)
    ]


def _set_links(item: KnowledgeItem, links: dict) -> None:
    for field, targets in links.items():
        getattr(item, field).set(targets)


def _accept(upload):
    """(storage name, kind, clean name) of an accepted upload, or empty values without one."""
    if upload is None:
        return "", "", ""
    kind, name = uploads.inspect(upload)
    return uploads.store(upload), kind, name


def knowledge_create(
    *,
    actor,
    coproduction,
    owner_side: str,
    title: str,
    kind: str = KnowledgeItem.Kind.NOTE,
    visibility: str | None = None,
    upload=None,
    **values,
) -> KnowledgeItem:
    """Keep a piece of knowledge (card 48). ``upload`` is the document's file; the links go
    in as ``goals=…``, ``decisions=…``, ``meetings=…``."""
    visibility = visibility or Visibility.COPRODUCTION
    owner_side = owning_side(owner_side, visibility)
    links = {field: list(values.pop(field, ())) for field in LINK_FIELDS}
    _check_visibility(owner_side, visibility)
    _check_kind(kind, values.get("url", ""), upload is not None)
    _check_links(coproduction.pk, visibility=visibility, owner_side=owner_side, links=links)
    stored, file_type, file_name = _accept(upload)
    try:
        with transaction.atomic():
            item = create_recorded(
                actor,
                KnowledgeItem(
                    coproduction=coproduction,
                    owner_side=owner_side,
                    kind=kind,
                    title=title,
                    visibility=visibility,
                    file=stored,
                    file_name=file_name,
                    file_type=file_type,
                    file_size=upload.size if upload else 0,
                    **values,
                ),
                ITEM_FIELDS,
                m2m=("links", _link_references, lambda new: _set_links(new, links)),
            )
    except BaseException:
        uploads.remove(stored)
        raise
    return item


def knowledge_update(
    *, actor, item: KnowledgeItem, expected_version: int, upload=None, **values
) -> KnowledgeItem:
    """Change an item; a new ``upload`` replaces its file (the old one goes on commit)."""
    links = {field: list(values.pop(field)) for field in LINK_FIELDS if field in values}
    merged = {name: values.get(name, getattr(item, name)) for name in ITEM_FIELDS}
    _check_visibility(item.owner_side, merged["visibility"])
    _check_kind(merged["kind"], merged["url"], upload is not None or bool(item.file))
    current = {link.field: list(getattr(item, link.field).all()) for link in LINKS}
    _check_links(
        item.coproduction_id,
        visibility=merged["visibility"],
        owner_side=item.owner_side,
        links={**current, **links},
    )
    old_file = item.file.name
    stored, file_type, file_name = _accept(upload)
    if stored:
        values.update(file=stored, file_type=file_type, file_name=file_name, file_size=upload.size)
    try:
        with transaction.atomic():
            update_recorded(
                actor,
                item,
                ITEM_FIELDS,
                expected_version,
                values,
                m2m=("links", _link_references, lambda changed: _set_links(changed, links)),
            )
            if stored and old_file:
                transaction.on_commit(lambda: uploads.remove(old_file))
    except BaseException:
        uploads.remove(stored)
        raise
    return item


@transaction.atomic
def knowledge_delete(*, actor, item: KnowledgeItem, expected_version: int | None = None) -> None:
    """Delete an item; its file goes once the deletion is committed."""
    name = delete_recorded(actor, item, expected_version, check=lambda current: current.file.name)
    if name:
        transaction.on_commit(lambda: uploads.remove(name))


# The glossary (card 51) ------------------------------------------------------------------


def _check_unique_term(coproduction_id, term: str, owner_side: str, exclude=None) -> None:
    """One explanation per term among the terms its author's side sees (a side-only term of
    the other side is none of their business, and naming it would leak it)."""
    seen = Q(visibility__in=SHARED)
    if owner_side:
        seen |= Q(visibility=Visibility.SIDE, owner_side=owner_side)
    rows = GlossaryTerm.objects.filter(seen, coproduction_id=coproduction_id, term__iexact=term)
    if rows.exclude(pk=exclude).exists():
        raise KnowledgeError(
            f"Den Begriff „{term}“ gibt es schon. Ergänzt lieber seine Erklärung.", field="term"
        )


@transaction.atomic
def term_create(
    *,
    actor,
    coproduction,
    owner_side: str,
    term: str,
    explanation: str,
    visibility: str | None = None,
    **values,
) -> GlossaryTerm:
    """Explain a term of the co-production's own language (card 51)."""
    visibility = visibility or Visibility.COPRODUCTION
    _check_unique_term(coproduction.pk, term, owner_side)
    owner_side = owning_side(owner_side, visibility)
    return create_recorded(
        actor,
        GlossaryTerm(
            coproduction=coproduction,
            owner_side=owner_side,
            term=term.strip(),
            explanation=explanation,
            visibility=visibility,
            **values,
        ),
        TERM_FIELDS,
    )


@transaction.atomic
def term_update(
    *, actor, glossary_term: GlossaryTerm, expected_version: int, **values
) -> GlossaryTerm:
    """``glossary_term``, not ``term``: the form's field ``term`` arrives in ``values``."""
    item = glossary_term
    merged = {name: values.get(name, getattr(item, name)) for name in TERM_FIELDS}
    _check_visibility(item.owner_side, merged["visibility"])
    _check_unique_term(item.coproduction_id, merged["term"], item.owner_side, exclude=item.pk)
    return update_recorded(actor, item, TERM_FIELDS, expected_version, values)


@transaction.atomic
def term_delete(*, actor, term: GlossaryTerm, expected_version: int | None = None) -> None:
    delete_recorded(actor, term, expected_version)
