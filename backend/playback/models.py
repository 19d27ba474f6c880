"""What the editor recorded while a candidate worked on one problem of a mock interview."""

from django.db import models

from backend.catalog.models import Problem
from backend.interviews.models import Interview


class Recording(models.Model):
    class Status(models.TextChoices):
        RECORDING = "recording"  # the interview is running; chunks arrive
        REPLAYS = "replays"  # replayed to exactly the handed-in code: kept
        DOES_NOT_REPLAY = "does_not_replay"  # events dropped; the reason kept
        OVERFLOW = "overflow"  # went past its size bound; events dropped

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="recordings")
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="+")
    # playback-recorder.js events, times moved onto the server's clock (ms since the epoch).
    events = models.JSONField(default=list)
    size = models.PositiveIntegerField(default=0)  # bytes of the events as received
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECORDING)
    reason = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "problem"], name="one_recording_per_problem"
            )
        ]
