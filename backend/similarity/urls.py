from django.urls import path

from backend.similarity import views

urlpatterns = [
    path("takehomes/<slug:slug>/similarity/", views.takehome_pairs, name="similarity-takehome"),
    path(
        "takehomes/<slug:slug>/similarity/<int:a>/<int:b>/",
        views.takehome_pair,
        name="similarity-takehome-pair",
    ),
    path("problems/<slug:slug>/similarity/", views.problem_pairs, name="similarity-problem"),
    path(
        "problems/<slug:slug>/similarity/<int:a>/<int:b>/",
        views.problem_pair,
        name="similarity-problem-pair",
    ),
]
