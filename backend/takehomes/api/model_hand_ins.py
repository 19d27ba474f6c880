"""Model hand-ins of an assignment (issue 14): the candidate posts model.onnx, the platform runs
and times it. What comes back is the report (metrics, model card, measured latency, budget),
never the hidden inputs or labels."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.grading.admission import WORK_REFUSALS
from backend.takehomes import access, uploads
from backend.takehomes.api import TAG
from backend.takehomes.api.hand_ins import HandInsView
from backend.takehomes.hand_in_kinds import MODEL
from backend.takehomes.models import ModelHandIn
from backend.takehomes.serializers import HandInLinks


class ModelHandInCreateSerializer(serializers.Serializer):
    model = serializers.FileField(help_text="model.onnx under the template's I/O contract")
    code = serializers.FileField(help_text="a .zip of your code")
    writeup = serializers.FileField(help_text="the write-up, Markdown (or send it as text)")
    reported_latency_ms = serializers.FloatField(
        required=False, allow_null=True, help_text="informational: the platform measures"
    )


class ModelHandInSerializer(HandInLinks, serializers.ModelSerializer):
    status = serializers.CharField(help_text="queued | running | done | failed")
    report = serializers.JSONField()

    class Meta:
        model = ModelHandIn
        fields = [
            "id", "created_at", "is_late", "status", "model_sha256", "code_name",
            "reported_latency_ms", "primary_metric", "primary_value", "p90_ms", "report",
            "plots", "files_url", "error",
        ]  # fmt: skip


class ModelHandInListView(HandInsView):
    """GET: every model hand-in of the assignment. POST (the candidate, multipart): model
    (.onnx), code (.zip), writeup, reported_latency_ms (optional, shown, never scored)."""

    @extend_schema(tags=TAG, responses={200: ModelHandInSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        assignment = access.assignment_or_404(request.user, pk)
        rows = ModelHandIn.objects.filter(assignment=assignment)
        return Response(ModelHandInSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAG,
        request=ModelHandInCreateSerializer,
        responses={201: ModelHandInSerializer, **WORK_REFUSALS},
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.hand_in(
            request, pk, from_form=uploads.model_hand_in_from_form, serializer=ModelHandInSerializer
        )


class ModelHandInDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: ModelHandInSerializer})
    def get(self, request: Request, pk: int, hand_in_id: int) -> Response:
        hand_in = access.hand_in_or_404(request.user, pk, hand_in_id, MODEL)
        return Response(ModelHandInSerializer(hand_in).data)
