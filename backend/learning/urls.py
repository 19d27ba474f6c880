"""The progress page and today's review."""

from django.urls import path

from backend.learning import progress, views

urlpatterns = [
    path("progress/", progress.progress, name="progress"),
    path("review/", views.review_today, name="review-today"),
]
