from django.db import models


class Problem(models.Model):
    """A coding problem as loaded from problems/<slug>/ (the package on disk is the source)."""

    class Difficulty(models.TextChoices):
        EASY = "easy"
        MEDIUM = "medium"
        HARD = "hard"

    class Kind(models.TextChoices):
        """What a package is graded as (graders.package.package_kind reads it from
        problem.toml); take-homes are packages too, but their own model (backend.takehomes)."""

        CODING = "coding"
        DESIGN = "design"

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, default=Kind.CODING)
    difficulty = models.CharField(max_length=10, choices=Difficulty.choices)
    category = models.CharField(max_length=50, db_index=True)
    tags = models.JSONField(default=list)
    entry = models.CharField(max_length=100)
    statement = models.TextField()
    starter = models.TextField()
    time_limit = models.FloatField()
    memory_limit_mb = models.PositiveIntegerField()
    # Sample cases as the page shows them, computed at sync time (hidden cases never stored).
    samples = models.JSONField(default=list)
    case_count = models.PositiveIntegerField(default=0)
    # Public data of other kinds (a design prompt's requirements and rubric titles).
    details = models.JSONField(default=dict, blank=True)
    fingerprint = models.CharField(max_length=32)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def runtime(self) -> str:
        """What a coding problem's solution runs on: "numpy" or "torch" (graders.torchrt)."""
        return str(self.details.get("runtime", "numpy"))
