"""The recorder's one endpoint: POST a chunk of editor events during an interview."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.catalog.models import Problem
from backend.interviews.models import Interview
from backend.playback import services


class ChunkSerializer(serializers.Serializer):
    segment = serializers.CharField(max_length=64)
    sent = serializers.IntegerField(help_text="the page's clock when sending, ms since the epoch")
    events = serializers.ListField(
        child=serializers.DictField(), allow_empty=False, max_length=20000
    )


class RecordingChunkView(APIView):
    """Append editor events (changes as CodeMirror ChangeSet JSON, time away) to the recording
    of one problem of the caller's running interview."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=ChunkSerializer, responses={204: None})
    def post(self, request: Request, pk: int, slug: str) -> Response:
        interview = get_object_or_404(Interview, pk=pk, candidate=request.user)
        problem = get_object_or_404(Problem, slug=slug)
        chunk = ChunkSerializer(data=request.data)
        chunk.is_valid(raise_exception=True)
        try:
            services.append_chunk(
                interview=interview,
                problem=problem,
                segment=chunk.validated_data["segment"],
                sent=chunk.validated_data["sent"],
                # as sent: the replay checks their shape
                events=list(request.data["events"]),  # type: ignore[call-overload]
            )
        except services.RecordingRejected as error:
            return Response({"detail": str(error)}, status=error.status)
        return Response(status=204)
