from rest_framework import serializers

from backend.catalog.models import Problem
from backend.submissions.models import Submission


class SubmissionCreateSerializer(serializers.Serializer):
    problem = serializers.SlugRelatedField(
        slug_field="slug", queryset=Problem.objects.filter(is_active=True)
    )
    code = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=200_000)
    mode = serializers.ChoiceField(choices=Submission.Mode.choices)
    custom_input = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, max_length=200_000, default=""
    )
    interview = serializers.IntegerField(required=False, allow_null=True, default=None)


def masked_for_interview(submission: Submission, data: dict) -> dict:
    """During an interview, hidden-case results show only a score until the end."""
    interview = submission.interview
    if interview is None or interview.status != "active" or submission.mode != "submit":
        return data
    data = dict(data)
    data["verdict"] = None
    for key in ("result", "progress"):
        value = data.get(key)
        if isinstance(value, dict):
            value = dict(
                value,
                cases=[c for c in value.get("cases", []) if c.get("sample")],
                verdict=None,
                message="hidden cases are reported after the interview",
            )
        elif isinstance(value, list):
            value = [c for c in value if c.get("sample")]
        data[key] = value
    return data


class SubmissionSerializer(serializers.ModelSerializer):
    problem = serializers.SlugRelatedField(slug_field="slug", read_only=True)

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
        ]
        read_only_fields = fields


class SubmissionListSerializer(serializers.ModelSerializer):
    problem = serializers.SlugRelatedField(slug_field="slug", read_only=True)

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
        ]
        read_only_fields = fields


class DraftSerializer(serializers.Serializer):
    code = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=200_000)
