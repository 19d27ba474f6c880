"""The problem list, a random unsolved problem, study paths; the problems API's routes."""

from django.urls import path

from backend.catalog import views
from backend.catalog.api import ProblemViewSet

urlpatterns = [
    path("", views.problem_list, name="problem-list"),
    # Before submissions' problems/<slug>/ (the practice page), which would take "random".
    path("problems/random/", views.random_unsolved, name="problem-random"),
    path("study/<slug:slug>/", views.study_path, name="study-path"),
]

# (prefix, viewset, basename) for the one API router in backend/config/urls.py.
api_routes = [("problems", ProblemViewSet, "api-problem")]
