"""The picker: choosing among items that grow with the data (goals, members) without
rendering them all.

A picker shows only what is chosen, plus a search. With JavaScript (htmx) the search asks the
form's own page for a fragment of matches (``?auswahl=<field>``); without it, the search
button posts the whole form, which comes back unsaved with its input kept and the matches
listed (``search_step``). Either way the matches come from the field's queryset — the
viewer's visible set, built by the form — and the field validates every posted id against
that same queryset, so nothing hidden can be offered or chosen.
"""

from functools import reduce
from operator import or_

from django import forms
from django.db.models import Q
from django.http import HttpResponse
from django.template.loader import render_to_string

PICK = "auswahl"  # the search button's name; its value names the picker's field
RESULT_LIMIT = 15
QUERY_LIMIT = 100  # characters of a search; more never narrows a title or a name


class Picker(forms.Widget):
    """One item: the chosen one as a radio button (and „keine Auswahl“ when optional)."""

    template_name = "workspaces/picker.html"
    input_type = "radio"
    use_fieldset = True

    class Media:
        js = ["workspaces/htmx.min.js", "workspaces/picker.js"]

    def __init__(self, attrs=None, *, search=("title",)):
        super().__init__(attrs)
        self.search = search
        self.query = None  # set for a search step without JavaScript
        self.choices = ()

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # an unchecked radio or checkbox sends nothing, and that means "none"

    def chosen_ids(self, value) -> list[int]:
        values = value if isinstance(value, list | tuple) else [value]
        return [int(v) for v in (str(v) for v in values if v is not None) if v.isdigit()]

    def options(self, rows) -> list[dict]:
        label = self.choices.field.label_from_instance
        return [{"value": row.pk, "label": label(row)} for row in rows]

    def matches(self, query: str, exclude: list[int]):
        """At most RESULT_LIMIT + 1 visible rows matching ``query`` (the extra one tells that
        there are more)."""
        words = query.split()
        rows = self.choices.queryset.exclude(pk__in=exclude)
        for word in words:
            rows = rows.filter(reduce(or_, (Q(**{f"{f}__icontains": word}) for f in self.search)))
        return rows[: RESULT_LIMIT + 1]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = self.chosen_ids(value)
        chosen = self.options(self.choices.queryset.filter(pk__in=ids)) if ids else []
        context["widget"].update(
            {
                "input_type": self.input_type,
                "chosen": chosen,
                "optional": not self.is_required and self.input_type == "radio",
                "pick": PICK,
                **self.results(self.query, [o["value"] for o in chosen]),
            }
        )
        return context

    def results(self, query, exclude) -> dict:
        if query is None:
            return {"query": None, "results": [], "more": False}
        rows = self.options(self.matches(query, exclude)) if query else []
        return {"query": query, "results": rows[:RESULT_LIMIT], "more": len(rows) > RESULT_LIMIT}


class PickerMultiple(Picker):
    """Several items: the chosen ones as ticked checkboxes."""

    input_type = "checkbox"
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)


class PickOne(forms.ModelChoiceField):
    def __init__(self, *args, search=("title",), **kwargs):
        kwargs.setdefault("widget", Picker(search=search))
        super().__init__(*args, **kwargs)


class PickMany(forms.ModelMultipleChoiceField):
    def __init__(self, *args, search=("title",), **kwargs):
        kwargs.setdefault("widget", PickerMultiple(search=search))
        super().__init__(*args, **kwargs)


def _picker_field(form, html_name: str):
    for name, field in form.fields.items():
        if form.add_prefix(name) == html_name and isinstance(field.widget, Picker):
            return name, field
    return None, None


def results_response(request, form):
    """htmx: the matches for one picker of ``form`` as a fragment; ``None`` for any other
    request. Without htmx the same GET shows the whole page with the matches."""
    if form is None or request.method != "GET" or PICK not in request.GET:
        return None
    html_name = request.GET[PICK]
    name, field = _picker_field(form, html_name)
    if field is None:
        return None
    query = request.GET.get(f"{html_name}__q", "").strip()[:QUERY_LIMIT]
    if not request.htmx:
        field.widget.query = query
        return None
    chosen = field.widget.chosen_ids(request.GET.getlist(html_name))
    context = {
        "widget": {
            "name": html_name,
            "attrs": {"id": form[name].auto_id},
            "input_type": field.widget.input_type,
            **field.widget.results(query, chosen),
        }
    }
    return HttpResponse(render_to_string("workspaces/picker_results.html", context, request))


def search_step(request, form) -> bool:
    """Without JavaScript: the form was posted by a picker's search button with something to
    search for. The form is shown again — unsaved, without error messages, with all its input
    — and the picker lists the matches. Returns whether this was such a step."""
    if form is None or request.method != "POST" or PICK not in request.POST:
        return False
    html_name = request.POST[PICK]
    name, field = _picker_field(form, html_name)
    query = request.POST.get(f"{html_name}__q", "").strip()[:QUERY_LIMIT]
    if field is None or not query:
        return False  # Enter in another field, or nothing to search for: a normal save
    form.errors.clear()
    field.widget.query = query
    return True


MEMBER_SEARCH = ("user__display_name", "partner__name")


class PickMember(PickOne):
    """A member of the co-production, named with their partner."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, search=MEMBER_SEARCH, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj} ({obj.partner.name})"


class PickMembers(PickMany):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, search=MEMBER_SEARCH, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj} ({obj.partner.name})"
