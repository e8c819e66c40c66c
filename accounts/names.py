FORMER_MEMBER = "ehemaliges Mitglied"


def display_name(user) -> str:
    """How a person appears next to their contributions; deleted accounts stay anonymous."""
    if user is None:
        return FORMER_MEMBER
    return user.display_name or user.email.split("@")[0]
