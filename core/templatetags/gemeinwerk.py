import functools

from django import template
from django.template.defaultfilters import linebreaks_filter as linebreaks
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def attr_value(instance, name):
    """The display value of a model field, for showing a saved version next to a form."""
    display = getattr(instance, f"get_{name}_display", None)
    if display is not None:
        return display()
    value = getattr(instance, name, "")
    if hasattr(value, "all"):
        return ", ".join(str(v) for v in value.all())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


PLACEHOLDER = 2147483641


@functools.lru_cache(maxsize=512)
def _url_pattern(name: str, slug: str) -> str:
    return reverse(name, args=[slug, PLACEHOLDER])


@register.simple_tag
def item_url(name: str, slug: str, pk) -> str:
    """``{% url name slug pk %}`` for long lists: reverse once per (name, slug), then fill in
    each item's pk. Reversing costs ~0.1 ms with our URLconf; a list of 100 links adds up."""
    return _url_pattern(name, slug).replace(str(PLACEHOLDER), str(int(pk)), 1)


@register.simple_tag
def visibility_badge(item) -> str:
    """Who can see an item: a badge on every item of the Werkstatt (🔒 for one side only)."""
    lock = "🔒 " if item.visibility == "side" else ""
    return format_html(
        '<span class="badge badge-{}" title="Wer kann das sehen?">{}{}</span>',
        item.visibility,
        lock,
        item.visibility_label(),
    )


@register.simple_tag(takes_context=True)
def rendered(context, template_name: str) -> str:
    """A template rendered with the current context, for ``{% rendered "x.html" as html %}``:
    markup shown twice (a phone and a wide layout) is rendered only once."""
    return mark_safe(context.template.engine.get_template(template_name).render(context))  # noqa: S308 - our own template, autoescaped


# Fragments that depend only on the values named in the tag, rendered once per process.
_once: dict[tuple, str] = {}
ONCE_LIMIT = 4096


@register.simple_tag(takes_context=True)
def rendered_once(context, template_name: str, *key) -> str:
    """``{% rendered_once "x.html" a b as html %}``: like ``rendered``, but the HTML is kept per
    process for each ``key`` (the template must read nothing else) — the navigation costs a
    dozen URL reversals per page otherwise."""
    return _once_html((template_name, *key), lambda: rendered(context, template_name))


def _once_html(key: tuple, render) -> str:
    html = _once.get(key)
    if html is None:
        html = render()
        if len(_once) >= ONCE_LIMIT:
            _once.clear()
        _once[key] = html
    return html


@register.simple_tag(takes_context=True)
def header_nav(context, css_class: str) -> str:
    """The guide's links in the header (core/_header_nav.html), rendered once per process for
    each place it stands in and whether the page is the guide's: the template reads nothing
    else."""
    match = getattr(context.get("request"), "resolver_match", None)
    in_guide = getattr(match, "app_name", None) == "guide"
    return _once_html(
        ("core/_header_nav.html", css_class, in_guide),
        lambda: render_to_string(
            "core/_header_nav.html", {"class": css_class, "in_guide": in_guide}
        ),
    )


@register.simple_tag(takes_context=True)
def header_search(context, field_id: str, css_class: str) -> str:
    """The header's search form (core/_header_search.html): the Werkstatt's search for its
    members, else the guide's. Rendered once per process for each co-production and place,
    unless it shows what someone searched for."""
    coproduction, viewer = context.get("coproduction"), context.get("viewer")
    slug = getattr(coproduction, "slug", "") if getattr(viewer, "is_member", False) else ""
    query = context.get("query") or ""

    def render() -> str:
        return render_to_string(
            "core/_header_search.html",
            {"slug": slug, "field_id": field_id, "class": css_class, "query": query},
        )

    if query:
        return render()
    return _once_html(("core/_header_search.html", slug, field_id, css_class), render)


# Stands in for the CSRF token in the cached personal header; each request fills in its own.
_TOKEN_MARK = "csrf-token-of-this-request"  # noqa: S105 - a placeholder, no secret
_TOKEN_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'  # noqa: S105


@register.simple_tag(takes_context=True)
def personal_nav(context) -> str:
    """The personal part of the header (core/personal_nav.html), rendered once per process for
    each answer to what it asks — signed in or not, and where one is — with this request's
    CSRF token filled in."""
    request, user = context.get("request"), context.get("user")
    signed_in = bool(getattr(user, "is_authenticated", False))
    path = getattr(request, "path", "")
    url_name = getattr(getattr(request, "resolver_match", None), "url_name", None)
    key = (
        "core/personal_nav.html",
        signed_in,
        path[:11] == "/werkstatt/",
        path[:7] == "/konto/",
        None if signed_in else url_name in {"account_login", "account_signup"} and url_name,
    )

    def render() -> str:
        with context.push(csrf_token=_TOKEN_MARK):
            return rendered(context, "core/personal_nav.html")

    html = _once_html(key, render)
    marked = _TOKEN_INPUT.format(_TOKEN_MARK)
    if marked in html:  # as {% csrf_token %} does
        token = context.get("csrf_token")
        real = format_html(_TOKEN_INPUT, token) if token and token != "NOTPROVIDED" else ""  # noqa: S105
        html = html.replace(marked, real)
    return mark_safe(html)  # noqa: S308 - our own template, autoescaped; the token escaped


@register.simple_tag
def site_footer() -> str:
    """The footer's links: the same on every page, rendered once per process."""
    return _once_html(("core/_footer.html",), lambda: render_to_string("core/_footer.html"))


@register.filter
def consultation(days) -> str:
    """A Rücksprachefrist as people say it: "1 Tag", "14 Tage"; empty means nobody has said
    yet, 0 that the partner decides without internal consultation (issue 9 §6)."""
    if days is None:
        return "nicht angegeben"
    if days == 0:
        return "keine"
    return "1 Tag" if days == 1 else f"{days} Tage"


SHORT = 240


@register.simple_tag
def shortened(text, url: str = "", limit: int = SHORT) -> str:
    """A long text cut for lists and the overview (issue 9 §6), with the whole text one click
    away: a link to the item's page, or — where the text has no page of its own — a
    disclosure that shows it in place. Cut at a word where there is one, never mid-entity."""
    text = str(text or "")
    if len(text) <= limit:
        return conditional_escape(text)
    cut = text[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    cut = cut.rstrip(" ,.;:–-") + "…"
    if url:
        return format_html('{} <a href="{}">weiterlesen</a>', cut, url)
    return format_html(
        '<span class="shortened">{}</span> <details class="whole-text"><summary>ganzen Text '
        "zeigen</summary>{}</details>",
        cut,
        linebreaks(text),
    )
