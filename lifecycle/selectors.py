"""Reads of the life cycle — always through visibility (``visible_to``)."""

from lifecycle.models import Closing, ImpactPlan, PermanencePath
from workspaces.visibility import Visibility


def paths_for(viewer):
    return PermanencePath.objects.visible_to(viewer)


def chosen_paths(viewer):
    return paths_for(viewer).filter(status=PermanencePath.Status.CHOSEN)


def closing_for(viewer) -> Closing | None:
    return Closing.objects.visible_to(viewer).first()


def impact_plans_for(viewer):
    return ImpactPlan.objects.visible_to(viewer)


def public_closing(coproduction) -> Closing | None:
    """The final report on the public page: the closing, when the partners made it public."""
    return Closing.objects.filter(coproduction=coproduction, visibility=Visibility.PUBLIC).first()


def public_closings():
    """Every closing marked public, of any co-production: the public directory asks."""
    return Closing.objects.public()
