"""Free text has an end (issue 8 §4): every form of the project limits its text fields, with a
German message next to the field; a megabyte of text is refused and stored nowhere."""

import importlib

from django import forms
from django.apps import apps
from django.conf import settings

from goals.models import Goal
from history.models import ChangeRecord
from workspaces.forms import TEXT_LIMIT, TextLimits

from ..goals.conftest import coordinator, coproduction, login, url  # noqa: F401 - fixtures
from ..goals.test_views import draft_data


def _project_forms():
    project = [
        a.name
        for a in apps.get_app_configs()
        if a.path.startswith(str(settings.BASE_DIR)) and "site-packages" not in a.path
    ]
    for name in project:
        try:
            importlib.import_module(f"{name}.forms")
        except ModuleNotFoundError:
            continue
    pending, seen = [forms.BaseForm], set()
    while pending:
        for cls in pending.pop().__subclasses__():
            if cls not in seen:
                seen.add(cls)
                pending.append(cls)
    return [c for c in seen if c.__module__.split(".")[0] in project]


def test_every_form_of_the_project_limits_its_text():
    found = _project_forms()
    assert len(found) > 20
    assert [c.__qualname__ for c in found if not issubclass(c, TextLimits)] == []


def test_a_megabyte_of_text_is_refused_next_to_the_field_and_stored_nowhere(
    coproduction,  # noqa: F811
    coordinator,  # noqa: F811
):
    before = ChangeRecord.objects.count()
    megabyte = "Sehr lange Begründung. " * 45_000
    response = login(coordinator).post(
        url("goal_create", coproduction), draft_data(description=megabyte), secure=True
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f"höchstens {TEXT_LIMIT} Zeichen" in page
    assert not Goal.objects.exists()
    assert ChangeRecord.objects.count() == before
