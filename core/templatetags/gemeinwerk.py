from django import template

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
