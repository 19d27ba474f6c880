from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.catalog.filters import ProblemFilter
from backend.catalog.models import Problem
from backend.designs import services
from backend.designs.models import DesignDraft, DesignSubmission
from backend.designs.packages import package_for
from backend.designs.selectors import answer_unlocked, design_prompts, my_designs
from backend.designs.serializers import (
    DesignDraftSerializer,
    DesignPromptListSerializer,
    DesignPromptSerializer,
    DesignSubmissionCreateSerializer,
    DesignSubmissionListSerializer,
    DesignSubmissionSerializer,
    SelfAssessmentSerializer,
    SpecCheckSerializer,
)
from backend.grading import sessions
from backend.grading.admission import WORK_REFUSALS, WorkRateThrottle
from backend.lib.users import signed_in


class DesignPromptViewSet(viewsets.ReadOnlyModelViewSet):
    """System-design prompts: requirements, rubric titles, and the starter spec."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"  # a slug; the schema then says so
    permission_classes = [permissions.AllowAny]
    # the catalog's filters: category, difficulty, tag, and search in titles, slugs and tags
    filterset_class = ProblemFilter

    def get_queryset(self) -> QuerySet[Problem]:
        return design_prompts()

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return DesignPromptListSerializer if self.action == "list" else DesignPromptSerializer


class ComponentCatalogView(APIView):
    """The component catalog (illustrative figures) that pipeline specs draw from."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={200: dict})
    def get(self, request: Request) -> Response:
        from graders.design import load_catalog

        return Response(load_catalog().to_json())


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("problem", str, description="only this prompt's (its slug)")
]))
class DesignSubmissionViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Hand in a design (write-up + pipeline spec as an object or YAML); read its simulation
    report; list mine (?problem=<slug>). A bad spec gets 400 with errors keyed by field path."""

    permission_classes = [permissions.IsAuthenticated]
    queryset = DesignSubmission.objects.none()

    def get_queryset(self) -> QuerySet[DesignSubmission]:
        if getattr(self, "swagger_fake_view", False):
            return DesignSubmission.objects.none()
        queryset = my_designs(self.request.user)
        problem = self.request.query_params.get("problem")
        return queryset.filter(problem__slug=problem) if problem else queryset

    def get_throttles(self):  # type: ignore[no-untyped-def]
        return [WorkRateThrottle()] if self.action == "create" else super().get_throttles()

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        if self.action == "create":
            return DesignSubmissionCreateSerializer
        if self.action == "self_assessment":
            return SelfAssessmentSerializer
        return DesignSubmissionListSerializer if self.action == "list" else (
            DesignSubmissionSerializer
        )

    @extend_schema(request=DesignSubmissionCreateSerializer,
                   responses={201: DesignSubmissionSerializer, **WORK_REFUSALS})
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        serializer = DesignSubmissionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        submission = sessions.policy().submit(
            user=request.user,
            session_id=data.get("interview"),
            problem=data["problem"],
            field=None,
            create=lambda interview: services.create_design_submission(
                user=request.user,
                problem=data["problem"],
                write_up=data["write_up"],
                spec=data["spec_yaml"] if "spec_yaml" in data else data["spec"],
                interview=interview,
            ),
        )
        return Response(DesignSubmissionSerializer(submission).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=SelfAssessmentSerializer, responses={200: DesignSubmissionSerializer})
    @action(detail=True, methods=["post"], url_path="self-assessment")
    def self_assessment(self, request: Request, pk: str | None = None) -> Response:
        """Score your own design against the rubric, once the model answer is shown."""
        submission = self.get_object()
        if not answer_unlocked(request.user, submission.problem):
            raise ValidationError({"detail": "the rubric opens once the interview has ended"})
        serializer = SelfAssessmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.save_self_assessment(submission, serializer.validated_data["scores"])
        return Response(DesignSubmissionSerializer(submission).data)


class DesignDraftView(APIView):
    """GET or PUT {"write_up", "spec_yaml"}: the candidate's autosaved work on a prompt."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: DesignDraftSerializer})
    def get(self, request: Request, slug: str) -> Response:
        problem = get_object_or_404(design_prompts(), slug=slug)
        draft = DesignDraft.objects.filter(owner=signed_in(request), problem=problem).first()
        return Response({
            "write_up": draft.write_up if draft else "",
            "spec_yaml": draft.spec_yaml if draft else problem.starter,
            "saved": draft is not None,
        })

    @extend_schema(request=DesignDraftSerializer, responses={200: DesignDraftSerializer})
    def put(self, request: Request, slug: str) -> Response:
        problem = get_object_or_404(design_prompts(), slug=slug)
        serializer = DesignDraftSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.save_draft(user=request.user, problem=problem, **serializer.validated_data)
        return Response({**serializer.validated_data, "saved": True})


CHECKED_SPEC = inline_serializer("CheckedSpec", {
    "spec": serializers.DictField(help_text="the spec with every default filled in"),
    "yaml": serializers.CharField(),
})


class SpecCheckView(APIView):
    """POST {"spec" | "spec_yaml"}: check a spec against a prompt without handing it in."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=SpecCheckSerializer, responses={200: CHECKED_SPEC})
    def post(self, request: Request, slug: str) -> Response:
        problem = get_object_or_404(design_prompts(), slug=slug)
        body = SpecCheckSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        spec = body.validated_data.get("spec_yaml", body.validated_data.get("spec"))
        from graders.design import SpecError

        try:
            checked = package_for(problem).check_spec(spec)
        except SpecError as error:
            raise ValidationError({"spec": error.errors}) from None
        return Response({"spec": checked.to_json(), "yaml": checked.to_yaml()})


