"""Interview pages under /interviews/ and their API under /api/interviews/."""

from django.urls import path

from backend.interviews import views
from backend.interviews.api import InterviewDetailView, InterviewListView, TemplateListView

urlpatterns = [
    path("interviews/", views.interview_home, name="interviews"),
    path("interviews/start/", views.interview_start, name="interview-start"),
    path("interviews/<int:pk>/", views.interview_detail, name="interview-detail"),
    path("interviews/<int:pk>/hand-in/", views.interview_hand_in, name="interview-hand-in"),
    path("interviews/<int:pk>/report/", views.interview_report, name="interview-report"),
    path("interviews/shared/<uuid:token>/", views.shared_report, name="interview-shared"),
    path("api/interviews/", InterviewListView.as_view(), name="api-interviews"),
    path("api/interview-templates/", TemplateListView.as_view(), name="api-interview-templates"),
    path("api/interviews/<int:pk>/", InterviewDetailView.as_view(), name="api-interview"),
]
