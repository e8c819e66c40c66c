"""The Atom feed of a public page: milestones reached, decisions taken, meetings held —
so neighbours and local press can follow a co-production without looking every week (card 52).
Only what the public page shows; read as the public viewer."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from decisions.models import Decision
from goals.models import Milestone
from workspaces.models import Coproduction

from . import selectors

ENTRIES = 50


class PublicFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        coproduction = get_object_or_404(Coproduction, slug=slug)
        if not selectors.publishes_anything(coproduction):
            raise Http404
        return coproduction

    def title(self, coproduction):
        return f"{coproduction.name} – Neuigkeiten"

    def subtitle(self, coproduction):
        return "Erreichte Meilensteine, getroffene Entscheidungen und Treffen der Ko-Produktion."

    def link(self, coproduction):
        return reverse("public:page", args=[coproduction.slug])

    def items(self, coproduction):
        page = reverse("public:page", args=[coproduction.slug])
        entries = selectors.news(selectors.public_viewer(coproduction), limit=ENTRIES)
        for entry in entries:
            entry.public_url = f"{page}#{anchor(entry)}"
        return entries

    def item_title(self, item):
        if isinstance(item, Milestone):
            return f"Meilenstein erreicht: {item.title}"
        if isinstance(item, Decision):
            return f"Entscheidung Nr. {item.number}: {item.question}"
        return f"Treffen: {item.title}"

    def item_description(self, item):
        if isinstance(item, Milestone):
            return f"Erreicht am {item.reached_on:%d.%m.%Y}."
        if isinstance(item, Decision):
            text = f"Entschieden per {item.get_procedure_display()}."
            return f"{text} Ergebnis: {item.outcome}" if item.outcome else text
        held = f"{item.get_format_display()}, {selectors.happened_at(item):%d.%m.%Y}."
        minutes = getattr(item, "minutes", None)
        return f"{held} Das Protokoll ist genehmigt." if minutes else held

    def item_link(self, item):
        return item.public_url

    def item_pubdate(self, item):
        return selectors.happened_at(item)

    def item_updateddate(self, item):
        return selectors.happened_at(item)


def anchor(item) -> str:
    if isinstance(item, Milestone):
        return f"meilenstein-{item.pk}"
    if isinstance(item, Decision):
        return f"entscheidung-{item.number}"
    return f"treffen-{item.pk}"
