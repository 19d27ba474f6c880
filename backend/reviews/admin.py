from django.contrib import admin

from backend.reviews.models import Comment, RubricScore, Thread


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["id", "content_type", "object_id", "file_path", "line"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["id", "thread", "author", "created_at", "resolved"]


@admin.register(RubricScore)
class RubricScoreAdmin(admin.ModelAdmin):
    list_display = ["id", "content_type", "object_id", "item_id", "points", "author"]
