"""What a knowledge item can name: the goals, decisions and meetings it belongs to.

The one place that knows the kinds of link. Another kind (positions, once the Werkstatt has
them) is a many-to-many field on ``KnowledgeItem`` and one ``Link`` here; form, service,
history, pages and the Kompass-Check read this list.
"""

from collections.abc import Callable
from dataclasses import dataclass

from decisions.models import Decision
from goals.models import Goal
from meetings.models import Meeting


@dataclass(frozen=True)
class Link:
    field: str  # the many-to-many field of KnowledgeItem
    question: str  # the form's label
    heading: str  # on the item's page
    singular: str  # in the history: "Ziel: …"
    url_name: str  # the linked item's page
    search: tuple[str, ...]  # what the picker searches
    choices: Callable  # viewer -> the items of this kind the viewer may link, in order


LINKS = [
    Link(
        field="goals",
        question="Zu welchen Zielen gehört das Wissen?",
        heading="Ziele",
        singular="Ziel",
        url_name="goals:goal",
        search=("title",),
        choices=lambda viewer: Goal.objects.visible_to(viewer).order_by("kind", "owner_side", "id"),
    ),
    Link(
        field="decisions",
        question="Zu welchen Entscheidungen?",
        heading="Entscheidungen",
        singular="Entscheidung",
        url_name="decisions:decision",
        search=("question",),
        choices=lambda viewer: Decision.objects.visible_to(viewer).order_by("-id"),
    ),
    Link(
        field="meetings",
        question="Zu welchen Treffen?",
        heading="Treffen",
        singular="Treffen",
        url_name="meetings:meeting",
        search=("title",),
        choices=lambda viewer: Meeting.objects.visible_to(viewer).order_by("-starts_at"),
    ),
]
FIELDS = [link.field for link in LINKS]
