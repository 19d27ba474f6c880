from celery import shared_task
from django.utils import timezone

from backend.interviews import services
from backend.interviews.models import Interview


@shared_task
def finish_interview(interview_id: int) -> bool:
    """Scheduled for the deadline; the sweep below catches any that Redis lost."""
    return services.finish(interview_id)


@shared_task
def finish_due_interviews() -> int:
    due = Interview.objects.filter(status=Interview.Status.ACTIVE, deadline__lte=timezone.now())
    return sum(services.finish(interview_id) for interview_id in due.values_list("id", flat=True))
