from tests.goals.conftest import (  # noqa: F401 — shared fixtures of the Werkstatt tests
    admin_member,
    civil_member,
    civil_observer,
    coordinator,
    coproduction,
    moderator,
    outsider,
)
