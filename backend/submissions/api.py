from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.catalog.models import Problem
from backend.grading import sessions
from backend.grading.admission import WORK_REFUSALS, WorkRateThrottle
from backend.lib.users import signed_in
from backend.submissions import services
from backend.submissions.models import Draft, Submission
from backend.submissions.serializers import (
    DraftSerializer,
    SubmissionCreateSerializer,
    SubmissionListSerializer,
    SubmissionSerializer,
)


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("problem", str, description="only this problem's (its slug)")
]))
class SubmissionViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Create a submission (mode run = samples or one custom case, submit = every case), read
    it with its per-case results, list mine (?problem=<slug>). Only the owner sees a submission."""

    permission_classes = [permissions.IsAuthenticated]
    queryset = Submission.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self) -> QuerySet[Submission]:
        if getattr(self, "swagger_fake_view", False):
            return Submission.objects.none()
        queryset = Submission.objects.filter(owner=signed_in(self.request)).select_related(
            "problem", "interview"
        )
        problem = self.request.query_params.get("problem")
        if problem:
            queryset = queryset.filter(problem__slug=problem)
        return queryset

    def get_throttles(self):  # type: ignore[no-untyped-def]
        return [WorkRateThrottle()] if self.action == "create" else super().get_throttles()

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        if self.action == "create":
            return SubmissionCreateSerializer
        return SubmissionListSerializer if self.action == "list" else SubmissionSerializer

    @extend_schema(request=SubmissionCreateSerializer,
                   responses={201: SubmissionSerializer, **WORK_REFUSALS})
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        serializer = SubmissionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        submission = sessions.policy().submit(
            user=request.user,
            session_id=data.get("interview"),
            problem=data["problem"],
            field="code",
            create=lambda interview: services.create_submission(
                user=request.user,
                problem=data["problem"],
                code=data["code"],
                mode=data["mode"],
                custom_input=data.get("custom_input", ""),
                interview=interview,
            ),
        )
        return Response(SubmissionSerializer(submission).data, status=status.HTTP_201_CREATED)


class DraftView(APIView):
    """GET or PUT {"code": ...} the signed-in candidate's draft for a problem."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: DraftSerializer})
    def get(self, request: Request, slug: str) -> Response:
        problem = get_object_or_404(Problem, slug=slug, is_active=True)
        draft = Draft.objects.filter(owner=signed_in(request), problem=problem).first()
        return Response(
            {
                "code": draft.code if draft else problem.starter,
                "saved": draft is not None,
                "updated_at": draft.updated_at if draft else None,
            }
        )

    @extend_schema(request=DraftSerializer, responses={200: DraftSerializer})
    def put(self, request: Request, slug: str) -> Response:
        problem = get_object_or_404(Problem, slug=slug, is_active=True)
        serializer = DraftSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.save_draft(
            user=request.user, problem=problem, code=serializer.validated_data["code"]
        )
        return Response({"code": serializer.validated_data["code"], "saved": True})


