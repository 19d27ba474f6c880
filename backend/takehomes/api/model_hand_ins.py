"""Model hand-ins of an assignment (issue 14): the candidate posts model.onnx, the platform runs
and times it. What comes back is the report (metrics, model card, measured latency, budget),
never the hidden inputs or labels."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.grading import artifacts
from backend.grading.admission import WorkRateThrottle
from backend.takehomes import access, uploads
from backend.takehomes.api import TAG
from backend.takehomes.hand_in_kinds import MODEL
from backend.takehomes.models import ModelHandIn


class ModelHandInCreateSerializer(serializers.Serializer):
    model = serializers.FileField(help_text="model.onnx under the template's I/O contract")
    code = serializers.FileField(help_text="a .zip of your code")
    writeup = serializers.FileField(help_text="the write-up, Markdown (or send it as text)")
    reported_latency_ms = serializers.FloatField(
        required=False, allow_null=True, help_text="informational: the platform measures"
    )


class ModelHandInSerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text="queued | running | done | failed")
    report = serializers.JSONField()
    plots = serializers.SerializerMethodField()
    files_url = serializers.SerializerMethodField()

    class Meta:
        model = ModelHandIn
        fields = [
            "id", "created_at", "is_late", "status", "model_sha256", "code_name",
            "reported_latency_ms", "primary_metric", "primary_value", "p90_ms", "report",
            "plots", "files_url", "error",
        ]  # fmt: skip

    def get_plots(self, hand_in: ModelHandIn) -> dict[str, str]:
        return {
            name: reverse("api-model-hand-in-plot", args=[hand_in.assignment_id, hand_in.pk, name])
            for name in artifacts.names(hand_in)
        }

    def get_files_url(self, hand_in: ModelHandIn) -> str:
        return reverse(MODEL.files_api_url, args=[hand_in.assignment_id, hand_in.pk])


class ModelHandInListView(APIView):
    """GET: every model hand-in of the assignment. POST (the candidate, multipart): model
    (.onnx), code (.zip), writeup, reported_latency_ms (optional, shown, never scored)."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    def get_throttles(self):  # type: ignore[no-untyped-def]
        return [WorkRateThrottle()] if self.request.method == "POST" else super().get_throttles()

    @extend_schema(tags=TAG, responses={200: ModelHandInSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        assignment = access.assignment_or_404(request.user, pk)
        rows = ModelHandIn.objects.filter(assignment=assignment)
        return Response(ModelHandInSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAG, request=ModelHandInCreateSerializer, responses={201: ModelHandInSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        assignment = access.assignment_or_404(request.user, pk)
        hand_in = uploads.model_hand_in_from_form(
            assignment=assignment,
            user=request.user,
            data=request.data,
            files=request.FILES,
            content_length=int(request.META.get("CONTENT_LENGTH") or 0),
        )
        return Response(ModelHandInSerializer(hand_in).data, status=status.HTTP_201_CREATED)


class ModelHandInDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: ModelHandInSerializer})
    def get(self, request: Request, pk: int, hand_in_id: int) -> Response:
        hand_in = access.hand_in_or_404(request.user, pk, hand_in_id, MODEL)
        return Response(ModelHandInSerializer(hand_in).data)
