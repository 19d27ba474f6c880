from typing import Any

from rest_framework import serializers

from backend.catalog.models import Problem
from backend.lib.fields import TextField
from backend.submissions.models import Submission


class SubmissionCreateSerializer(serializers.Serializer):
    problem = serializers.SlugRelatedField(
        slug_field="slug", queryset=Problem.objects.filter(is_active=True)
    )
    code = TextField(allow_blank=True, trim_whitespace=False, max_length=200_000)
    mode = serializers.ChoiceField(choices=Submission.Mode.choices)
    custom_input = TextField(
        required=False, allow_blank=True, trim_whitespace=False, max_length=200_000, default=""
    )
    interview = serializers.IntegerField(required=False, allow_null=True, default=None)


HIDDEN_MESSAGE = "submitted: hidden results at the end"


def masked_for_interview(submission: Submission, data: dict) -> dict:
    """During an interview, a submit shows its sample cases only: no verdict, score, pass count
    or hidden case until the end (``results_hidden`` says so, for the page to say it too)."""
    data = dict(data, results_hidden=submission.results_hidden)
    if not submission.results_hidden:
        return data
    data["verdict"] = None
    data["score"] = None
    result = data.get("result")
    if isinstance(result, dict):
        data["result"] = {
            "cases": [c for c in result.get("cases", []) if c.get("sample")],
            "message": HIDDEN_MESSAGE,
        }
    progress = data.get("progress")
    if isinstance(progress, list):
        data["progress"] = [c for c in progress if c.get("sample")]
    return data


class SubmissionSerializer(serializers.ModelSerializer):
    problem: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    results_hidden = serializers.BooleanField(
        read_only=True, help_text="a submit during a running interview: results at the end"
    )

    def to_representation(self, instance):  # type: ignore[no-untyped-def]
        return masked_for_interview(instance, super().to_representation(instance))

    class Meta:
        model = Submission
        fields = [
            "id",
            "problem",
            "mode",
            "code",
            "custom_input",
            "status",
            "verdict",
            "score",
            "result",
            "progress",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
            "results_hidden",
        ]
        read_only_fields = fields


class SubmissionListSerializer(serializers.ModelSerializer):
    problem: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    results_hidden = serializers.BooleanField(read_only=True)

    def to_representation(self, instance):  # type: ignore[no-untyped-def]
        return masked_for_interview(instance, super().to_representation(instance))

    class Meta:
        model = Submission
        fields = [
            "id",
            "problem",
            "mode",
            "status",
            "verdict",
            "score",
            "created_at",
            "finished_at",
            "results_hidden",
        ]
        read_only_fields = fields


class DraftSerializer(serializers.Serializer):
    code = TextField(allow_blank=True, trim_whitespace=False, max_length=200_000)
