"""An assignment's review: rubric scores, summary, decision, and its release."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.lib.errors import Forbidden
from backend.takehomes import access, selectors, services
from backend.takehomes.api import TAG
from backend.takehomes.serializers import ReviewSerializer

REVIEW_STATE = inline_serializer(
    "ReviewState",
    {
        "rubric": serializers.ListField(child=serializers.DictField()),
        "total": serializers.FloatField(allow_null=True),
        "max_total": serializers.FloatField(),
        "summary": serializers.CharField(),
        "decision": serializers.CharField(),
        "released_at": serializers.DateTimeField(allow_null=True),
    },
)


class ReviewView(APIView):
    """GET the review (reviewers; the candidate once released, without the decision).
    PUT (reviewers) {"scores": {item: points}, "summary", "decision"}; all optional."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: REVIEW_STATE})
    def get(self, request: Request, pk: int) -> Response:
        assignment = access.assignment_or_404(request.user, pk)
        if not access.sees_review(request.user, assignment):
            raise Forbidden("the review is not released yet")
        return Response(selectors.review_for(request.user, assignment))

    @extend_schema(tags=TAG, request=ReviewSerializer, responses={200: REVIEW_STATE})
    def put(self, request: Request, pk: int) -> Response:
        assignment = access.assignment_or_404(request.user, pk)
        if not access.reviews(request.user, assignment):
            # Before parsing, as before: a candidate's PUT is a 403 whatever it holds.
            raise Forbidden("only the assignment's reviewers may do this")
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.save_review(
            assignment=assignment,
            user=request.user,
            scores=data.get("scores"),
            summary=data.get("summary"),
            decision=data.get("decision"),
        )
        return Response(selectors.review_for(request.user, assignment))


class ReleaseView(APIView):
    """POST (reviewers): show the candidate the comments, scores and summary."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, request=None, responses={200: REVIEW_STATE})
    def post(self, request: Request, pk: int) -> Response:
        assignment = access.assignment_or_404(request.user, pk)
        services.release(assignment=assignment, user=request.user)
        return Response(selectors.review_for(request.user, assignment))
