from django import template

register = template.Library()


@register.filter
def readable_for(change, viewer):
    """A history entry's changes as ``viewer`` may read them (linked items they cannot see are
    "(nicht sichtbar)")."""
    return change.readable_changes(viewer)
