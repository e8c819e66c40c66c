"""What structures store about a person: the mandates they hold or held and the bodies they
sit in (for the data page, ``accounts.sections``)."""

from accounts.sections import Section
from structures.models import Body, Mandate


def mandates(user, memberships):
    rows = (
        Mandate.objects.filter(holder_id__in=memberships.ids)
        .select_related("body", "partner")
        .order_by("-started_on", "-pk")
    )
    for mandate in rows:
        body = mandate.body
        shown = memberships.sees(body)
        yield (
            memberships.coproduction(mandate.coproduction_id),
            memberships.name(body),
            mandate.partner.name if shown else None,
            (mandate.may_decide_alone or None) if shown else None,
            (mandate.needs_consultation or None) if shown else None,
            mandate.started_on,
            mandate.ended_on,
        )


def bodies(user, memberships):
    rows = (
        Body.members.through.objects.filter(membership_id__in=memberships.ids)
        .select_related("body")
        .order_by("body__name", "pk")
    )
    for row in rows:
        body = row.body
        yield (
            memberships.coproduction(body.coproduction_id),
            memberships.name(body),
            body.get_kind_display() if memberships.sees(body) else None,
        )


SECTIONS = [
    Section(
        key="structures.mandates",
        title="Eure Mandate",
        columns=(
            "Ko-Produktion",
            "Gremium",
            "Für",
            "Darf allein entscheiden über",
            "Braucht Rücksprache bei",
            "Seit",
            "Bis",
        ),
        rows=mandates,
    ),
    Section(
        key="structures.bodies",
        title="Gremien, in denen ihr Mitglied seid",
        columns=("Ko-Produktion", "Gremium", "Art"),
        rows=bodies,
    ),
]
