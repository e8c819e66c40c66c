"""The form renderer: Django's own form, field and widget templates, written out in Python.

Rendering a form through the template engine cost about two thirds of a form page (a field is
five or six nested templates: field, label, errors, widget, attrs, and one per option), which
kept every Werkstatt form well above its target of 15× a minimal view (issue 10 §4). This
renderer produces the very same markup, byte for byte, as ``django.forms.renderers.DjangoTemplates``
(whose engine always finds Django's own copies of these templates first), only without the
template engine: the functions below follow the templates in ``django/forms/templates/django/
forms/`` of Django 5.2 line by line, and ``tests/core/test_form_renderer.py`` renders every
form of every app both ways and compares them. Any other template (the picker's, a formset's,
one a form names itself) goes through the template engine as before.
"""

from html import escape

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.safestring import SafeData, SafeString

# The context of a template rendered by the renderer: autoescaping, settings' time zone and
# localisation; used only for values that are not plain strings.
_CONTEXT = Context(autoescape=True)


def _text(value) -> str:
    """``{{ value }}``. (``html.escape`` is what Django's ``escape`` calls, without its
    handling of lazy strings, which are not ``str``.)"""
    kind = type(value)
    if kind is str:
        return escape(value)
    if kind is SafeString:
        return value
    return render_value_in_context(value, _CONTEXT)


def _stringformat(value) -> str:
    """``{{ value|stringformat:'s' }}``."""
    if type(value) is str:
        return escape(value)
    return str(value) if isinstance(value, SafeData) else escape(str(value))


def _attrs(attrs) -> str:
    """``django/forms/widgets/attrs.html`` (and ``django/forms/attrs.html``)."""
    if not attrs:
        return ""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {_text(name)}")
        else:
            out.append(f' {_text(name)}="{_stringformat(value)}"')
    return "".join(out)


def _input(widget) -> str:
    value = widget["value"]
    value = f' value="{_stringformat(value)}"' if value is not None else ""
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>\n"
    )


def _include_input(widget) -> str:
    """``text.html``, ``checkbox.html`` and their kind: an include of ``input.html``."""
    return _input(widget) + "\n"


def _textarea(widget) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_text(value) if value else ''}</textarea>\n"
    )


def _input_option(widget) -> str:
    if not widget["wrap_label"]:
        return _input(widget) + "\n"
    id_ = widget["attrs"].get("id")
    label_for = f' for="{_text(id_)}"' if id_ else ""
    return f"<label{label_for}>{_input(widget)} {_text(widget['label'])}</label>\n"


def _choice_option(widget) -> str:
    """``radio_option.html`` and ``checkbox_option.html``: an include of ``input_option.html``."""
    return _input_option(widget) + "\n"


def _select_option(widget) -> str:
    return (
        f'<option value="{_stringformat(widget["value"])}"{_attrs(widget["attrs"])}>'
        f"{_text(widget['label'])}</option>\n"
    )


class FormRenderer(DjangoTemplates):
    """Django's DjangoTemplates renderer with its most used templates in Python."""

    def render(self, template_name, context, request=None):
        fast = self.FAST.get(template_name)
        if fast is None:
            return super().render(template_name, context, request)
        return fast(self, context).strip()

    def _option(self, option, context) -> str:
        """``{% include option.template_name with widget=option %}``."""
        fast = self.OPTIONS.get(option["template_name"])
        if fast is not None:
            return fast(option)
        template = self.get_template(option["template_name"])
        return template.render({**context, "widget": option})

    def _select(self, context) -> str:
        widget = context["widget"]
        out = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                out.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in group_choices:
                out.append("\n  " + self._option(option, context))
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>\n")
        return "".join(out)

    def _multiple_input(self, context) -> str:
        widget = context["widget"]
        attrs = widget["attrs"]
        id_ = attrs.get("id", "")
        out = ["<div"]
        if id_:
            out.append(f' id="{_text(id_)}"')
        if attrs.get("class"):
            out.append(f' class="{_text(attrs["class"])}"')
        out.append(">")
        for group, options, _index in widget["optgroups"]:
            if group:
                out.append(f"\n  <div><label>{_text(group)}</label>")
            for option in options:
                out.append("<div>\n    " + self._option(option, context) + "</div>")
            if group:
                out.append("\n  </div>")
        out.append("\n</div>\n")
        return "".join(out)

    def _include_multiple_input(self, context) -> str:
        """``radio.html`` and ``checkbox_select.html``."""
        return self._multiple_input(context) + "\n"

    def _errors(self, context) -> str:
        """``errors/list/default.html``, an include of ``errors/list/ul.html``."""
        errors = context["errors"]
        if not errors:
            return ""
        field_id = getattr(errors, "field_id", None)
        id_ = f' id="{_text(field_id)}_error"' if field_id else ""
        items = "".join(f"<li>{_text(error)}</li>" for error in errors)
        return f'<ul class="{_text(context["error_class"])}"{id_}>{items}</ul>'

    def _label(self, context) -> str:
        label = _text(context["label"])
        if not context["use_tag"]:
            return label + "\n"
        tag = _text(context["tag"])
        return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>\n"

    def _field(self, context) -> str:
        field = context["field"]
        out = []
        if field.use_fieldset:
            described = field.aria_describedby
            described = f' aria-describedby="{_text(described)}"' if described else ""
            legend = _text(field.legend_tag()) if field.label else ""
            out.append(f"\n  <fieldset{described}>\n  {legend}\n")
        else:
            label = _text(field.label_tag()) if field.label else ""
            out.append(f"\n  {label}\n")
        out.append("\n")
        if field.help_text:
            id_ = f' id="{_text(field.auto_id)}_helptext"' if field.auto_id else ""
            out.append(f'<div class="helptext"{id_}>{field.help_text}</div>')
        out.append(f"\n{_text(field.errors)}\n{_text(field)}")
        if field.use_fieldset:
            out.append("</fieldset>")
        out.append("\n")
        return "".join(out)

    def _div(self, context) -> str:
        errors = context["errors"]
        fields = context["fields"]
        hidden = context["hidden_fields"]
        out = [_text(errors), "\n"]
        if errors and not fields:
            out.append("\n  <div>" + "".join(_text(f) for f in hidden) + "</div>\n")
        out.append("\n")
        last = len(fields) - 1
        for i, (field, _errors) in enumerate(fields):
            classes = field.css_classes()
            classes = f' class="{_text(classes)}"' if classes else ""
            out.append(f"\n  <div{classes}>\n    {_text(field.as_field_group())}\n    ")
            if i == last:
                out.append("\n      " + "".join(_text(f) for f in hidden) + "\n    ")
            out.append("\n</div>\n")
        out.append("\n")
        if not fields and not errors:
            out.append("\n  " + "".join(_text(f) for f in hidden) + "\n")
        out.append("\n")
        return "".join(out)

    OPTIONS = {
        "django/forms/widgets/select_option.html": _select_option,
        "django/forms/widgets/radio_option.html": _choice_option,
        "django/forms/widgets/checkbox_option.html": _choice_option,
        "django/forms/widgets/input_option.html": _input_option,
    }

    FAST = {
        "django/forms/div.html": _div,
        "django/forms/field.html": _field,
        "django/forms/label.html": _label,
        "django/forms/errors/list/default.html": _errors,
        "django/forms/errors/list/ul.html": _errors,
        "django/forms/widgets/input.html": lambda self, c: _input(c["widget"]),
        "django/forms/widgets/textarea.html": lambda self, c: _textarea(c["widget"]),
        "django/forms/widgets/select.html": _select,
        "django/forms/widgets/radio.html": _include_multiple_input,
        "django/forms/widgets/checkbox_select.html": _include_multiple_input,
        "django/forms/widgets/multiple_input.html": _multiple_input,
        **{
            f"django/forms/widgets/{kind}.html": lambda self, c: _include_input(c["widget"])
            for kind in (
                "checkbox",
                "color",
                "date",
                "datetime",
                "email",
                "file",
                "hidden",
                "number",
                "password",
                "search",
                "tel",
                "text",
                "time",
                "url",
            )
        },
    }
