"""The practice page, submission pages, the draft and live-progress endpoints, case images;
the submissions API's routes."""

from django.urls import path

from backend.grading.views import artifact_png
from backend.submissions import pages, practice
from backend.submissions.api import DraftView, SubmissionViewSet
from backend.submissions.events import submission_events

urlpatterns = [
    path("problems/<slug:slug>/", practice.problem_detail, name="problem-detail"),
    path("submissions/<int:pk>/", pages.submission_detail, name="submission-detail"),
    path("submissions/<int:a>/diff/<int:b>/", pages.submission_diff, name="submission-diff"),
    path("api/problems/<slug:slug>/draft/", DraftView.as_view(), name="draft"),
    path("api/submissions/<int:pk>/events/", submission_events, name="submission-events"),
    path(
        "api/submissions/<int:job_id>/images/<str:case>/<str:picture>.png",
        artifact_png,
        {"kind_name": "coding"},
        name="case-image",
    ),
]

# (prefix, viewset, basename) for the one API router in backend/config/urls.py.
api_routes = [("submissions", SubmissionViewSet, "api-submission")]
