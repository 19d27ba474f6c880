from django.contrib import admin

from backend.catalog.models import Problem


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    list_display = ["slug", "title", "category", "difficulty", "is_active", "updated_at"]
    list_filter = ["category", "difficulty", "is_active"]
    search_fields = ["slug", "title"]
    readonly_fields = ["fingerprint", "samples", "created_at", "updated_at"]
