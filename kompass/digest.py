"""The weekly digest: one e-mail per person, sent by the worker.

Every member who wants it (``Membership.weekly_digest``) hears what waits for them in each of
their co-productions; coordinators also hear which findings of the Kompass-Check are new since
the last digest and which are still open. Everything is read as that member: a finding about a
side-only item reaches only its side, here as on every page. ``manage.py weekly_digest`` queues
the task (weekly, from cron or a systemd timer); a person who got a digest in the last six
days gets none, so a second run in the same week sends nothing twice."""

from collections import defaultdict
from datetime import timedelta

from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

from kompass import check
from kompass.models import DigestState
from kompass.waiting import invitations_for, waiting_for
from workspaces.models import Membership
from workspaces.notify import absolute, deliver, render_text
from workspaces.rules import allowed
from workspaces.visibility import Viewer

QUIET = timedelta(days=6)


def _section(member, now):
    viewer = Viewer(
        user=member.user,
        coproduction_id=member.coproduction_id,
        membership=member,
        ended=member.coproduction.ended,
    )
    coproduction = member.coproduction
    waiting = waiting_for(viewer, now=now)
    waiting.invitations = []  # the person's, not this co-production's: once per mail (digests)
    new, still, keys = [], [], []
    if allowed(member.user, "kompass.follow_findings", viewer):
        told = set(getattr(member, "digest_state", None) and member.digest_state.findings or [])
        for finding in check.run(viewer, coproduction, now=now).open:
            key = f"{finding.rule.id}:{finding.problem.fingerprint}"
            keys.append(key)
            (still if key in told else new).append(finding)
    if not (waiting or new or still):
        return None, keys
    return {
        "coproduction": coproduction,
        "waiting": waiting,
        "new": new,
        "still": still,
        "url": absolute("kompass:overview", coproduction.slug),
        "check_url": absolute("kompass:check", coproduction.slug),
        "settings_url": absolute("workspaces:member", coproduction.slug, member.pk),
    }, keys


def digests(now=None) -> tuple[list[EmailMessage], dict]:
    """The messages of this week (one per person) and the state to remember per membership."""
    now = now or timezone.now()
    members = (
        Membership.objects.filter(
            left_at__isnull=True, weekly_digest=True, user__isnull=False, user__is_active=True
        )
        .exclude(coproduction__stage="ended")  # an archive: nothing waits, nothing to settle
        # Per person, not per membership: one joined since the last digest has no state yet.
        .exclude(user__memberships__digest_state__sent_at__gt=now - QUIET)
        .select_related("user", "partner", "coproduction", "digest_state")
        .order_by("user_id", "coproduction__name", "pk")
    )
    by_user = defaultdict(list)
    for member in members:
        by_user[member.user].append(member)
    messages, remember = [], {}
    for user, memberships in by_user.items():
        sections = []
        for member in memberships:
            section, keys = _section(member, now)
            remember[member.pk] = keys
            if section:
                sections.append(section)
        invitations = invitations_for(user, now)
        if not (sections or invitations):
            continue
        body = render_text(
            "kompass/email/digest.txt",
            {"user": user, "sections": sections, "invitations": invitations, "now": now},
        )
        subject = "[Gemeinwerk] Eure Woche"
        if len(sections) == 1:
            subject += f": {sections[0]['coproduction'].name}"
        messages.append(EmailMessage(subject=subject, body=body, to=[user.email]))
    return messages, remember


@task(takes_context=True)
def send_weekly_digest(context) -> int:
    now = timezone.now()
    messages, remember = digests(now)
    sent = deliver(context, messages)
    for membership_id, keys in remember.items():
        DigestState.objects.update_or_create(
            membership_id=membership_id, defaults={"sent_at": now, "findings": keys}
        )
    return sent
