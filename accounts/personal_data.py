"""What the foundation stores about a person beyond their account: the e-mails the worker
delivered to them (``workspaces.Delivery``), as a section of the data page
(``accounts.sections``)."""

from functools import reduce
from operator import or_

from django.db.models import Q

from accounts.sections import Section
from accounts.selectors import verified_addresses
from workspaces.models import Delivery


def addresses_of(user) -> list[str]:
    """Every address mail may have gone to: the login address and the verified ones."""
    return sorted({user.email.lower(), *verified_addresses(user)})


def delivered(user, memberships):
    to_person = reduce(or_, (Q(recipient__iexact=a) for a in addresses_of(user)))
    rows = (
        Delivery.objects.filter(to_person)
        .select_related("task__mailing__coproduction")
        .order_by("-sent_at", "-pk")
    )
    for delivery in rows:
        mailing = getattr(delivery.task, "mailing", None)
        yield (
            mailing.coproduction.name if mailing else None,
            mailing.kind if mailing else "E-Mail",
            delivery.recipient,
            delivery.sent_at,
        )


SECTIONS = [
    Section(
        key="accounts.mails",
        title="E-Mails, die Gemeinwerk euch zugestellt hat",
        columns=("Ko-Produktion", "Art", "An", "Zugestellt am"),
        rows=delivered,
        note="Gespeichert ist, wem welche E-Mail zugestellt wurde, damit niemand sie doppelt "
        "bekommt; ihr Text nicht.",
    ),
]
