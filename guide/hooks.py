"""Where an app above the guide shows something on the guide's pages.

The guide knows nothing of the Werkstatt (DESIGN.md, layers). An upper app fills these hooks
when it starts (``AppConfig.ready``); left empty, the guide's pages simply lack that part.
"""

from collections.abc import Callable


def _nothing(number: int) -> list[dict]:
    return []


# ``card_checks(number)`` → what the Kompass-Check looks at for this card: a list of
# {"title", "severity"} plus "url", the page listing all checks. Card pages are rendered once
# per process (``render_once``), so the hook must be filled before the first request.
card_checks: Callable[[int], list[dict]] = _nothing

# ``extra_pages()`` → URLs of pages under the Fächer that an upper app serves (the Check's
# table of rules), so that the static export (``guide/export.py``) carries them too.
extra_pages: Callable[[], list[str]] = list
