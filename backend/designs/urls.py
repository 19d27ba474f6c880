"""Design pages under /design/ and their API: components, drafts, checks, plots; the design
API's routes."""

from django.urls import path

from backend.designs import api, pages
from backend.grading.views import artifact_png

urlpatterns = [
    path("design/", pages.design_list, name="design-list"),
    path("design/<slug:slug>/", pages.design_detail, name="design-detail"),
    path("design/<slug:slug>/draft/", pages.design_draft, name="design-page-draft"),
    path("design/<slug:slug>/check/", pages.design_check, name="design-page-check"),
    path("design/submissions/<int:pk>/", pages.design_submission, name="design-submission"),
    path(
        "api/design-components/",
        api.ComponentCatalogView.as_view(),
        name="api-design-components",
    ),
    path(
        "api/design-prompts/<slug:slug>/draft/",
        api.DesignDraftView.as_view(),
        name="design-draft",
    ),
    path(
        "api/design-prompts/<slug:slug>/check/",
        api.SpecCheckView.as_view(),
        name="design-check",
    ),
    path(
        "api/design-submissions/<int:job_id>/plots/<str:name>.png",
        artifact_png,
        {"kind_name": "design"},
        name="design-plot",
    ),
]

# (prefix, viewset, basename) for the one API router in backend/config/urls.py.
api_routes = [
    ("design-prompts", api.DesignPromptViewSet, "api-design-prompt"),
    ("design-submissions", api.DesignSubmissionViewSet, "api-design-submission"),
]
