import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.build import SLUG, USERS, add_large, create_demo
from workspaces.models import Coproduction


class Command(BaseCommand):
    help = (
        "Legt eine Demo-Ko-Produktion an (Ernährungsrat und Umweltamt); --size large fürs Messen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=["small", "large"], default="small")
        parser.add_argument("--password", help="Demo-Passwort (sonst zufällig)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Auch mit DEBUG=0 anlegen (nie auf Produktivdaten!)",
        )

    def handle(self, *args, size, password, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo-Daten nur mit DEBUG=1 – oder bewusst mit --force (nie in Produktion)."
            )
        if Coproduction.objects.filter(slug=SLUG).exists():
            raise CommandError(
                f"Die Demo gibt es schon ({SLUG}). Löscht die Datenbank für eine neue."
            )
        password = password or secrets.token_urlsafe(9)
        coproduction = create_demo(password)
        self.stdout.write(f"Demo-Ko-Produktion: /werkstatt/{coproduction.slug}/")
        if size == "large":
            large = add_large()
            self.stdout.write(
                f"Große Demo: /werkstatt/{large.slug}/ "
                "(60 Mitglieder, 2.000 Ziele, 2.000 Meilensteine, 2.000 Entscheidungen)"
            )
        self.stdout.write("Anmelden mit: " + ", ".join(USERS))
        self.stdout.write(f"Demo-Passwort für alle: {password}")
