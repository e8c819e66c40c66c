"""Building blocks of the permission matrix: roles, expected answers, URL arguments.

Every part of the product adds a module ``cases_<part>.py`` here with ``CASES`` (URL name →
Case) and, if its pages need objects, ``populate(world)``; test_matrix.py collects them all.
"""

from dataclasses import dataclass

ROLES = ["anonymous", "outsider", "other_side", "same_side", "coordinator"]
LOGIN = "login"  # a redirect to the login page


def expect(anonymous, outsider, other_side, same_side, coordinator):
    return dict(zip(ROLES, [anonymous, outsider, other_side, same_side, coordinator], strict=True))


PUBLIC = expect(200, 200, 200, 200, 200)
SIGNED_IN = expect(LOGIN, 200, 200, 200, 200)
MEMBERS = expect(LOGIN, 404, 200, 200, 200)
COORDINATION = expect(LOGIN, 404, 403, 403, 200)
OWN_SIDE = expect(LOGIN, 404, 404, 200, 200)
POST_MEMBERS = expect(LOGIN, 404, 302, 302, 302)
POST_OWN_SIDE = expect(LOGIN, 404, 404, 302, 302)
POST_COORDINATION = expect(LOGIN, 404, 403, 403, 302)


@dataclass
class Case:
    expected: dict
    args: object = None  # callable(world) -> list of URL args
    method: str = "get"
    data: object = None  # callable(world) -> POST data
    check: object = None  # callable(world): asserts what the request left behind


def slug(world):
    return [world.coproduction.slug]


def item(name):
    """URL args for an item of the world's co-production: (slug, pk of world.<name>)."""
    return lambda world: [world.coproduction.slug, getattr(world, name).pk]
