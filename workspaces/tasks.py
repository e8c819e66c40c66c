"""Background work of the Werkstatt itself: sending invitations."""

from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

from workspaces.models import Invitation
from workspaces.notify import absolute, deliver, render_text


@task(takes_context=True)
def send_invitation(context, invitation_id: int) -> bool:
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
    body = render_text(
        "workspaces/email/invitation.txt",
        {
            "invitation": invitation,
            "url": absolute("workspaces:invitation", invitation.token),
            "days": round((invitation.expires_at - invitation.created_at).total_seconds() / 86400),
        },
    )
    subject = f"[Gemeinwerk] Einladung: {invitation.coproduction.name}"
    deliver(context, [EmailMessage(subject=subject, body=body, to=[invitation.email])])
    return True
