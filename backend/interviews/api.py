from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.interviews import services
from backend.interviews.models import Interview, InterviewTemplate
from backend.lib.users import signed_in


class StartSerializer(serializers.Serializer):
    template = serializers.PrimaryKeyRelatedField(
        queryset=InterviewTemplate.objects.filter(is_active=True)
    )


class InterviewItemSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=["coding", "design"])


class InterviewStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    template = serializers.CharField()
    status = serializers.ChoiceField(choices=["active", "ending", "finished"])
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField()
    server_time = serializers.DateTimeField()
    seconds_left = serializers.FloatField()
    problems = serializers.ListField(child=serializers.CharField())
    items = InterviewItemSerializer(many=True)


class TemplateSerializer(serializers.ModelSerializer):
    class Meta:
        model = InterviewTemplate
        fields = ["id", "name", "description", "duration_minutes", "problem_count",
                  "design_count", "category", "difficulty"]


class TemplateListView(APIView):
    """The interview templates one can start."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={200: TemplateSerializer(many=True)})
    def get(self, request: Request) -> Response:
        templates = InterviewTemplate.objects.filter(is_active=True)
        return Response(TemplateSerializer(templates, many=True).data)


def interview_state(interview: Interview) -> dict:
    now = timezone.now()
    problems = list(interview.problems.order_by("interviewproblem__position"))
    return {
        "id": interview.id,
        "template": interview.template.name,
        "status": interview.status
        if interview.is_open(now) or interview.status == Interview.Status.FINISHED
        else "ending",
        "started_at": interview.started_at,
        "deadline": interview.deadline,
        "server_time": now,
        # The clock is the server's: clients count down from this, and re-sync on every call.
        "seconds_left": max(0.0, (interview.deadline - now).total_seconds()),
        "problems": [p.slug for p in problems],
        "items": [{"slug": p.slug, "title": p.title, "kind": p.kind} for p in problems],
    }


class InterviewListView(APIView):
    """POST {"template": id} starts a mock interview; GET lists mine."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: InterviewStateSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(
            [
                interview_state(interview)
                for interview in Interview.objects.filter(candidate=signed_in(request))[:50]
            ]
        )

    @extend_schema(request=StartSerializer, responses={201: InterviewStateSerializer})
    def post(self, request: Request) -> Response:
        serializer = StartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        interview = services.start_interview(
            user=request.user, template=serializer.validated_data["template"]
        )
        return Response(interview_state(interview), status=status.HTTP_201_CREATED)


class InterviewDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: InterviewStateSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            interview_state(get_object_or_404(Interview, pk=pk, candidate=request.user))
        )
