from django.shortcuts import get_object_or_404
from django.utils import timezone
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.interviews import services
from backend.interviews.models import Interview, InterviewTemplate


class StartSerializer(serializers.Serializer):
    template = serializers.PrimaryKeyRelatedField(
        queryset=InterviewTemplate.objects.filter(is_active=True)
    )


def interview_state(interview: Interview) -> dict:
    now = timezone.now()
    return {
        "id": interview.id,
        "template": interview.template.name,
        "status": interview.status
        if interview.is_open(now) or interview.status == "finished"
        else "ending",
        "started_at": interview.started_at,
        "deadline": interview.deadline,
        "server_time": now,
        # The clock is the server's: clients count down from this, and re-sync on every call.
        "seconds_left": max(0.0, (interview.deadline - now).total_seconds()),
        "problems": [p.slug for p in interview.problems.order_by("interviewproblem__position")],
    }


class InterviewListView(APIView):
    """POST {"template": id} starts a mock interview; GET lists mine."""

    permission_classes = [permissions.IsAuthenticated]

    def get(self, request: Request) -> Response:
        return Response(
            [interview_state(i) for i in Interview.objects.filter(candidate=request.user)[:50]]
        )

    def post(self, request: Request) -> Response:
        serializer = StartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            interview = services.start_interview(
                user=request.user, template=serializer.validated_data["template"]
            )
        except services.InterviewError as error:
            raise ValidationError({"template": [str(error)]}) from None
        return Response(interview_state(interview), status=status.HTTP_201_CREATED)


class InterviewDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request: Request, pk: int) -> Response:
        return Response(
            interview_state(get_object_or_404(Interview, pk=pk, candidate=request.user))
        )
