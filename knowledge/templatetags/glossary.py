"""``{% load glossary %}``: texts with the co-production's own terms linked to their
explanation (card 51), for the templates of any app.

``{% glossary text %}`` on a Werkstatt page links each term the viewer may see to the
glossary; ``{% glossary text public=True %}`` on the public page links public terms to their
plain-language summary on the same page. Text is escaped, line breaks are kept, and each term
is linked once per text. The terms are read once per request.
"""

import functools
import re

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from knowledge.selectors import terms_for
from workspaces.visibility import Viewer

register = template.Library()
SHORTEST = 3


@functools.lru_cache(maxsize=64)
def _pattern(terms: tuple[str, ...]):
    """``terms`` are escaped already. Longest first, so "Runder Tisch Ernährung" wins over
    "Runder Tisch"; never inside a word or an HTML entity of the escaped text."""
    words = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w&#])({words})(?!\w)", re.IGNORECASE)


def _terms(context, public: bool) -> dict[str, int]:
    """Escaped, lower-cased term -> its id, for whom the page is (cached on the request)."""
    coproduction = context.get("coproduction")
    if coproduction is None:
        return {}
    request = context.get("request")
    cache = getattr(request, "_glossary_terms", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._glossary_terms = cache
    key = (coproduction.pk, public)
    if key not in cache:
        if public:
            viewer = Viewer(
                user=None,
                coproduction_id=coproduction.pk,
                membership=None,
                ended=coproduction.ended,
            )
        else:
            viewer = context["viewer"]
        rows = terms_for(viewer).values_list("term", "pk")
        # A term of one or two letters ("EU") would mark half a text: explained, not linked.
        cache[key] = {escape(term).lower(): pk for term, pk in rows if len(term) >= SHORTEST}
    return cache[key]


@register.simple_tag(takes_context=True)
def glossary(context, text, public=False) -> str:
    text = str(text or "")
    terms = _terms(context, bool(public))
    escaped = escape(text)
    if terms:
        if public:
            base = ""
        else:
            base = reverse("knowledge:glossary", args=[context["coproduction"].slug])
        linked = set()

        def link(match):
            word = match.group(1)
            pk = terms.get(word.lower())
            if pk is None or pk in linked:
                return word
            linked.add(pk)
            return format_html(
                '<a class="term" href="{}#begriff-{}">{}</a>',
                base,
                pk,
                mark_safe(word),  # noqa: S308 - a piece of the escaped text
            )

        escaped = _pattern(tuple(terms)).sub(link, escaped)
    return mark_safe(escaped.replace("\n", "<br>"))  # noqa: S308 - escaped above
