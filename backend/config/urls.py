from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from backend.accounts import views as account_views
from backend.catalog import views as catalog_views
from backend.catalog.api import ProblemViewSet
from backend.designs import api as design_api
from backend.designs import pages as design_pages
from backend.grading.status import job_events, job_status
from backend.grading.views import artifact_png
from backend.interviews import views as interview_views
from backend.interviews.api import InterviewDetailView, InterviewListView, TemplateListView
from backend.learning import progress as learning_progress
from backend.learning import views as learning_views
from backend.ops import health
from backend.ops.metrics import metrics
from backend.playback.api import RecordingChunkView
from backend.submissions import pages as submission_pages
from backend.submissions import practice
from backend.submissions.api import DraftView, SubmissionViewSet
from backend.submissions.events import submission_events

router = DefaultRouter()
router.register("problems", ProblemViewSet, basename="api-problem")
router.register("submissions", SubmissionViewSet, basename="api-submission")
router.register("design-prompts", design_api.DesignPromptViewSet, basename="api-design-prompt")
router.register(
    "design-submissions", design_api.DesignSubmissionViewSet, basename="api-design-submission"
)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    path("", catalog_views.problem_list, name="problem-list"),
    path("favicon.ico", RedirectView.as_view(url=static("cvprep/favicon.svg"), permanent=True)),
    path("problems/random/", catalog_views.random_unsolved, name="problem-random"),
    path("problems/<slug:slug>/", practice.problem_detail, name="problem-detail"),
    path("study/<slug:slug>/", catalog_views.study_path, name="study-path"),
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("progress/", learning_progress.progress, name="progress"),
    path("review/", learning_views.review_today, name="review-today"),
    path("interviews/", interview_views.interview_home, name="interviews"),
    path("interviews/start/", interview_views.interview_start, name="interview-start"),
    path("interviews/<int:pk>/", interview_views.interview_detail, name="interview-detail"),
    path("interviews/<int:pk>/hand-in/", interview_views.interview_hand_in,
         name="interview-hand-in"),
    path("interviews/<int:pk>/report/", interview_views.interview_report, name="interview-report"),
    path("interviews/shared/<uuid:token>/", interview_views.shared_report, name="interview-shared"),
    path("api/interviews/", InterviewListView.as_view(), name="api-interviews"),
    path(
        "api/interview-templates/", TemplateListView.as_view(), name="api-interview-templates"
    ),
    path("api/interviews/<int:pk>/", InterviewDetailView.as_view(), name="api-interview"),
    path(
        "api/interviews/<int:pk>/recordings/<slug:slug>/",
        RecordingChunkView.as_view(),
        name="api-interview-recording",
    ),
    path("submissions/<int:pk>/", submission_pages.submission_detail, name="submission-detail"),
    path(
        "submissions/<int:a>/diff/<int:b>/",
        submission_pages.submission_diff,
        name="submission-diff",
    ),
    path("api/problems/<slug:slug>/draft/", DraftView.as_view(), name="draft"),
    path("api/submissions/<int:pk>/events/", submission_events, name="submission-events"),
    path(
        "api/submissions/<int:job_id>/images/<str:case>/<str:picture>.png",
        artifact_png,
        {"kind_name": "coding"},
        name="case-image",
    ),
    path("", include("backend.takehomes.urls")),
    path("", include("backend.similarity.urls")),
    path("design/", design_pages.design_list, name="design-list"),
    path("design/<slug:slug>/", design_pages.design_detail, name="design-detail"),
    path("design/<slug:slug>/draft/", design_pages.design_draft, name="design-page-draft"),
    path("design/<slug:slug>/check/", design_pages.design_check, name="design-page-check"),
    path("design/submissions/<int:pk>/", design_pages.design_submission,
         name="design-submission"),
    path("api/design-components/", design_api.ComponentCatalogView.as_view(),
         name="api-design-components"),
    path("api/design-prompts/<slug:slug>/draft/", design_api.DesignDraftView.as_view(),
         name="design-draft"),
    path("api/design-prompts/<slug:slug>/check/", design_api.SpecCheckView.as_view(),
         name="design-check"),
    path("api/design-submissions/<int:job_id>/plots/<str:name>.png", artifact_png,
         {"kind_name": "design"}, name="design-plot"),
    path("api/jobs/<str:kind_name>/<int:job_id>/", job_status, name="job-status"),
    path("api/jobs/<str:kind_name>/<int:job_id>/events/", job_events, name="job-events"),
    path("api/", include(router.urls)),
    path("api/auth/token/", obtain_auth_token, name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
]
