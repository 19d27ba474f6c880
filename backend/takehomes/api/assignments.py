"""Assignments: list, assign, read one, add a co-reviewer, download the data."""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts import roles
from backend.lib.errors import Forbidden
from backend.lib.pagination import BoundedLimitOffsetPagination, pagination_parameters
from backend.takehomes import access, services
from backend.takehomes.api import TAG
from backend.takehomes.serializers import AssignmentCreateSerializer, AssignmentSerializer


class CoReviewerSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)


class AssignmentListView(APIView):
    """GET: assignments you are the candidate or a reviewer of. POST (reviewers): assign."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        tags=TAG,
        operation_id="assignments_list",
        parameters=[
            OpenApiParameter(p["name"], p["schema"], description=p["description"])
            for p in pagination_parameters()
        ],
        responses={
            200: inline_serializer(
                "PaginatedAssignments",
                {
                    "count": serializers.IntegerField(),
                    "next": serializers.URLField(allow_null=True),
                    "previous": serializers.URLField(allow_null=True),
                    "results": AssignmentSerializer(many=True),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        assignments = access.visible_assignments(request.user).prefetch_related("co_reviewers")
        context = {"request": request, "reviewer": roles.is_reviewer(request.user)}
        paginator = BoundedLimitOffsetPagination()
        page = paginator.paginate_queryset(assignments, request, view=self)
        data = AssignmentSerializer(page, many=True, context=context).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        tags=TAG, request=AssignmentCreateSerializer, responses={201: AssignmentSerializer}
    )
    def post(self, request: Request) -> Response:
        if not roles.is_reviewer(request.user):
            # Before parsing: someone who may not assign learns nothing of the form.
            raise Forbidden("only reviewers assign take-homes")
        serializer = AssignmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assignment = services.assign(
            reviewer=request.user,
            takehome_slug=data["takehome"],
            candidate_username=data["candidate"],
            co_reviewer_usernames=data.get("co_reviewers", []),
            deadline=data.get("deadline"),
        )
        context = {"request": request, "reviewer": True}
        return Response(
            AssignmentSerializer(assignment, context=context).data, status=status.HTTP_201_CREATED
        )


class AssignmentDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: AssignmentSerializer})
    def get(self, request: Request, pk: int) -> Response:
        assignment = access.assignment_or_404(request.user, pk)
        context = {"request": request, "reviewer": access.reviews(request.user, assignment)}
        return Response(AssignmentSerializer(assignment, context=context).data)


class CoReviewerView(APIView):
    """POST {"username"} (the assignment's reviewers): add a co-reviewer."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, request=CoReviewerSerializer, responses={200: AssignmentSerializer})
    def post(self, request: Request, pk: int) -> Response:
        assignment = access.assignment_or_404(request.user, pk)
        if not access.reviews(request.user, assignment):
            raise Forbidden("only the assignment's reviewers may do this")
        serializer = CoReviewerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.add_co_reviewer(
            assignment=assignment, by=request.user, username=serializer.validated_data["username"]
        )
        context = {"request": request, "reviewer": True}
        return Response(AssignmentSerializer(assignment, context=context).data)


class DatasetView(APIView):
    """The candidate's data zip (train/val with labels, test images without)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={(200, "application/zip"): OpenApiResponse(bytes)})
    def get(self, request: Request, pk: int) -> FileResponse:
        assignment = access.assignment_or_404(request.user, pk)
        path = services.dataset_zip(assignment.takehome)
        return FileResponse(
            path.open("rb"),
            as_attachment=True,
            filename=f"{assignment.takehome.slug}-data.zip",
            content_type="application/zip",
        )
