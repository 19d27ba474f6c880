from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from backend.submissions import services
from backend.submissions.models import Submission
from backend.submissions.serializers import (
    SubmissionCreateSerializer,
    SubmissionListSerializer,
    SubmissionSerializer,
)


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
        queryset = Submission.objects.filter(owner=self.request.user).select_related("problem")
        problem = self.request.query_params.get("problem")
        if problem:
            queryset = queryset.filter(problem__slug=problem)
        return queryset

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        if self.action == "create":
            return SubmissionCreateSerializer
        return SubmissionListSerializer if self.action == "list" else SubmissionSerializer

    @extend_schema(request=SubmissionCreateSerializer, responses={201: SubmissionSerializer})
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        serializer = SubmissionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            submission = services.create_submission(
                user=request.user,
                problem=data["problem"],
                code=data["code"],
                mode=data["mode"],
                custom_input=data.get("custom_input", ""),
            )
        except services.SubmissionRejected as error:
            raise ValidationError({"code": [str(error)]}) from None
        return Response(SubmissionSerializer(submission).data, status=status.HTTP_201_CREATED)
