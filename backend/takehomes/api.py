"""The take-home API: templates, assignments, hand-ins, code, comments, review, leaderboard.

Visibility is decided in access.py; anything a user may not see is a 404, anything they may
see but not do is a 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts import roles
from backend.grading.admission import WorkRateThrottle
from backend.lib.pagination import BoundedLimitOffsetPagination
from backend.reviews import permissions as review_permissions
from backend.reviews import services as reviews
from backend.reviews.models import Comment
from backend.takehomes import access, selectors, services
from backend.takehomes.models import Assignment, HandIn, TakeHome
from backend.takehomes.serializers import (
    AssignmentCreateSerializer,
    AssignmentSerializer,
    CodeFileSerializer,
    CommentCreateSerializer,
    CommentEditSerializer,
    CommentSerializer,
    HandInCreateSerializer,
    HandInSerializer,
    HandInSummarySerializer,
    LeaderboardRowSerializer,
    ResolveSerializer,
    ReviewSerializer,
    TakeHomeSerializer,
)

TAG = ["take-homes"]


def visible_takehomes(user: Any) -> Any:
    active = TakeHome.objects.filter(is_active=True)
    if roles.is_reviewer(user):
        return active
    return active.filter(assignments__candidate=user).distinct()


def get_assignment(request: Request, pk: int) -> Assignment:
    return get_object_or_404(access.visible_assignments(request.user), pk=pk)


def get_hand_in(request: Request, pk: int, hand_in_id: int) -> HandIn:
    assignment = get_assignment(request, pk)
    return get_object_or_404(
        HandIn.objects.select_related("assignment__takehome"), pk=hand_in_id, assignment=assignment
    )


def require_reviewer(request: Request, assignment: Assignment) -> None:
    if not access.reviews(request.user, assignment):
        raise PermissionDenied("only the assignment's reviewers may do this")


class TakeHomeListView(APIView):
    """Take-home templates: every active one for reviewers, the ones assigned to you otherwise."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: TakeHomeSerializer(many=True)})
    def get(self, request: Request) -> Response:
        context = {"reviewer": roles.is_reviewer(request.user)}
        return Response(
            TakeHomeSerializer(visible_takehomes(request.user), many=True, context=context).data
        )


class TakeHomeDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: TakeHomeSerializer})
    def get(self, request: Request, slug: str) -> Response:
        takehome = get_object_or_404(visible_takehomes(request.user), slug=slug)
        context = {"reviewer": roles.is_reviewer(request.user)}
        return Response(TakeHomeSerializer(takehome, context=context).data)


class LeaderboardView(APIView):
    """Latest graded hand-in per assignment, ranked by the primary metric. Reviewers always;
    candidates with an assignment of it only if the template allows, and only names and
    numbers (no links to other candidates' work)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: LeaderboardRowSerializer(many=True)})
    def get(self, request: Request, slug: str) -> Response:
        takehome = get_object_or_404(TakeHome, slug=slug)
        if not selectors.leaderboard_visible(request.user, takehome):
            raise Http404
        rows = selectors.leaderboard(takehome, request.user)
        return Response(LeaderboardRowSerializer(rows, many=True).data)


class CoReviewerSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)


class AssignmentListView(APIView):
    """GET: assignments you are the candidate or a reviewer of. POST (reviewers): assign."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        tags=TAG,
        operation_id="assignments_list",
        parameters=[
            OpenApiParameter("limit", int, description="page size (at most 200)"),
            OpenApiParameter("offset", int),
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
            raise PermissionDenied("only reviewers assign take-homes")
        serializer = AssignmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        takehome = TakeHome.objects.filter(slug=data["takehome"], is_active=True).first()
        if takehome is None:
            raise ValidationError({"takehome": ["no such take-home"]})
        users = get_user_model().objects
        candidate = users.filter(username=data["candidate"]).first()
        if candidate is None:
            raise ValidationError({"candidate": ["no such user"]})
        co_reviewers = []
        for username in data.get("co_reviewers", []):
            user = users.filter(username=username).first()
            if user is None:
                raise ValidationError({"co_reviewers": [f"no user named {username!r}"]})
            co_reviewers.append(user)
        assignment = services.create_assignment(
            reviewer=request.user,
            takehome=takehome,
            candidate=candidate,
            deadline=data.get("deadline"),
            co_reviewers=co_reviewers,
        )
        context = {"request": request, "reviewer": True}
        return Response(
            AssignmentSerializer(assignment, context=context).data, status=status.HTTP_201_CREATED
        )


class AssignmentDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: AssignmentSerializer})
    def get(self, request: Request, pk: int) -> Response:
        assignment = get_assignment(request, pk)
        context = {"request": request, "reviewer": access.reviews(request.user, assignment)}
        return Response(AssignmentSerializer(assignment, context=context).data)


class CoReviewerView(APIView):
    """POST {"username"} (the assignment's reviewers): add a co-reviewer."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        tags=TAG,
        request=CoReviewerSerializer,
        responses={200: AssignmentSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        assignment = get_assignment(request, pk)
        require_reviewer(request, assignment)
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
        assignment = get_assignment(request, pk)
        path = services.dataset_zip(assignment.takehome)
        return FileResponse(
            path.open("rb"),
            as_attachment=True,
            filename=f"{assignment.takehome.slug}-data.zip",
            content_type="application/zip",
        )


class HandInListView(APIView):
    """GET: every hand-in of the assignment (all are kept; the latest counts).
    POST (the candidate, multipart): predictions, code (.zip), writeup (Markdown file or
    text), reported_latency_ms (classification). Refused after the deadline when the
    template's late policy is "refuse"; marked late when it is "mark"."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    def get_throttles(self):  # type: ignore[no-untyped-def]
        return [WorkRateThrottle()] if self.request.method == "POST" else super().get_throttles()

    @extend_schema(tags=TAG, responses={200: HandInSummarySerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        assignment = get_assignment(request, pk)
        return Response(HandInSummarySerializer(selectors.hand_ins(assignment), many=True).data)

    @extend_schema(tags=TAG, request=HandInCreateSerializer, responses={201: HandInSerializer})
    def post(self, request: Request, pk: int) -> Response:
        assignment = get_assignment(request, pk)
        hand_in = hand_in_from_request(request, assignment)
        return Response(HandInSerializer(hand_in).data, status=status.HTTP_201_CREATED)


def hand_in_from_request(request: Any, assignment: Assignment) -> HandIn:
    """Shared by the API and the page: parse the multipart form, call the service."""
    if not access.is_candidate(request.user, assignment):
        raise PermissionDenied("only the candidate hands in")
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > services.limit("CVPREP_TAKEHOME_MAX_REQUEST_BYTES"):
        raise ValidationError({"detail": "the hand-in is too large"})
    files, data = request.FILES, request.data if hasattr(request, "data") else request.POST
    # The page offers a text box and a file input under the one name; an empty file input
    # still posts "" as a field, so the text typed is the first non-blank value.
    texts = data.getlist("writeup") if hasattr(data, "getlist") else [data.get("writeup", "")]
    typed = next((text for text in texts if isinstance(text, str) and text.strip()), "")
    writeup: str | bytes = typed if "writeup" not in files else b""
    if "writeup" in files:
        upload = files["writeup"]
        max_bytes = services.limit("CVPREP_TAKEHOME_MAX_WRITEUP_BYTES")
        if upload.size > max_bytes:
            raise ValidationError({"writeup": [f"over the {max_bytes} byte limit"]})
        writeup = upload.read()
    latency_text = str(data.get("reported_latency_ms") or "").strip()
    latency = None
    if latency_text:
        try:
            latency = float(latency_text)
        except ValueError:
            raise ValidationError({"reported_latency_ms": ["must be a number"]}) from None
    return services.hand_in(
        assignment=assignment,
        user=request.user,
        predictions=files.get("predictions"),
        code=files.get("code"),
        writeup=writeup,
        reported_latency_ms=latency,
    )


class HandInDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: HandInSerializer})
    def get(self, request: Request, pk: int, hand_in_id: int) -> Response:
        return Response(HandInSerializer(get_hand_in(request, pk, hand_in_id)).data)


class CodeFileListView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: CodeFileSerializer(many=True)})
    def get(self, request: Request, pk: int, hand_in_id: int) -> Response:
        hand_in = get_hand_in(request, pk, hand_in_id)
        return Response(CodeFileSerializer(selectors.code_files(hand_in), many=True).data)


class CodeFileView(APIView):
    """One file of the code archive: its lines highlighted (HTML, escaped), or why not shown."""

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
    def get(self, request: Request, pk: int, hand_in_id: int, path: str) -> Response:
        hand_in = get_hand_in(request, pk, hand_in_id)
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


class CommentListView(APIView):
    """Comments on a hand-in (reviewers; the candidate once released). POST (reviewers; the
    candidate once released, to answer): {"body", "file_path"?, "line"?, "parent"?} — a reply
    joins its parent's thread."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: CommentSerializer(many=True)})
    def get(self, request: Request, pk: int, hand_in_id: int) -> Response:
        hand_in = get_hand_in(request, pk, hand_in_id)
        if not review_permissions.can_view(request.user, hand_in):
            return Response([])  # nothing of the review before it is released
        return Response(CommentSerializer(reviews.comments_for(hand_in), many=True).data)

    @extend_schema(tags=TAG, request=CommentCreateSerializer, responses={201: CommentSerializer})
    def post(self, request: Request, pk: int, hand_in_id: int) -> Response:
        hand_in = get_hand_in(request, pk, hand_in_id)
        serializer = CommentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        comment = add_comment(request, hand_in, data)
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


def add_comment(request: Any, hand_in: HandIn, data: dict[str, Any]) -> Comment:
    parent = None
    if data.get("parent"):
        parent = reviews.comments_for(hand_in).filter(pk=data["parent"]).first()
        if parent is None:
            raise ValidationError({"parent": ["no such comment on this hand-in"]})
    file_path = data.get("file_path") or None
    line = data.get("line")
    if file_path:
        view = selectors.code_view(hand_in, file_path)
        if view is None:
            raise ValidationError({"file_path": ["no such file in the code archive"]})
        if line is not None and view.shown and line > len(view.lines):
            raise ValidationError({"line": [f"{file_path} has {len(view.lines)} lines"]})
    return reviews.add_comment(
        target=hand_in,
        author=request.user,
        body=data["body"],
        file_path=file_path,
        line=line,
        parent=parent,
    )


def get_comment(request: Request, pk: int, comment_id: int) -> Comment:
    """A comment on one of the assignment's hand-ins that the user may see."""
    assignment = get_assignment(request, pk)
    comment = get_object_or_404(
        Comment.objects.select_related("thread"),
        pk=comment_id,
        thread__content_type__app_label="takehomes",
        thread__content_type__model="handin",
        thread__object_id__in=assignment.hand_ins.values("id"),
    )
    if not review_permissions.can_view(request.user, comment.thread.target):
        raise Http404
    return comment


class CommentDetailView(APIView):
    """PATCH {"body"} or DELETE your own comment."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, request=CommentEditSerializer, responses={200: CommentSerializer})
    def patch(self, request: Request, pk: int, comment_id: int) -> Response:
        comment = get_comment(request, pk, comment_id)
        serializer = CommentEditSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = reviews.edit_comment(
            comment=comment, user=request.user, body=serializer.validated_data["body"]
        )
        return Response(CommentSerializer(comment).data)

    @extend_schema(tags=TAG, responses={204: None})
    def delete(self, request: Request, pk: int, comment_id: int) -> Response:
        comment = get_comment(request, pk, comment_id)
        reviews.delete_comment(comment=comment, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommentResolveView(APIView):
    """POST {"resolved": true|false}: resolve or reopen a comment (reviewers; the candidate once
    the review is released)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, request=ResolveSerializer, responses={200: CommentSerializer})
    def post(self, request: Request, pk: int, comment_id: int) -> Response:
        comment = get_comment(request, pk, comment_id)
        serializer = ResolveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = reviews.resolve(
            comment=comment, user=request.user, resolved=serializer.validated_data["resolved"]
        )
        return Response(CommentSerializer(comment).data)


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


def review_payload(request: Request, assignment: Assignment) -> dict[str, Any]:
    state = selectors.review_state(assignment)
    if not access.reviews(request.user, assignment):
        # The candidate reads scores and the summary, not the hiring decision or guidance.
        state.pop("decision")
        state["rubric"] = [
            {k: v for k, v in item.items() if k != "guidance"} for item in state["rubric"]
        ]
    return state


class ReviewView(APIView):
    """GET the review (reviewers; the candidate once released, without the decision).
    PUT (reviewers) {"scores": {item: points}, "summary", "decision"}; all optional."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: REVIEW_STATE})
    def get(self, request: Request, pk: int) -> Response:
        assignment = get_assignment(request, pk)
        if not access.sees_review(request.user, assignment):
            raise PermissionDenied("the review is not released yet")
        return Response(review_payload(request, assignment))

    @extend_schema(tags=TAG, request=ReviewSerializer, responses={200: REVIEW_STATE})
    def put(self, request: Request, pk: int) -> Response:
        assignment = get_assignment(request, pk)
        require_reviewer(request, assignment)
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "scores" in data:
            services.score_rubric(assignment=assignment, user=request.user, scores=data["scores"])
        services.write_summary(
            assignment=assignment,
            user=request.user,
            summary=data.get("summary"),
            decision=data.get("decision"),
        )
        return Response(review_payload(request, assignment))


class ReleaseView(APIView):
    """POST (reviewers): show the candidate the comments, scores and summary."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, request=None, responses={200: REVIEW_STATE})
    def post(self, request: Request, pk: int) -> Response:
        assignment = get_assignment(request, pk)
        require_reviewer(request, assignment)
        services.release(assignment=assignment, user=request.user)
        return Response(review_payload(request, assignment))
