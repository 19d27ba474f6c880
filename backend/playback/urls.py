"""Where the editor's recording of an interview is sent, chunk by chunk."""

from django.urls import path

from backend.playback.api import RecordingChunkView

urlpatterns = [
    path(
        "api/interviews/<int:pk>/recordings/<slug:slug>/",
        RecordingChunkView.as_view(),
        name="api-interview-recording",
    ),
]
