from django.contrib import admin

from backend.interviews.models import Interview, InterviewTemplate


@admin.register(InterviewTemplate)
class InterviewTemplateAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "duration_minutes",
        "problem_count",
        "design_count",
        "category",
        "difficulty",
        "is_active",
    ]
    filter_horizontal = ["fixed_problems"]


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["id", "candidate", "template", "started_at", "deadline", "status"]
    list_filter = ["status", "template"]
    filter_horizontal = ["reviewers"]
