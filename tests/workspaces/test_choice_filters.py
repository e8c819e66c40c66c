"""The filter links above a list (conflicts, actors, knowledge, milestones): one helper."""

from django.test import RequestFactory

from workspaces.views import choice_filters

CHOICES = [("open", "Offen"), ("done", "Erledigt")]


def test_links_keep_other_parameters_start_on_the_first_page_and_count():
    request = RequestFactory().get("/liste/", {"q": "Miete", "seite": "3", "stand": "open"})
    links = choice_filters(request, "stand", CHOICES, "open", {"open": 2, "done": 5})
    assert [(link["label"], link["url"], link["count"]) for link in links] == [
        ("Alle", "?q=Miete", 7),
        ("Offen", "?q=Miete&stand=open", 2),
        ("Erledigt", "?q=Miete&stand=done", 5),
    ]
    assert [link["current"] for link in links] == [False, True, False]


def test_empty_choices_can_be_left_out_and_counts_are_optional():
    request = RequestFactory().get("/liste/")
    shown = choice_filters(request, "art", CHOICES, "", {"done": 1}, hide_empty=True)
    assert [link["label"] for link in shown] == ["Alle", "Erledigt"]
    plain = choice_filters(request, "stand", CHOICES, "")
    assert plain[0] == {"label": "Alle", "url": "?", "current": True}
