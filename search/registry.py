"""The searchable items the installed apps declare in their ``searchable.py`` (collected once)."""

import functools
from importlib import import_module

from django.apps import apps


@functools.cache
def declarations() -> dict:
    """Model -> its declaration (workspaces.searchable.Searchable)."""
    found = {}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.searchable")
        except ModuleNotFoundError as missing:
            if missing.name != f"{config.name}.searchable":
                raise
            continue
        for declaration in module.SEARCHABLE:
            found[declaration.model] = declaration
    return found


@functools.cache
def parts() -> dict:
    """Child model -> (root model, how to find the root's id from a child)."""
    return {
        child: (declaration.model, root_id)
        for declaration in declarations().values()
        for child, root_id in declaration.parts.items()
    }
