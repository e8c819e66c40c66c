"""What a template reads, for the tests that keep a template rendered once per process to the
key it is kept under: a name it reads beyond the key would show one person what was rendered
for another."""

import re


def names_read(text: str) -> set[str]:
    """Every name in the template's tags and variables, outside quoted strings, split at
    operators, filters and their arguments. A comment could hide a name from this reading, so
    a template with one is refused."""
    assert "{#" not in text and "{% comment" not in text, "no comments in a kept template"
    names = set()
    for tag in re.findall(r"{%(.*?)%}|{{(.*?)}}", text):
        unquoted = re.sub(r"'[^']*'|\"[^\"]*\"", "", " ".join(tag))
        names |= set(re.findall(r"[^\s=!<>|:]+", unquoted))
    return names
