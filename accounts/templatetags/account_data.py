"""One cell of a table on the data page: the plain values of ``accounts.sections`` in German."""

from datetime import date, datetime

from django import template
from django.utils import formats, timezone

register = template.Library()


@register.filter
def cell(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "d.m.Y, H:i") + " Uhr"
    if isinstance(value, date):
        return formats.date_format(value, "d.m.Y")
    return formats.localize(value)


@register.filter
def empty_titles(sections) -> list[str]:
    """The titles of the sections without a row: named once instead of a table each."""
    return [section["title"] for section in sections if not section["rows"]]
