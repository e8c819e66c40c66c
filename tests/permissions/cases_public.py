"""Permission cases of the public page's top app: the directory, the page and its feed are
for everyone alike (their content is tested in tests/publicpage and the leak crawl)."""

from .cases import COORDINATION, POST_MEMBERS, PUBLIC, Case, slug

CASES = {
    "public:directory": Case(PUBLIC),
    "public:feed": Case(PUBLIC, lambda w: [w.coproduction.slug]),
    # The first steps after opening: the next partner and its first member (coordination).
    "workspaces:partner_invite": Case(COORDINATION, slug),
}

# Sharing goal drafts asks first (GET above); the confirmed POST shares and redirects.
MORE_CASES = {
    "goals:share": Case(POST_MEMBERS, slug, "post", lambda w: {"confirmed": "1"}),
}
