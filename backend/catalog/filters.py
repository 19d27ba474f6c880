import django_filters
from django.db.models import QuerySet

from backend.catalog import selectors
from backend.catalog.models import Problem


class ProblemFilter(django_filters.FilterSet):
    category = django_filters.CharFilter()
    difficulty = django_filters.ChoiceFilter(choices=Problem.Difficulty.choices)
    tag = django_filters.CharFilter(method="filter_tag", label="tag")
    search = django_filters.CharFilter(
        method="filter_search", label="search in titles, slugs, tags and aliases"
    )

    class Meta:
        model = Problem
        fields = ["category", "difficulty", "tag", "search"]

    def filter_search(
        self, queryset: QuerySet[Problem], name: str, value: str
    ) -> QuerySet[Problem]:
        return selectors.search(queryset, value)

    def filter_tag(self, queryset: QuerySet[Problem], name: str, value: str) -> QuerySet[Problem]:
        # JSON containment is not portable to SQLite; tags are few, so filter in Python.
        ids = [problem.id for problem in queryset if value in problem.tags]
        return queryset.filter(id__in=ids)
