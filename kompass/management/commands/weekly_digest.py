from django.core.management.base import BaseCommand

from kompass.digest import send_weekly_digest


class Command(BaseCommand):
    help = (
        "Reiht die wöchentliche Zusammenfassung für den Worker ein (einmal pro Woche, z. B. "
        "montags per cron oder systemd-Timer)."
    )

    def handle(self, *args, **options):
        result = send_weekly_digest.enqueue()
        self.stdout.write(f"Wöchentliche Zusammenfassung eingereiht (Aufgabe {result.id}).")
