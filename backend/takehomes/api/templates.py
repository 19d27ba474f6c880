"""Take-home templates and their leaderboards."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts import roles
from backend.takehomes import access, selectors
from backend.takehomes.api import TAG
from backend.takehomes.models import TakeHome
from backend.takehomes.serializers import LeaderboardRowSerializer, TakeHomeSerializer


class TakeHomeListView(APIView):
    """Take-home templates: every active one for reviewers, the ones assigned to you otherwise."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: TakeHomeSerializer(many=True)})
    def get(self, request: Request) -> Response:
        context = {"reviewer": roles.is_reviewer(request.user)}
        takehomes = access.visible_takehomes(request.user)
        return Response(TakeHomeSerializer(takehomes, many=True, context=context).data)


class TakeHomeDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: TakeHomeSerializer})
    def get(self, request: Request, slug: str) -> Response:
        takehome = get_object_or_404(access.visible_takehomes(request.user), slug=slug)
        context = {"reviewer": roles.is_reviewer(request.user)}
        return Response(TakeHomeSerializer(takehome, context=context).data)


class LeaderboardView(APIView):
    """Latest graded hand-in per assignment, ranked by the primary metric. Reviewers always;
    candidates with an assignment of it only if the template allows, and only names and
    numbers (no links to other candidates' work)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(tags=TAG, responses={200: LeaderboardRowSerializer(many=True)})
    def get(self, request: Request, slug: str) -> Response:
        takehome = get_object_or_404(TakeHome, slug=slug)
        if not selectors.leaderboard_visible(request.user, takehome):
            raise Http404
        rows = selectors.leaderboard(takehome, request.user)
        return Response(LeaderboardRowSerializer(rows, many=True).data)
