from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from backend.grading import artifacts
from backend.reviews.models import Comment
from backend.takehomes.hand_in_kinds import AnyHandIn, kind_of
from backend.takehomes.models import Assignment, HandIn, TakeHome
from backend.takehomes.selectors import hand_ins


class RubricItemSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    points = serializers.FloatField()
    guidance = serializers.CharField(required=False)  # reviewers only


class TakeHomeSerializer(serializers.ModelSerializer):
    rubric = serializers.SerializerMethodField()

    class Meta:
        model = TakeHome
        fields = [
            "slug", "title", "task", "difficulty", "category", "tags", "brief", "rubric",
            "deadline_hours", "late_policy", "leaderboard_visible_to_candidates",
            "latency_budget_ms",
        ]  # fmt: skip

    def get_rubric(self, takehome: TakeHome) -> list[dict[str, Any]]:
        if self.context.get("reviewer"):
            return list(takehome.rubric)
        return [{k: v for k, v in item.items() if k != "guidance"} for item in takehome.rubric]


class AssignmentCreateSerializer(serializers.Serializer):
    takehome = serializers.SlugField()
    candidate = serializers.CharField(help_text="the candidate's username")
    deadline = serializers.DateTimeField(
        required=False, allow_null=True, help_text="default: now + the template's deadline_hours"
    )
    co_reviewers = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="usernames"
    )


class HandInSummarySerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text="queued | running | done | failed")

    class Meta:
        model = HandIn
        fields = [
            "id", "created_at", "is_late", "status", "primary_metric", "primary_value",
            "predictions_name", "code_name", "reported_latency_ms",
        ]  # fmt: skip


class AssignmentSerializer(serializers.ModelSerializer):
    takehome = TakeHomeSerializer()
    candidate = serializers.CharField(source="candidate.username")
    owner = serializers.CharField(source="owner.username")
    co_reviewers = serializers.SerializerMethodField()
    released = serializers.BooleanField()
    role = serializers.SerializerMethodField()
    dataset_url = serializers.SerializerMethodField()
    hand_ins = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = [
            "id", "takehome", "candidate", "owner", "co_reviewers", "deadline", "created_at",
            "released", "released_at", "role", "dataset_url", "hand_ins",
        ]  # fmt: skip

    def get_co_reviewers(self, assignment: Assignment) -> list[str]:
        return [user.username for user in assignment.co_reviewers.all()]

    def get_role(self, assignment: Assignment) -> str:
        user = self.context["request"].user
        return "reviewer" if assignment.is_reviewer(user) else "candidate"

    def get_dataset_url(self, assignment: Assignment) -> str:
        return reverse("api-assignment-dataset", args=[assignment.pk])

    def get_hand_ins(self, assignment: Assignment) -> list[dict[str, Any]]:
        return HandInSummarySerializer(hand_ins(assignment), many=True).data  # type: ignore[return-value]


class HandInCreateSerializer(serializers.Serializer):
    predictions = serializers.FileField(help_text="predictions in the documented format")
    code = serializers.FileField(help_text="a .zip of your code")
    writeup = serializers.FileField(help_text="the write-up, Markdown (or send it as text)")
    reported_latency_ms = serializers.FloatField(
        required=False, allow_null=True, help_text="classification take-homes only"
    )


# The URLs of a hand-in of either kind: its plots and its code archive's files. (A comment, not
# a docstring: drf-spectacular would make it the description of every serializer using it.)
class HandInLinks(serializers.Serializer):
    plots = serializers.SerializerMethodField()
    files_url = serializers.SerializerMethodField()

    def get_plots(self, hand_in: AnyHandIn) -> dict[str, str]:
        url = kind_of(hand_in).plot_api_url
        return {
            name: reverse(url, args=[hand_in.assignment_id, hand_in.pk, name])
            for name in artifacts.names(hand_in)
        }

    def get_files_url(self, hand_in: AnyHandIn) -> str:
        return reverse(kind_of(hand_in).files_api_url, args=[hand_in.assignment_id, hand_in.pk])


class HandInSerializer(HandInLinks, HandInSummarySerializer):
    report = serializers.JSONField()
    writeup = serializers.CharField()
    error = serializers.CharField()

    class Meta(HandInSummarySerializer.Meta):
        fields = [
            *HandInSummarySerializer.Meta.fields, "report", "writeup", "plots", "files_url",
            "error",
        ]  # fmt: skip


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username")
    hand_in = serializers.IntegerField(source="thread.object_id")
    file_path = serializers.CharField(source="thread.file_path")
    line = serializers.IntegerField(source="thread.line", allow_null=True)
    resolved_by = serializers.CharField(source="resolved_by.username", allow_null=True)

    class Meta:
        model = Comment
        fields = [
            "id", "hand_in", "file_path", "line", "parent", "author", "body", "body_html",
            "created_at", "edited_at", "resolved", "resolved_by", "resolved_at",
        ]  # fmt: skip


class CommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20_000, help_text="Markdown")
    file_path = serializers.CharField(required=False, allow_blank=True, max_length=500)
    line = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    parent = serializers.IntegerField(required=False, allow_null=True)  # type: ignore[assignment]


class CommentEditSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20_000)


class ResolveSerializer(serializers.Serializer):
    resolved = serializers.BooleanField(default=True)


class ReviewSerializer(serializers.Serializer):
    scores = serializers.DictField(
        child=serializers.FloatField(), required=False, help_text="rubric item id -> points"
    )
    summary = serializers.CharField(required=False, allow_blank=True, max_length=50_000)
    decision = serializers.ChoiceField(
        choices=["", *Assignment.Decision.values], required=False, allow_blank=True
    )


class LeaderboardRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    username = serializers.CharField()
    primary_metric = serializers.CharField()
    primary_value = serializers.FloatField(allow_null=True)
    handed_in_at = serializers.DateTimeField()
    is_late = serializers.BooleanField()
    assignment_id = serializers.IntegerField(allow_null=True)
    is_you = serializers.BooleanField()


class CodeFileSerializer(serializers.Serializer):
    path = serializers.CharField()
    size = serializers.IntegerField(allow_null=True)
    shown = serializers.BooleanField()
