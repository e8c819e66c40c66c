"""Permission cases of the public page's top app: the directory, the page and its feed are
for everyone alike (their content is tested in tests/publicpage and the leak crawl)."""

from .cases import PUBLIC, Case

CASES = {
    "public:directory": Case(PUBLIC),
    "public:feed": Case(PUBLIC, lambda w: [w.coproduction.slug]),
}
