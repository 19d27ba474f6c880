from django.contrib import admin

from backend.designs.models import DesignAnswer, DesignSubmission


@admin.register(DesignSubmission)
class DesignSubmissionAdmin(admin.ModelAdmin):
    list_display = ["id", "owner", "problem", "interview", "status", "score", "created_at"]
    list_filter = ["status", "automatic"]
    readonly_fields = ["report", "spec", "spec_errors", "claim", "attempts"]


@admin.register(DesignAnswer)
class DesignAnswerAdmin(admin.ModelAdmin):
    list_display = ["problem"]
