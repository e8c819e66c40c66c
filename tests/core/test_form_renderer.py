"""The form renderer writes Django's form templates out in Python: its markup must be Django's,
byte for byte, for every widget, with and without errors, help texts, groups and labels."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from core.form_renderer import FormRenderer
from workspaces.picker import Picker

CHOICES = [("a", "Erste <Wahl>"), ("b", "Zweite & dritte"), ("", "keine")]
GROUPED = [("Gruppe „eins“", [("1", "Eins"), ("2", "Zwei")]), ("3", "Drei")]


class EveryWidget(forms.Form):
    required_css_class = "required"
    error_css_class = "error"

    text = forms.CharField(label="Titel", help_text="Kurz <b>und</b> klar", max_length=20)
    question = forms.CharField(label="Warum?", required=False)
    no_label = forms.CharField(label="", required=False)
    area = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    number = forms.IntegerField(required=False, min_value=0)
    decimal = forms.DecimalField(required=False, decimal_places=2)
    email = forms.EmailField(
        required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    when = forms.DateTimeField(required=False)
    flag = forms.BooleanField(required=False, help_text="Ja oder nein")
    choice = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, help_text="Eine")
    radio_grouped = forms.ChoiceField(
        choices=GROUPED, widget=forms.RadioSelect(attrs={"class": "x"})
    )
    boxes = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    hidden_too = forms.IntegerField(widget=forms.HiddenInput, required=False)
    described = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"aria-describedby": "elsewhere"})
    )
    split = forms.SplitDateTimeField(required=False)
    upload = forms.FileField(required=False)

    def clean(self):
        if self.data.get("text") == "fehler":
            raise forms.ValidationError(mark_safe("Ganz <em>falsch</em>"))
        raise forms.ValidationError(["Erstens <falsch>", "Zweitens"])


class OnlyHidden(forms.Form):
    secret = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        if self.data.get("secret") == "x":
            raise forms.ValidationError("Verborgen falsch")


BOUND = {
    "text": "viel zu langer Text mit <spitzen> Klammern & mehr",
    "question": '"zitiert"',
    "area": "Zeile 1\nZeile <2>",
    "number": "-3",
    "decimal": "1,5",
    "date": "2026-11-29",
    "when": "29.11.2026 18:00",
    "flag": "on",
    "choice": "b",
    "grouped": "2",
    "many": ["a", ""],
    "radio": "",
    "radio_grouped": "3",
    "boxes": ["b"],
    "hidden": "<x>",
    "hidden_too": "nope",
    "split_0": "2026-11-29",
    "split_1": "",
}


def both(form_factory):
    django_html = str(form_factory(DjangoTemplates()))
    ours = str(form_factory(FormRenderer()))
    return django_html, ours


@pytest.mark.parametrize(
    "factory",
    [
        lambda r: EveryWidget(renderer=r),
        lambda r: EveryWidget(renderer=r, initial={"text": "Anfang", "flag": True, "many": ["a"]}),
        lambda r: EveryWidget(BOUND, renderer=r),
        lambda r: EveryWidget({**BOUND, "text": "fehler"}, renderer=r, prefix="p"),
        lambda r: EveryWidget(renderer=r, auto_id=False),
        lambda r: EveryWidget(BOUND, renderer=r, auto_id="feld_%s", label_suffix=" –"),
        lambda r: OnlyHidden(renderer=r),
        lambda r: OnlyHidden({"secret": "x"}, renderer=r),
    ],
)
def test_the_same_markup_as_djangos_templates(factory):
    def render(renderer):
        form = factory(renderer)
        form.is_valid() if form.is_bound else None
        return str(form)

    assert render(FormRenderer()) == render(DjangoTemplates())


def test_each_field_and_its_parts_alone_as_well():
    forms_ = [EveryWidget(BOUND, renderer=r) for r in (DjangoTemplates(), FormRenderer())]
    for form in forms_:
        form.is_valid()
    django_form, our_form = forms_
    for name in django_form.fields:
        django_field, our_field = django_form[name], our_form[name]
        assert str(our_field) == str(django_field)
        assert our_field.as_field_group() == django_field.as_field_group()
        assert our_field.label_tag() == django_field.label_tag()
        assert our_field.legend_tag(attrs={"class": "l"}) == django_field.legend_tag(
            attrs={"class": "l"}
        )
        assert str(our_field.errors) == str(django_field.errors)
    assert str(our_form.non_field_errors()) == str(django_form.non_field_errors())


def test_values_are_formatted_as_the_templates_do():
    """Numbers and dates in labels are localised as the template engine would; attributes
    are not (``stringformat``)."""

    class Odd(forms.Form):
        pick = forms.ChoiceField(choices=[(1.5, 2.5), (datetime.date(2026, 1, 2), 1000)])
        many = forms.ChoiceField(choices=[(True, False)], widget=forms.RadioSelect)
        size = forms.CharField(widget=forms.TextInput(attrs={"size": 1.5, "data-x": None}))

    assert str(Odd(renderer=FormRenderer())) == str(Odd(renderer=DjangoTemplates()))


@pytest.mark.django_db
def test_other_templates_go_through_the_template_engine():
    """A widget with a template of its own (the picker) renders as before."""

    class WithPicker(forms.Form):
        goal = forms.ModelChoiceField(queryset=None, widget=Picker, required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            from goals.models import Goal

            self.fields["goal"].queryset = Goal.objects.none()

    assert str(WithPicker(renderer=FormRenderer())) == str(WithPicker(renderer=DjangoTemplates()))


def test_the_common_widgets_need_no_template(monkeypatch):
    """The point of the renderer: forms of the usual widgets never reach the template engine."""

    def no_template(self, name):
        raise AssertionError(f"rendered {name} through the template engine")

    monkeypatch.setattr(FormRenderer, "get_template", no_template)
    for data in (None, BOUND):
        form = EveryWidget(data, renderer=FormRenderer())
        del form.fields["split"], form.fields["upload"]  # templates of their own
        str(form)
