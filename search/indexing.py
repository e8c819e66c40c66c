"""Keeping the search entries current, inside the transaction of each change.

Every service records its change through ``history.services.record_change``; its signal
``change_recorded`` refreshes the item's entry (or its parent's, for a meeting's agenda or
minutes). Deletions are caught after the row is gone (``post_delete``, also for cascades), so a
deleted agenda item leaves its meeting's text at once. A renamed or deleted account refreshes
the member entries that show its name (a membership in an ended co-production outlives it).

``deferred`` holds the entries back while thousands of items are written at once (the large
demo) and builds them in batches at the end, in the same transaction.
"""

from collections import defaultdict
from contextlib import contextmanager
from datetime import datetime, time

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete
from django.urls import reverse
from django.utils import timezone

from guide.search import STOPWORDS, part_stems, word_stems, words
from history.signals import change_recorded
from search.models import Entry, Word
from search.registry import declarations, parts

MAX_TEXT = 100_000
MAX_STEM = 100  # longer "words" are not indexed (Word.term's length)


def connect() -> None:
    change_recorded.connect(_on_change, dispatch_uid="search-change")
    for model in [*declarations(), *parts()]:
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-del-{model._meta}")
    from django.contrib.auth import get_user_model

    post_save.connect(_on_account, sender=get_user_model(), dispatch_uid="search-account")
    pre_delete.connect(_before_account_delete, sender=get_user_model(), dispatch_uid="search-gone")
    post_delete.connect(_on_account_deleted, sender=get_user_model(), dispatch_uid="search-gone")


_held: list[set[int]] = []


@contextmanager
def deferred():
    """Write no entry per created or changed item inside; on leaving without an error, index
    the co-productions that changed again in batches, as ``rebuild`` does. For writing
    thousands of items through the services in one transaction (the large demo); deletions
    still leave the index at once."""
    _held.append(changed := set())
    try:
        yield
    finally:
        _held.pop()
    if changed:
        rebuild(coproduction_id__in=changed)


def _on_change(sender, item, action, **kwargs) -> None:
    if _held and action != "deleted" and sender in declarations():
        _held[-1].add(item.coproduction_id)
        return
    if sender in parts():
        root_model, root_id = parts()[sender]
        refresh(root_model, root_id(item))
    elif sender in declarations():
        if action == "deleted":
            remove(sender, item.pk)
        else:
            refresh(sender, item.pk)


def _on_delete(sender, instance, **kwargs) -> None:
    if sender in parts():
        root_model, root_id = parts()[sender]
        refresh(root_model, root_id(instance))
    else:
        remove(sender, instance.pk)


def _on_account(sender, instance, **kwargs) -> None:
    from workspaces.models import Membership

    for pk in Membership.objects.filter(user=instance).values_list("pk", flat=True):
        refresh(Membership, pk)


def _before_account_delete(sender, instance, **kwargs) -> None:
    from workspaces.models import Membership

    # Once the account is gone its memberships no longer point to it: note them now.
    instance._search_memberships = list(
        Membership.objects.filter(user=instance).values_list("pk", flat=True)
    )


def _on_account_deleted(sender, instance, **kwargs) -> None:
    from workspaces.models import Membership

    for pk in getattr(instance, "_search_memberships", ()):
        refresh(Membership, pk)  # its name now „ehemaliges Mitglied“


def remove(model, pk) -> None:
    Entry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=pk
    ).delete()


def refresh(model, pk) -> None:
    """Write the item's entry from the stored item, or drop it if the item is gone."""
    declaration = declarations()[model]
    item = model.objects.select_related("coproduction", *declaration.related).filter(pk=pk).first()
    if item is None or not declaration.active(item):
        remove(model, pk)
        return
    values = entry_values(declaration, item)
    Entry.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(model), object_id=pk, defaults=values
    )
    add_words(item.coproduction_id, word_side(values), entry_words(values))


def entry_values(declaration, item) -> dict:
    title = (declaration.title(item) or "")[:300]
    text = "\n".join(t for t in declaration.text(item) if t)[:MAX_TEXT]
    visibility, owner_side = declaration.visibility(item)
    date = declaration.date(item)
    if date is not None and not isinstance(date, datetime):
        # A day without a time (a milestone's due date): noon, so no time zone moves the day.
        date = timezone.make_aware(datetime.combine(date, time(12)))
    return {
        "coproduction_id": item.coproduction_id,
        "visibility": visibility,
        "owner_side": owner_side,
        "kind": declaration.kind,
        "url": reverse(
            declaration.url_name, kwargs={"slug": item.coproduction.slug, "pk": item.pk}
        ),
        "title": title,
        "text": text,
        "title_terms": scoped(item.coproduction_id, stems(title)),
        "text_terms": scoped(item.coproduction_id, stems(text)),
        "date": date,
    }


def stems(text: str) -> list[str]:
    """The text as the guide's stems: whole words, and the parts of compounds besides."""
    found = []
    for word in words(text):
        if word in STOPWORDS:
            continue
        found.extend(s for s in word_stems(word) + part_stems(word) if s and len(s) <= MAX_STEM)
    return found


def scoped(coproduction_id: int, stems: list[str]) -> str:
    """Stems with their co-production in front (``c12wohnung``): the full-text indexes hold
    each co-production's words apart, so a search never reads another one's postings. Stems
    are letters only, so the number cannot run into the word."""
    return " ".join(f"c{coproduction_id}{s}" for s in stems)


def entry_words(values: dict) -> set[str]:
    """The stems of an entry's values, without their co-production."""
    cut = len(f"c{values['coproduction_id']}")
    return {t[cut:] for t in f"{values['title_terms']} {values['text_terms']}".split()}


def word_side(values: dict) -> str:
    """Under which side an entry's words are listed: its own for side-only entries, else none
    (so one side's private words never change what the other side's search looks up)."""
    return values["owner_side"] if values["visibility"] == "side" else ""


def add_words(coproduction_id: int, owner_side: str, terms) -> None:
    Word.objects.bulk_create(
        [Word(coproduction_id=coproduction_id, owner_side=owner_side, term=t) for t in terms],
        batch_size=500,
        ignore_conflicts=True,
    )


def rebuild(**filters) -> int:
    """Index every item again, in batches (after ``deferred`` writes such as the large demo's,
    or when the search is installed on an existing database); ``filters`` narrow it, e.g.
    ``coproduction=…``. Returns the number of entries written."""
    count = 0
    found = defaultdict(set)
    if not filters:
        Word.objects.all().delete()
    for model, declaration in declarations().items():
        content_type = ContentType.objects.get_for_model(model)
        rows = model.objects.select_related("coproduction", *declaration.related).filter(**filters)
        Entry.objects.filter(content_type=content_type, object_id__in=rows.values("pk")).delete()
        batch = [
            Entry(content_type=content_type, object_id=item.pk, **entry_values(declaration, item))
            for item in rows.iterator(chunk_size=500)
            if declaration.active(item)
        ]
        Entry.objects.bulk_create(batch, batch_size=500)
        for entry in batch:
            found[entry.coproduction_id, word_side(entry.__dict__)] |= entry_words(entry.__dict__)
        count += len(batch)
    for (coproduction_id, owner_side), terms in found.items():
        add_words(coproduction_id, owner_side, terms)
    return count
