import re

FORMER_MEMBER = "ehemaliges Mitglied"


def display_name(user) -> str:
    """How a person appears next to their contributions; deleted accounts stay anonymous."""
    if user is None:
        return FORMER_MEMBER
    return user.display_name or user.email.split("@")[0]


def without_name(value, name: str, *, within: bool = False):
    """``value`` (text, or JSON made of lists and dicts) with the person's ``name`` made
    anonymous: a value that is the name, the name as a phrase in a key ("Stimme von …") and,
    with ``within``, in any text (an explanation listing voters)."""
    phrase = rf"(?<!\w){re.escape(name)}(?!\w)"
    if isinstance(value, str):
        if within:
            return re.sub(phrase, FORMER_MEMBER, value)
        return FORMER_MEMBER if value == name else value
    if isinstance(value, list):
        return [without_name(v, name, within=within) for v in value]
    if isinstance(value, dict):
        return {
            re.sub(phrase, FORMER_MEMBER, key): without_name(v, name, within=within)
            for key, v in value.items()
        }
    return value
