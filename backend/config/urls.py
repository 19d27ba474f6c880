from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from backend.accounts import views as account_views
from backend.catalog import views as catalog_views
from backend.catalog.api import ProblemViewSet
from backend.submissions.api import SubmissionViewSet

router = DefaultRouter()
router.register("problems", ProblemViewSet, basename="problem")
router.register("submissions", SubmissionViewSet, basename="submission")

urlpatterns = [
    path("", catalog_views.problem_list, name="problem-list"),
    path("favicon.ico", RedirectView.as_view(url=static("cvprep/favicon.svg"), permanent=True)),
    path("problems/<slug:slug>/", catalog_views.problem_detail, name="problem-detail"),
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/", include(router.urls)),
    path("api/auth/token/", obtain_auth_token, name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
]
