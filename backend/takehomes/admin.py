from django.contrib import admin

from backend.takehomes.models import Assignment, HandIn, TakeHome


@admin.register(TakeHome)
class TakeHomeAdmin(admin.ModelAdmin):
    list_display = ["slug", "title", "task", "deadline_hours", "late_policy", "is_active"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["id", "takehome", "candidate", "owner", "deadline", "released_at"]
    filter_horizontal = ["co_reviewers"]


@admin.register(HandIn)
class HandInAdmin(admin.ModelAdmin):
    list_display = ["id", "assignment", "created_at", "status", "primary_metric", "primary_value"]
    exclude = ["predictions", "code_zip"]
