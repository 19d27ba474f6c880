from django.contrib import admin

from backend.submissions.models import Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["id", "owner", "problem", "mode", "status", "verdict", "score", "created_at"]
    list_filter = ["status", "verdict", "mode"]
    search_fields = ["owner__username", "problem__slug"]
    readonly_fields = ["result", "progress", "claim", "attempts"]
