"""All rules of the Kompass-Check, collected from every installed app's ``kompass_rules`` module.

The feature apps declare their rules next to their models and never import this app; the
Check looks for them when Django starts (``KompassConfig.ready``)."""

from importlib import import_module

from django.apps import apps
from django.urls import reverse
from django.utils.module_loading import module_has_submodule

from workspaces.checking import SEVERITIES, Rule

_rules: dict[str, Rule] = {}


def collect() -> None:
    """Read ``RULES`` from ``<app>/kompass_rules.py`` of every installed app, in app order."""
    found: dict[str, Rule] = {}
    for config in apps.get_app_configs():
        if not module_has_submodule(config.module, "kompass_rules"):
            continue
        for rule in import_module(f"{config.name}.kompass_rules").RULES:
            if rule.id in found:
                raise ValueError(f"Two Kompass-Check rules share the id {rule.id!r}")
            found[rule.id] = rule
    _rules.clear()
    _rules.update(found)


def all_rules() -> list[Rule]:
    """Every rule, the most urgent first, then in the order the guide's cards come."""
    return sorted(_rules.values(), key=lambda r: (SEVERITIES.index(r.severity), r.cards[0]))


def get(rule_id: str) -> Rule | None:
    return _rules.get(rule_id)


def rules_for_card(number: int) -> list[Rule]:
    return [rule for rule in all_rules() if number in rule.cards]


def card_checks(number: int) -> list[dict]:
    """For the guide's card pages (``guide.hooks``): what the Check looks at for this card."""
    url = reverse("kompass_rules")
    return [{"title": r.title, "severity": r.severity, "url": url} for r in rules_for_card(number)]


def faecher_pages() -> list[str]:
    """The Check's pages under the Fächer, for the guide's static export (``guide.hooks``)."""
    return [reverse("kompass_rules"), reverse("kompass_rules_json")]
