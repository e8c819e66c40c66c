"""The co-production and the people in it (cards 6–9, 12–13, 23, 25–27, 34–36, 45, 49)."""

from django.conf import settings
from django.db import models


class Side(models.TextChoices):
    """The side a partner stands on (cards 12, 13, 49); visibility is decided per side."""

    ADMINISTRATION = "administration", "Verwaltung/Politik"
    CIVIL_SOCIETY = "civil_society", "Zivilgesellschaft"
    EXTERNAL = "external", "Extern (Moderation, Wissenschaft)"


class Coproduction(models.Model):
    """Ko-Produktion — one concrete collaboration of administration and civil society.

    ``kind`` separates a Kooperation with a goal and an end from a Ko-Produktion meant as a
    lasting institution (card 6).
    """

    class Kind(models.TextChoices):
        COOPERATION = "cooperation", "Kooperation (mit Ziel und Ende)"
        COPRODUCTION = "coproduction", "Ko-Produktion (dauerhafte Institution)"

    class Field(models.TextChoices):
        HEALTH = "health", "Gesundheit"
        HOUSING = "housing", "Wohnen"
        FOOD = "food", "Ernährung"
        ENERGY = "energy", "Energie"
        EDUCATION = "education", "Bildung"
        MOBILITY = "mobility", "Mobilität"
        CARE = "care", "Pflege und Soziales"
        ENVIRONMENT = "environment", "Umwelt und Klima"
        CULTURE = "culture", "Kultur"
        OTHER = "other", "Andere Daseinsvorsorge"

    class Level(models.TextChoices):
        NEIGHBOURHOOD = "neighbourhood", "Quartier"
        MUNICIPAL = "municipal", "Kommune / Bezirk"
        DISTRICT = "district", "Landkreis / Region"
        STATE = "state", "Land"
        FEDERAL = "federal", "Bund"

    class Dimension(models.TextChoices):
        MATERIAL = "material", "Materielle Teilhabe"
        POLITICAL = "political", "Politische Teilhabe"
        CULTURAL = "cultural", "Kulturelle Teilhabe"
        SOCIAL = "social", "Soziale Teilhabe"

    class Stage(models.TextChoices):
        """Lebensphase (cards 34–36): an ended co-production is a read-only archive."""

        STARTING = "starting", "Anlaufen"
        RUNNING = "running", "Laufend"
        PERMANENCE = "permanence", "Verstetigung"
        CLOSING = "closing", "Abschluss"
        ENDED = "ended", "Beendet"

    class Ending(models.TextChoices):
        GOALS_REACHED = "goals_reached", "Ziele erreicht"
        AS_PLANNED = "as_planned", "Wie geplant beendet"
        EARLY = "early", "Vorzeitig beendet"

    HISTORY_CHOICES = {"dimensions": Dimension.choices}

    name = models.CharField("Name", max_length=200)
    slug = models.SlugField("Kurzname in der Adresse", max_length=80, unique=True)
    description = models.TextField("Kurzbeschreibung", blank=True)
    kind = models.CharField("Art", max_length=20, choices=Kind.choices)
    field = models.CharField("Feld der Daseinsvorsorge", max_length=20, choices=Field.choices)
    level = models.CharField("Politische Ebene", max_length=20, choices=Level.choices)
    dimensions = models.JSONField("Dimensionen der Teilhabe", default=list, blank=True)
    start_date = models.DateField("Beginn")
    planned_end = models.DateField("Geplantes Ende", null=True, blank=True)
    aims_permanent = models.BooleanField("Soll dauerhaft werden (Verstetigung)", default=False)
    affected_groups = models.TextField(
        "Für wen? Betroffene und Zielgruppe",
        blank=True,
        help_text="Wessen Teilhabe soll besser werden – welche Gruppen sind bisher "
        "ausgeschlossen oder unterversorgt? (Karten 8, 23, 38)",
    )
    affected_exchange = models.TextField(
        "Wie stimmt ihr euch mit direkt Betroffenen ab?",
        blank=True,
        help_text="Wer stellvertretend für Betroffene handelt, prüft Problem, Ziele und "
        "Umsetzung immer wieder mit ihnen: mit wem, in welchem Format? (Karte 23)",
    )
    stage = models.CharField(
        "Lebensphase", max_length=20, choices=Stage.choices, default=Stage.STARTING
    )
    ending = models.CharField("Wie sie endet", max_length=20, choices=Ending.choices, blank=True)
    ending_reasons = models.TextField("Gründe für das Ende", blank=True)
    version = models.PositiveIntegerField(default=1)
    # Moves when a member's account changes its name or goes: what pages keep names members,
    # and an account is no item of the co-production's, so no change is recorded for it
    # (``history.kept.stamp``).
    names_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def ended(self) -> bool:
        return self.stage == self.Stage.ENDED

    @property
    def open_ended(self) -> bool:
        return self.planned_end is None

    def dimension_labels(self) -> list[str]:
        labels = dict(self.Dimension.choices)
        return [labels[d] for d in self.dimensions if d in labels]


class Partner(models.Model):
    """Partner:in — an organisation taking part, on one side of the co-production.

    The profile helps the other side understand its logic (card 25): how it is organised and
    decides, whom it answers to, and how long it needs to consult internally (cards 26, 41).
    """

    class OrgForm(models.TextChoices):
        LOOSE = "loose", "Lockerer Zusammenschluss"
        INITIATIVE = "initiative", "Initiative"
        ASSOCIATION = "association", "Eingetragener Verein"
        NGO = "ngo", "Etablierte NGO / Verband"
        COOPERATIVE = "cooperative", "Genossenschaft"
        DEPARTMENT = "department", "Fachbereich / Amt"
        AUTHORITY = "authority", "Senats- / Landesverwaltung, Ministerium"
        POLITICS = "politics", "Politische Vertretung (Rat, Ausschuss)"
        PUBLIC_COMPANY = "public_company", "Öffentliches Unternehmen"
        SCIENCE = "science", "Wissenschaft"
        MODERATION = "moderation", "Moderation / Beratung"
        OTHER = "other", "Andere Form"

    class DecisionStyle(models.TextChoices):
        CONSENSUS = "consensus", "Konsens"
        PLENUM = "plenum", "Plenum mit Abstimmung"
        BOARD = "board", "Vorstand entscheidet"
        HIERARCHY = "hierarchy", "Hierarchie / Dienstweg"
        OTHER = "other", "Anders"

    class CivilMode(models.TextChoices):
        SELF_ORGANISATION = "self_organisation", "Selbstorganisation von Betroffenen"
        ADVOCACY = "advocacy", "Stellvertretung für Betroffene"
        MIXED = "mixed", "Beides"

    class Experience(models.TextChoices):
        NONE = "none", "Noch keine"
        SOME = "some", "Einzelne Erfahrungen"
        MUCH = "much", "Viel Erfahrung"

    coproduction = models.ForeignKey(
        Coproduction, on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField("Name der Organisation", max_length=200)
    side = models.CharField("Seite", max_length=20, choices=Side.choices)
    org_form = models.CharField("Organisationsform", max_length=20, choices=OrgForm.choices)
    decision_style = models.CharField(
        "Wie entscheidet ihr intern?", max_length=20, choices=DecisionStyle.choices
    )
    networks = models.TextField("Netzwerke, denen ihr verpflichtet seid", blank=True)
    responsibilities = models.TextField("Zuständigkeiten und Aufgaben", blank=True)
    # Empty: not agreed yet (the Kompass-Check asks); 0: this partner decides without delay.
    consultation_days = models.PositiveSmallIntegerField(
        "Rücksprachefrist in Tagen",
        null=True,
        blank=True,
        help_text="Wie viele Tage braucht ihr für interne Rücksprache vor einer Entscheidung?",
    )
    civil_mode = models.CharField(
        "Selbstorganisation oder Stellvertretung",
        max_length=20,
        choices=CivilMode.choices,
        blank=True,
    )
    motivation = models.TextField("Warum macht ihr mit?", blank=True)
    experience = models.CharField(
        "Erfahrung mit Ko-Produktionen",
        max_length=20,
        choices=Experience.choices,
        blank=True,
        help_text="Habt ihr schon einmal mit der anderen Seite zusammen Leistungen erbracht? "
        "(Karte 25)",
    )
    experience_note = models.TextField("Welche Erfahrungen?", blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["side", "name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """Mitglied — a person in the co-production, for one partner, with an access role.

    Besides access (Koordination, Mitglied, Beobachtung), a member holds roles in the
    co-production (card 27), is paid or volunteer and has times they can take part (card 26).
    Leaving sets ``left_at``; the row stays so that contributions keep their author.
    """

    class Access(models.TextChoices):
        COORDINATION = "coordination", "Koordination"
        MEMBER = "member", "Mitglied"
        OBSERVER = "observer", "Beobachtung"

    class Employment(models.TextChoices):
        PAID = "paid", "Hauptamtlich"
        VOLUNTEER = "volunteer", "Ehrenamtlich"

    class Role(models.TextChoices):
        EXPERTISE = "expertise", "Fachliche Expertise"
        COORDINATION = "coordination", "Koordination"
        NETWORK = "network", "Schnittstelle zu Netzwerken"
        INTEREST = "interest", "Interessenvertretung"
        FUNDER = "funder", "Geldgeber:in"
        TRUST = "trust", "Vertrauen aufbauen, Beziehungen pflegen"
        MEDIATION = "mediation", "Konflikte moderieren und vermitteln"

    HISTORY_CHOICES = {"roles": Role.choices}

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    coproduction = models.ForeignKey(
        Coproduction, on_delete=models.CASCADE, related_name="memberships"
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="memberships")
    access = models.CharField("Zugang", max_length=20, choices=Access.choices)
    employment = models.CharField(
        "Haupt- oder Ehrenamt", max_length=20, choices=Employment.choices, blank=True
    )
    availability = models.CharField(
        "Wann könnt ihr teilnehmen?",
        max_length=300,
        blank=True,
        help_text="Zum Beispiel: werktags nach 18 Uhr, nicht am Wochenende.",
    )
    roles = models.JSONField("Rollen in der Ko-Produktion", default=list, blank=True)
    role_conflicts = models.TextField("Rollenkonflikte", blank=True)
    email_reminders = models.BooleanField(
        "Erinnerungen per E-Mail",
        default=True,
        help_text="Terminumfragen, Treffen am Vortag, Abstimmungen und ihr Ende.",
    )
    weekly_digest = models.BooleanField(
        "Wöchentliche Zusammenfassung per E-Mail",
        default=True,
        help_text="Montags: was auf euch wartet – und für Koordinator:innen, was der "
        "Kompass-Check noch offen findet.",
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["partner__side", "partner__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "coproduction"],
                condition=models.Q(left_at__isnull=True),
                name="one_active_membership_per_person",
            )
        ]

    def __str__(self):
        from accounts.names import display_name

        return display_name(self.user)

    @property
    def side(self) -> str:
        return self.partner.side

    @property
    def active(self) -> bool:
        return self.left_at is None

    def role_labels(self) -> list[str]:
        labels = dict(self.Role.choices)
        return [labels[r] for r in self.roles if r in labels]


class Invitation(models.Model):
    """Einladung — an e-mail invitation to join for a partner with an access role."""

    coproduction = models.ForeignKey(
        Coproduction, on_delete=models.CASCADE, related_name="invitations"
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("E-Mail-Adresse")
    access = models.CharField("Zugang", max_length=20, choices=Membership.Access.choices)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


class Mailing(models.Model):
    """One mail task that a committed change queued, and what it is about — so that a mail
    that could not be delivered shows up next to its item ("nicht zugestellt").

    ``failed_at`` is set when the worker gives the task up for good (``db_worker.give_up``,
    the only place that sets it): the list of undelivered mails reads its own few rows
    through an index instead of joining every mail of the co-production to its task."""

    task = models.OneToOneField(
        "django_tasks_database.DBTaskResult", on_delete=models.CASCADE, related_name="mailing"
    )
    kind = models.CharField(max_length=100)
    coproduction = models.ForeignKey(
        Coproduction, on_delete=models.CASCADE, related_name="mailings"
    )
    item_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    item_id = models.PositiveBigIntegerField()
    link = models.CharField(max_length=200)  # the item's page, shown if the mail fails
    created_at = models.DateTimeField(auto_now_add=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # Only the failed mails, newest first per co-production: the index stays as
            # small as the list it serves, however many mails were delivered.
            models.Index(
                fields=["coproduction", "failed_at", "id"],
                condition=models.Q(failed_at__isnull=False),
                name="mailing_failed_idx",
            )
        ]

    def __str__(self):
        return self.kind


class Delivery(models.Model):
    """A mail the mail server accepted for one recipient of one task. A task that runs again
    (after its worker vanished, or on a retry) skips whoever is recorded here."""

    task = models.ForeignKey(
        "django_tasks_database.DBTaskResult", on_delete=models.CASCADE, related_name="deliveries"
    )
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "recipient"], name="one_delivery_per_recipient")
        ]

    def __str__(self):
        return self.recipient
