"""Sign-up, and Django's login, logout and password pages, under /accounts/."""

from django.urls import include, path

from backend.accounts import views

urlpatterns = [
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
]
