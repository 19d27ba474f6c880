"""The status of any kind's job and its event stream (static/cvprep/live.js follows them)."""

from django.urls import path

from backend.grading.status import job_events, job_status

urlpatterns = [
    path("api/jobs/<str:kind_name>/<int:job_id>/", job_status, name="job-status"),
    path("api/jobs/<str:kind_name>/<int:job_id>/events/", job_events, name="job-events"),
]
