from django.db.models import QuerySet
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from backend.catalog.filters import ProblemFilter
from backend.catalog.models import Problem
from backend.catalog.selectors import active_problems, problem_status_for
from backend.catalog.serializers import ProblemDetailSerializer, ProblemListSerializer


class ProblemViewSet(viewsets.ReadOnlyModelViewSet):
    """The catalog: list (filter by category, difficulty, tag; search by title, slug, tags and
    aliases) and detail."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"  # a slug; the schema then says so
    permission_classes = [AllowAny]
    filterset_class = ProblemFilter

    def get_queryset(self) -> QuerySet[Problem]:
        return active_problems()

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return ProblemListSerializer if self.action == "list" else ProblemDetailSerializer

    def get_serializer_context(self):  # type: ignore[no-untyped-def]
        context = dict(super().get_serializer_context())
        context["status"] = problem_status_for(self.request.user)
        return context
