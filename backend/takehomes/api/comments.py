"""Comments on a hand-in (predictions or a model): list, write, edit, delete, resolve."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.reviews import permissions as review_permissions
from backend.reviews import services as reviews
from backend.reviews.models import Comment
from backend.takehomes import access, comments
from backend.takehomes.api import TAG
from backend.takehomes.hand_in_kinds import HandInKind
from backend.takehomes.serializers import (
    CommentCreateSerializer,
    CommentEditSerializer,
    CommentSerializer,
    ResolveSerializer,
)


class CommentListView(APIView):
    """Comments on a hand-in of either kind (reviewers; the candidate once released). POST
    (reviewers; the candidate once released, to answer): {"body", "file_path"?, "line"?,
    "parent"?} — a reply joins its parent's thread."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: CommentSerializer(many=True)})
    def get(self, request: Request, pk: int, hand_in_id: int, kind: HandInKind) -> Response:
        hand_in = access.hand_in_or_404(request.user, pk, hand_in_id, kind)
        if not review_permissions.can_view(request.user, hand_in):
            return Response([])  # nothing of the review before it is released
        return Response(CommentSerializer(reviews.comments_for(hand_in), many=True).data)

    @extend_schema(tags=TAG, request=CommentCreateSerializer, responses={201: CommentSerializer})
    def post(self, request: Request, pk: int, hand_in_id: int, kind: HandInKind) -> Response:
        hand_in = access.hand_in_or_404(request.user, pk, hand_in_id, kind)
        serializer = CommentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        comment = comments.comment_on(
            hand_in=hand_in,
            author=request.user,
            body=data["body"],
            file_path=data.get("file_path"),
            line=data.get("line"),
            parent_id=data.get("parent"),
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class CommentDetailView(APIView):
    """PATCH {"body"} or DELETE your own comment."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, request=CommentEditSerializer, responses={200: CommentSerializer})
    def patch(self, request: Request, pk: int, comment_id: int) -> Response:
        return _change(
            request,
            pk,
            comment_id,
            CommentEditSerializer,
            lambda comment, data: reviews.edit_comment(
                comment=comment, user=request.user, body=data["body"]
            ),
        )

    @extend_schema(tags=TAG, responses={204: None})
    def delete(self, request: Request, pk: int, comment_id: int) -> Response:
        comment = access.comment_or_404(request.user, pk, comment_id)
        reviews.delete_comment(comment=comment, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommentResolveView(APIView):
    """POST {"resolved": true|false}: resolve or reopen a comment (reviewers; the candidate once
    the review is released)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, request=ResolveSerializer, responses={200: CommentSerializer})
    def post(self, request: Request, pk: int, comment_id: int) -> Response:
        return _change(
            request,
            pk,
            comment_id,
            ResolveSerializer,
            lambda comment, data: reviews.resolve(
                comment=comment, user=request.user, resolved=data["resolved"]
            ),
        )


def _change(
    request: Request,
    pk: int,
    comment_id: int,
    serializer_class: type[serializers.Serializer],
    change: Callable[[Comment, dict[str, Any]], Comment],
) -> Response:
    """An edit or a resolve: find the comment (a 404 for what the user may not see), parse the
    body, apply ``change`` (the service decides who may) and answer with the comment."""
    comment = access.comment_or_404(request.user, pk, comment_id)
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return Response(CommentSerializer(change(comment, serializer.validated_data)).data)
