from typing import Any

from rest_framework import serializers

from backend.catalog.models import Problem
from backend.designs.models import DesignSubmission
from backend.designs.selectors import answer_for, answer_unlocked
from backend.lib.fields import TextField
from backend.lib.markdown import render_markdown


class DesignPromptListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Problem
        fields = ["slug", "title", "difficulty", "category", "tags"]


class DesignPromptSerializer(serializers.ModelSerializer):
    """The prompt, its requirements and rubric titles; the model answer and the rubric's
    guidance only once the candidate has submitted a design of their own."""

    prompt = serializers.CharField(source="statement")
    prompt_html = serializers.SerializerMethodField()
    requirements = serializers.SerializerMethodField()
    rubric = serializers.SerializerMethodField()
    starter_spec = serializers.CharField(source="starter")
    model_answer = serializers.SerializerMethodField()

    class Meta:
        model = Problem
        fields = ["slug", "title", "difficulty", "category", "tags", "prompt", "prompt_html",
                  "requirements", "rubric", "starter_spec", "model_answer"]

    def get_prompt_html(self, problem: Problem) -> str:
        return render_markdown(problem.statement)

    def get_requirements(self, problem: Problem) -> dict[str, Any]:
        return dict(problem.details.get("requirements", {}))

    def get_rubric(self, problem: Problem) -> list[dict[str, Any]]:
        return list(problem.details.get("rubric", []))

    def get_model_answer(self, problem: Problem) -> dict[str, Any] | None:
        request = self.context.get("request")
        if request is None or not answer_unlocked(request.user, problem):
            return None
        answer = answer_for(problem)
        if answer is None:
            return None
        return {
            "markdown": answer.model_answer,
            "html": render_markdown(answer.model_answer),
            "spec": answer.model_spec,
            "rubric": answer.rubric,
        }


class DesignSubmissionCreateSerializer(serializers.Serializer):
    problem = serializers.SlugRelatedField(
        slug_field="slug", queryset=Problem.objects.filter(is_active=True, kind=Problem.Kind.DESIGN)
    )
    write_up = TextField(allow_blank=True, trim_whitespace=False, max_length=200_000)
    spec = serializers.JSONField(required=False, help_text="the pipeline spec as an object")
    spec_yaml = TextField(
        required=False, trim_whitespace=False, max_length=200_000,
        help_text="the pipeline spec as YAML (instead of spec)",
    )
    interview = serializers.IntegerField(required=False, allow_null=True, default=None)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if ("spec" in data) == ("spec_yaml" in data):
            raise serializers.ValidationError({"spec": ["give exactly one of spec or spec_yaml"]})
        return data


class SpecCheckSerializer(serializers.Serializer):
    spec = serializers.JSONField(required=False, help_text="the pipeline spec as an object")
    spec_yaml = serializers.CharField(
        required=False, trim_whitespace=False, max_length=200_000,
        help_text="the pipeline spec as YAML (instead of spec)",
    )


class DesignSubmissionSerializer(serializers.ModelSerializer):
    problem: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    plots = serializers.SerializerMethodField()

    class Meta:
        model = DesignSubmission
        fields = ["id", "problem", "interview", "automatic", "write_up", "spec", "spec_errors",
                  "status", "score", "report", "plots", "error", "self_assessment",
                  "self_assessed_at", "created_at", "finished_at"]
        read_only_fields = fields

    def get_plots(self, submission: DesignSubmission) -> dict[str, str]:
        if submission.status != DesignSubmission.Status.DONE:
            return {}
        return {name: f"/api/design-submissions/{submission.id}/plots/{name}.png"
                for name in ("latency", "utilisation")}


class DesignSubmissionListSerializer(serializers.ModelSerializer):
    problem: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = DesignSubmission
        fields = ["id", "problem", "interview", "status", "score", "created_at", "finished_at"]
        read_only_fields = fields


class SelfAssessmentSerializer(serializers.Serializer):
    scores = serializers.DictField(child=serializers.JSONField(),
                                   help_text="rubric item id -> points (0..item points)")


class DesignDraftSerializer(serializers.Serializer):
    write_up = TextField(allow_blank=True, trim_whitespace=False, max_length=200_000)
    spec_yaml = TextField(allow_blank=True, trim_whitespace=False, max_length=200_000)
