"""The life cycle beyond the daily work: making it permanent, ending well, reaching beyond
(cards 34, 36, 37, 38). The stage itself belongs to the co-production
(``workspaces.Coproduction.stage``), since an ended one is read-only everywhere."""

from django.db import models

from workspaces.models import Coproduction
from workspaces.visibility import VisibleItem


class PermanencePath(VisibleItem):
    """Weg der Verstetigung — one way the partners consider to make the co-production lasting,
    with the steps, money and staff it needs (cards 34, 22). Joint: it concerns both sides."""

    class Path(models.TextChoices):
        REGULAR = "regular", "Regelangebot der Verwaltung"
        INSTITUTION = "institution", "Eigene dauerhafte Institution"
        NEW_FORM = "new_form", "Neue Organisationsform der Zusammenarbeit"

    class Status(models.TextChoices):
        CONSIDERED = "considered", "Wird geprüft (Entwurf)"
        CHOSEN = "chosen", "Gewählt"
        DROPPED = "dropped", "Verworfen"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="permanence_paths"
    )
    path = models.CharField("Weg", max_length=20, choices=Path.choices)
    status = models.CharField(
        "Stand", max_length=20, choices=Status.choices, default=Status.CONSIDERED
    )
    description = models.TextField("Worum geht es?", blank=True)
    steps = models.TextField("Schritte bis dahin", blank=True)
    money = models.TextField("Geld: was es dauerhaft kostet und woher es kommt", blank=True)
    staff = models.TextField("Personal: welche Stellen, bei wem", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["status", "id"]

    def __str__(self):
        return self.get_path_display()


class Closing(VisibleItem):
    """Abschluss — the closing reflection of a co-production: what went well or wrong, what
    was learned, what remains and who keeps it; marked public, it is the final report on the
    public page (cards 36, 35, 48). One per co-production, joint."""

    coproduction = models.OneToOneField(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="closing"
    )
    reflection = models.TextField("Rückblick: Was ist gelungen, was nicht?", blank=True)
    lessons = models.TextField("Was wir gelernt haben – fürs nächste Mal", blank=True)
    remains = models.TextField("Was bleibt: Ergebnisse, Strukturen, Wissen, Netzwerke", blank=True)
    keepers = models.TextField("Wer bewahrt es und gibt es weiter?", blank=True)
    report = models.TextField("Abschlussbericht", blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self):
        return "Abschluss"

    @property
    def reflected(self) -> bool:
        return bool(self.reflection.strip() and self.lessons.strip())


class ImpactPlan(VisibleItem):
    """Über sich hinauswirken — a plan to reach beyond the concrete co-production along one of
    the four ways the guide names, with the actors at other levels it needs (cards 37, 38, 47).
    A side may keep its own plan (a campaign, an internal reflection) to itself."""

    class Way(models.TextChoices):
        DUPLICATE = "duplicate", "Duplizieren: das Modell anderswo anwenden"
        POLITICISE = "politicise", "Politisieren: an Grenzen des Machbaren ansetzen"
        REPRODUCE = "reproduce", "Reproduzieren: Erfahrungen aufarbeiten und teilen"
        SCALE = "scale", "Skalieren: auf eine höhere Ebene verlagern"

    class Status(models.TextChoices):
        IDEA = "idea", "Idee"
        UNDER_WAY = "under_way", "Läuft"
        DONE = "done", "Erreicht"
        DROPPED = "dropped", "Verworfen"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="impact_plans"
    )
    way = models.CharField("Weg", max_length=20, choices=Way.choices)
    title = models.CharField("Vorhaben", max_length=300)
    description = models.TextField("Was habt ihr vor?", blank=True)
    level = models.CharField(
        "Auf welcher Ebene?",
        max_length=20,
        choices=Coproduction.Level.choices,
        blank=True,
    )
    actors = models.TextField(
        "Welche Akteure, Netzwerke, Ansprechpartner:innen braucht es dafür?", blank=True
    )
    status = models.CharField("Stand", max_length=20, choices=Status.choices, default=Status.IDEA)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["way", "id"]

    def __str__(self):
        return self.title
