from django.core.management.base import BaseCommand
from django.utils import timezone

from resources.tasks import schedule_end_reminders


class Command(BaseCommand):
    help = (
        "Reiht die Erinnerungen ein, dass eine Finanzierung oder Stelle in 6, 3 oder 1 Monat "
        "endet und noch niemand geklärt hat, wie es weitergeht (täglich, z. B. per "
        "systemd-Timer; ein zweiter Lauf am selben Tag schickt nichts doppelt)."
    )

    def handle(self, *args, **options):
        queued = schedule_end_reminders(timezone.localdate())
        self.stdout.write(f"{queued} Erinnerungen an auslaufende Mittel eingereiht.")
