"""The site's legal pages: public for everyone."""

from tests.permissions.cases import PUBLIC, Case

CASES = {
    "core:imprint": Case(PUBLIC),
    "core:privacy": Case(PUBLIC),
}
