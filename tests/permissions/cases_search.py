"""Permission cases of the Werkstatt search: members only, like every Werkstatt page."""

from .cases import MEMBERS, Case, slug

CASES = {
    "search:werkstatt": Case(MEMBERS, slug),
}
