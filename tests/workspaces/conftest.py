from datetime import date

import pytest

from accounts.models import User
from workspaces import services
from workspaces.models import Membership


def make_user(email: str) -> User:
    return User.objects.create_user(email, "ein-langes-passwort", display_name=email.split("@")[0])


@pytest.fixture
def coordinator(db):
    return make_user("koordination@initiative.example")


@pytest.fixture
def coproduction(coordinator):
    return services.coproduction_create(
        actor=coordinator,
        name="Ernährungsrat Musterstadt",
        kind="coproduction",
        field="food",
        level="municipal",
        start_date=date(2026, 1, 1),
        partner={
            "name": "Ernährungsrat e.V.",
            "side": "civil_society",
            "org_form": "association",
            "decision_style": "consensus",
        },
    )


@pytest.fixture
def office(coproduction, coordinator):
    return services.partner_create(
        actor=coordinator,
        coproduction=coproduction,
        name="Umweltamt",
        side="administration",
        org_form="department",
        decision_style="hierarchy",
        consultation_days=14,
    )


@pytest.fixture
def official(coproduction, office):
    user = make_user("amt@stadt.example")
    return Membership.objects.create(
        user=user, coproduction=coproduction, partner=office, access=Membership.Access.MEMBER
    )
