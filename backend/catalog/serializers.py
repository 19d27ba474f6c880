from rest_framework import serializers

from backend.catalog.models import Problem
from backend.lib.markdown import render_markdown


class ProblemListSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()

    class Meta:
        model = Problem
        fields = ["slug", "title", "difficulty", "category", "tags", "status"]

    def get_status(self, problem: Problem) -> str | None:
        return self.context.get("status", {}).get(problem.id)


class ProblemDetailSerializer(serializers.ModelSerializer):
    """Statement, starter, limits and samples. Hidden cases and the reference are never here:
    the model does not even store them."""

    statement_html = serializers.SerializerMethodField()

    class Meta:
        model = Problem
        fields = [
            "slug",
            "title",
            "difficulty",
            "category",
            "tags",
            "entry",
            "statement",
            "statement_html",
            "starter",
            "time_limit",
            "memory_limit_mb",
            "samples",
        ]

    def get_statement_html(self, problem: Problem) -> str:
        return render_markdown(problem.statement)
