"""Background work of the Werkstatt itself: sending invitations."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from workspaces.models import Invitation
from workspaces.notify import absolute


@task()
def send_invitation(invitation_id: int) -> bool:
    """Send the invitation unless it was revoked, accepted or has expired meanwhile."""
    invitation = (
        Invitation.objects.select_related("coproduction", "partner", "invited_by")
        .filter(
            pk=invitation_id,
            revoked_at__isnull=True,
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )
    if invitation is None:
        return False
    context = {
        "invitation": invitation,
        "url": absolute("workspaces:invitation", invitation.token),
        "days": round((invitation.expires_at - invitation.created_at).total_seconds() / 86400),
    }
    send_mail(
        subject=f"[Gemeinwerk] Einladung: {invitation.coproduction.name}",
        message=render_to_string("workspaces/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    return True
