"""Goals, strategy and milestones of a co-production (cards 30–33)."""

from django.conf import settings
from django.db import models

from workspaces.models import Coproduction
from workspaces.visibility import VisibleItem


class Goal(VisibleItem):
    """Ziel — first drafted per side (card 30), then agreed jointly (card 31).

    A side draft belongs to its side and starts side-only; the side shares it when it is
    ready. A joint goal names the side goals it answers (``answers``), which drives the
    overlap view. Abstract goals say why ("bezahlbarer Wohnraum für alle"); concrete goals
    say what by when.
    """

    class Kind(models.TextChoices):
        SIDE = "side", "Ziel einer Seite"
        JOINT = "joint", "Gemeinsames Ziel"

    class Level(models.TextChoices):
        ABSTRACT = "abstract", "Abstrakt (warum)"
        CONCRETE = "concrete", "Konkret (was bis wann)"

    HISTORY_CHOICES = {"dimensions": Coproduction.Dimension.choices}

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="goals"
    )
    kind = models.CharField("Art", max_length=10, choices=Kind.choices)
    level = models.CharField("Ebene", max_length=10, choices=Level.choices)
    title = models.CharField("Ziel", max_length=300)
    description = models.TextField("Beschreibung", blank=True)
    due_date = models.DateField("Bis wann?", null=True, blank=True)
    dimensions = models.JSONField("Dimensionen der Teilhabe", default=list, blank=True)
    answers = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="answered_by",
        verbose_name="Beantwortet diese Ziele der Seiten",
    )
    steward = models.ForeignKey(
        "workspaces.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stewarded_goals",
        verbose_name="Wer behält das Ziel im Blick?",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kind", "owner_side", "level", "id"]
        indexes = [
            # The lists of side goals read a page in this order (side, level, id) straight
            # from the index, and count without reading a row: visibility is in it too.
            models.Index(
                fields=["coproduction", "kind", "owner_side", "level", "id", "visibility"],
                name="goal_side_order_idx",
            ),
            # The Kompass-Check's counts of joint goals (no steward, no obstacle, steward left)
            # read the index alone: what they filter on, the visibility and the version.
            models.Index(
                fields=["coproduction", "kind", "steward", "visibility", "owner_side", "version"],
                name="goal_check_idx",
            ),
            # Whether anything is public: one look, not a walk over the goals.
            models.Index(
                fields=["coproduction", "visibility", "owner_side"], name="goal_visibility_idx"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_joint(self) -> bool:
        return self.kind == self.Kind.JOINT

    def dimension_labels(self) -> list[str]:
        labels = dict(Coproduction.Dimension.choices)
        return [labels[d] for d in self.dimensions if d in labels]

    def get_dimensions_display(self) -> str:
        return ", ".join(self.dimension_labels())


class Demand(VisibleItem):
    """Forderung — a side's non-negotiable demand or where it could compromise (card 33).

    Side-only by default: a side thinks about its red lines before it negotiates.
    """

    class Kind(models.TextChoices):
        NON_NEGOTIABLE = "non_negotiable", "Nicht verhandelbar"
        COMPROMISE = "compromise", "Hier können wir Kompromisse machen"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="demands"
    )
    kind = models.CharField("Art", max_length=20, choices=Kind.choices)
    text = models.TextField("Forderung")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self):
        return self.text[:80]


class Contribution(VisibleItem):
    """Beitrag — what a partner brings into the joint strategy (card 31)."""

    class Kind(models.TextChoices):
        RESOURCES = "resources", "Ressourcen"
        COMPETENCES = "competences", "Kompetenzen"
        ROLES = "roles", "Rollen"
        KNOWLEDGE = "knowledge", "Wissen"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="contributions"
    )
    partner = models.ForeignKey(
        "workspaces.Partner", on_delete=models.CASCADE, related_name="contributions"
    )
    kind = models.CharField("Art", max_length=20, choices=Kind.choices)
    description = models.TextField("Was bringt ihr ein?")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["partner__name", "kind", "id"]

    def __str__(self):
        return self.description[:80]


class Obstacle(VisibleItem):
    """Hindernis — what stands in the way of a goal and how to overcome it (card 31)."""

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="obstacles"
    )
    goal = models.ForeignKey(
        Goal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="obstacles",
        verbose_name="Betrifft Ziel",
    )
    description = models.TextField("Hindernis")
    remedy = models.TextField("Wie können wir es überwinden?", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.description[:80]


class Milestone(VisibleItem):
    """Meilenstein — an intermediate step of content or of process (card 32).

    When one is reached the app offers to celebrate it and to make it public (cards 32, 52).
    """

    class Kind(models.TextChoices):
        CONTENT = "content", "Inhalt der Kooperation"
        PROCESS = "process", "Prozess der Kooperation"

    class Status(models.TextChoices):
        PLANNED = "planned", "Geplant"
        IN_PROGRESS = "in_progress", "In Arbeit"
        REACHED = "reached", "Erreicht"
        MISSED = "missed", "Verfehlt"
        DROPPED = "dropped", "Verworfen"

    coproduction = models.ForeignKey(
        "workspaces.Coproduction", on_delete=models.CASCADE, related_name="milestones"
    )
    goal = models.ForeignKey(
        Goal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
        verbose_name="Gehört zu Ziel",
    )
    title = models.CharField("Meilenstein", max_length=300)
    kind = models.CharField("Art", max_length=10, choices=Kind.choices)
    due_date = models.DateField("Fällig am")
    responsible = models.ForeignKey(
        "workspaces.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
        verbose_name="Verantwortlich",
    )
    status = models.CharField(
        "Stand", max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    reached_on = models.DateField("Erreicht am", null=True, blank=True)
    celebrated = models.BooleanField("Gefeiert", default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["coproduction", "due_date"]),
            # The Kompass-Check's overdue, uncelebrated and orphaned milestones, from the index.
            models.Index(
                fields=[
                    "coproduction",
                    "status",
                    "due_date",
                    "celebrated",
                    "responsible",
                    "visibility",
                    "owner_side",
                    "version",
                ],
                name="milestone_check_idx",
            ),
            models.Index(
                fields=["coproduction", "visibility", "owner_side"],
                name="milestone_visibility_idx",
            ),
        ]

    def __str__(self):
        return self.title
