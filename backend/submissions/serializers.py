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


class SubmissionSerializer(serializers.ModelSerializer):
    problem = serializers.SlugRelatedField(slug_field="slug", read_only=True)

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
