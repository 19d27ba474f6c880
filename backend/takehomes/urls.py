"""Take-home pages under /takehomes/ and their API under /api/takehomes/ and /api/assignments/
(included once from backend/config/urls.py)."""

from django.urls import path

from backend.grading.views import artifact_png
from backend.takehomes import model_pages, views
from backend.takehomes.api import assignments, comments, hand_ins, model_hand_ins, review, templates
from backend.takehomes.hand_in_kinds import MODEL, PREDICTIONS

A = "api/assignments/<int:pk>"
H = f"{A}/hand-ins/<int:hand_in_id>"
M = f"{A}/model-hand-ins/<int:hand_in_id>"
P = "takehomes/assignments/<int:pk>"
PH = f"{P}/hand-ins/<int:hand_in_id>"
PM = f"{P}/model-hand-ins/<int:hand_in_id>"
# The code and its comments are one set of views for both kinds of hand-in; each route says
# which kind it serves ({"kind": ...}, passed to the view).
predictions = {"kind": PREDICTIONS}
model = {"kind": MODEL}

urlpatterns = [
    # Pages
    path("takehomes/", views.home, name="takehomes"),
    path("takehomes/assign/", views.assign, name="takehome-assign"),
    path("takehomes/<slug:slug>/leaderboard/", views.leaderboard, name="takehome-leaderboard"),
    path(f"{P}/", views.assignment_detail, name="assignment-detail"),
    path(f"{P}/hand-in/", views.hand_in, name="assignment-hand-in"),
    path(f"{P}/review/", views.review, name="assignment-review"),
    path(f"{P}/release/", views.release, name="assignment-release"),
    path(f"{P}/co-reviewers/", views.add_co_reviewer, name="assignment-co-reviewers"),
    path(f"{PH}/", views.hand_in_detail, name="hand-in-detail"),
    path(f"{P}/model-hand-in/", model_pages.hand_in, name="assignment-model-hand-in"),
    path(f"{PM}/", model_pages.hand_in_detail, name="model-hand-in-detail"),
    path("takehomes/<slug:slug>/pareto.png", model_pages.pareto_png, name="takehome-pareto"),
    path(f"{PH}/code/", views.code, predictions, name="hand-in-code"),
    path(f"{PH}/comment/", views.comment, predictions, name="hand-in-comment"),
    path(f"{PM}/code/", views.code, model, name="model-hand-in-code"),
    path(f"{PM}/comment/", views.comment, model, name="model-hand-in-comment"),
    path(f"{P}/comments/<int:comment_id>/resolve/", views.resolve, name="comment-resolve"),
    # API
    path("api/takehomes/", templates.TakeHomeListView.as_view(), name="api-takehomes"),
    path("api/takehomes/<slug:slug>/", templates.TakeHomeDetailView.as_view(), name="api-takehome"),
    path(
        "api/takehomes/<slug:slug>/leaderboard/",
        templates.LeaderboardView.as_view(),
        name="api-takehome-leaderboard",
    ),
    path("api/assignments/", assignments.AssignmentListView.as_view(), name="api-assignments"),
    path(f"{A}/", assignments.AssignmentDetailView.as_view(), name="api-assignment"),
    path(
        f"{A}/co-reviewers/",
        assignments.CoReviewerView.as_view(),
        name="api-assignment-co-reviewers",
    ),
    path(f"{A}/dataset/", assignments.DatasetView.as_view(), name="api-assignment-dataset"),
    path(f"{A}/hand-ins/", hand_ins.HandInListView.as_view(), name="api-hand-ins"),
    path(f"{H}/", hand_ins.HandInDetailView.as_view(), name="api-hand-in"),
    path(
        "api/assignments/<int:parent_id>/hand-ins/<int:job_id>/plots/<str:name>.png",
        artifact_png,
        {"kind_name": "takehome"},
        name="api-hand-in-plot",
    ),
    path(
        f"{A}/model-hand-ins/",
        model_hand_ins.ModelHandInListView.as_view(),
        name="api-model-hand-ins",
    ),
    path(f"{M}/", model_hand_ins.ModelHandInDetailView.as_view(), name="api-model-hand-in"),
    path(
        "api/assignments/<int:parent_id>/model-hand-ins/<int:job_id>/plots/<str:name>.png",
        artifact_png,
        {"kind_name": "takehome_model"},
        name="api-model-hand-in-plot",
    ),
    path(f"{H}/files/", hand_ins.CodeFileListView.as_view(), predictions, name="api-hand-in-files"),
    path(
        f"{H}/files/<path:path>",
        hand_ins.CodeFileView.as_view(),
        predictions,
        name="api-hand-in-file",
    ),
    path(
        f"{H}/comments/",
        comments.CommentListView.as_view(),
        predictions,
        name="api-hand-in-comments",
    ),
    path(f"{M}/files/", hand_ins.CodeFileListView.as_view(), model, name="api-model-hand-in-files"),
    path(
        f"{M}/files/<path:path>",
        hand_ins.CodeFileView.as_view(),
        model,
        name="api-model-hand-in-file",
    ),
    path(
        f"{M}/comments/",
        comments.CommentListView.as_view(),
        model,
        name="api-model-hand-in-comments",
    ),
    path(
        f"{A}/comments/<int:comment_id>/", comments.CommentDetailView.as_view(), name="api-comment"
    ),
    path(
        f"{A}/comments/<int:comment_id>/resolve/",
        comments.CommentResolveView.as_view(),
        name="api-comment-resolve",
    ),
    path(f"{A}/review/", review.ReviewView.as_view(), name="api-assignment-review"),
    path(f"{A}/release/", review.ReleaseView.as_view(), name="api-assignment-release"),
]
