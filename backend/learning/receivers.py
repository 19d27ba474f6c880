"""The learning schedule follows grading through one signal."""

from typing import Any

from django.dispatch import receiver

from backend.learning import services
from backend.submissions.signals import results_visible


@receiver(results_visible, dispatch_uid="learning-record-submissions")
def record_submissions(sender: Any, submission_ids: list[int], **kwargs: Any) -> None:
    for submission_id in submission_ids:
        services.record_submission(submission_id)
