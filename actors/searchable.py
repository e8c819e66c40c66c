"""Further actors in the Werkstatt search. Contact data is indexed only when it is marked
public: an entry is found by everyone who sees the actor, contact data is not (models.Actor)."""

from actors.models import Actor
from workspaces.searchable import Searchable


def _text(actor: Actor) -> list[str]:
    text = [
        actor.role,
        actor.scope,
        actor.why_join,
        actor.tasks,
        actor.channel,
        actor.may_decide,
        actor.dependencies,
    ]
    if actor.contact_public:
        text += [actor.contact_person, actor.contact_email, actor.contact_phone]
    return text


SEARCHABLE = [
    Searchable(
        model=Actor,
        kind="Akteur",
        url_name="actors:actor",
        title=lambda a: a.name,
        text=_text,
        date=lambda a: a.created_at,
    ),
]
