"""Hand-ins of an assignment, and the files of a hand-in's code archive (predictions or model
hand-ins alike)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.grading.admission import WORK_REFUSALS, WorkRateThrottle
from backend.takehomes import access, selectors, uploads
from backend.takehomes.api import TAG
from backend.takehomes.hand_in_kinds import AnyHandIn, HandInKind
from backend.takehomes.serializers import (
    CodeFileSerializer,
    HandInCreateSerializer,
    HandInSerializer,
    HandInSummarySerializer,
)


class HandInsView(APIView):
    """The hand-ins of an assignment, of one kind (predictions here, a model in
    model_hand_ins.py): a multipart POST, under the work rate, read by the kind's form reader."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [MultiPartParser]  # files: a form without them is a 415, not a 400

    def get_throttles(self):  # type: ignore[no-untyped-def]
        return [WorkRateThrottle()] if self.request.method == "POST" else super().get_throttles()

    def hand_in(
        self,
        request: Request,
        pk: int,
        *,
        from_form: Callable[..., AnyHandIn],
        serializer: Callable[[Any], serializers.BaseSerializer],
    ) -> Response:
        assignment = access.assignment_or_404(request.user, pk)
        created = from_form(
            assignment=assignment,
            user=request.user,
            data=request.data,
            files=request.FILES,
            content_length=uploads.declared_length(request),
        )
        return Response(serializer(created).data, status=status.HTTP_201_CREATED)


class HandInListView(HandInsView):
    """GET: every hand-in of the assignment (all are kept; the latest counts).
    POST (the candidate, multipart): predictions, code (.zip), writeup (Markdown file or
    text), reported_latency_ms (classification). Refused after the deadline when the
    template's late policy is "refuse"; marked late when it is "mark"."""

    @extend_schema(tags=TAG, responses={200: HandInSummarySerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        assignment = access.assignment_or_404(request.user, pk)
        return Response(HandInSummarySerializer(selectors.hand_ins(assignment), many=True).data)

    @extend_schema(
        tags=TAG, request=HandInCreateSerializer, responses={201: HandInSerializer, **WORK_REFUSALS}
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.hand_in(
            request, pk, from_form=uploads.hand_in_from_form, serializer=HandInSerializer
        )


class HandInDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: HandInSerializer})
    def get(self, request: Request, pk: int, hand_in_id: int) -> Response:
        return Response(HandInSerializer(access.hand_in_or_404(request.user, pk, hand_in_id)).data)


class CodeFileListView(APIView):
    """The files of a hand-in's code archive (either kind: the urls pass it)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: CodeFileSerializer(many=True)})
    def get(self, request: Request, pk: int, hand_in_id: int, kind: HandInKind) -> Response:
        hand_in = access.hand_in_or_404(request.user, pk, hand_in_id, kind)
        return Response(CodeFileSerializer(selectors.code_files(hand_in), many=True).data)


class CodeFileView(APIView):
    """One file of a hand-in's code archive (either kind): its lines highlighted (HTML,
    escaped), or why not shown."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        tags=TAG,
        responses={
            200: inline_serializer(
                "CodeFileContent",
                {
                    "path": serializers.CharField(),
                    "shown": serializers.BooleanField(),
                    "reason": serializers.CharField(),
                    "lines": serializers.ListField(child=serializers.DictField()),
                },
            )
        },
    )
    def get(
        self, request: Request, pk: int, hand_in_id: int, path: str, kind: HandInKind
    ) -> Response:
        hand_in = access.hand_in_or_404(request.user, pk, hand_in_id, kind)
        view = selectors.code_view(hand_in, path)
        if view is None:
            raise Http404
        return Response(
            {
                "path": view.path,
                "shown": view.shown,
                "reason": view.reason,
                "lines": [{"number": line.number, "html": line.html} for line in view.lines],
            }
        )
