"""Take-home pages: thin; the rules live in access.py and services.py, the reads in
selectors.py. Forms post back and redirect; errors come back as a message on the page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from backend.accounts import roles
from backend.grading import admission, artifacts
from backend.lib.errors import ApplicationError, Forbidden, describe
from backend.lib.markdown import render_markdown
from backend.reviews import permissions as review_permissions
from backend.reviews import services as reviews
from backend.takehomes import access, comments, selectors, services, uploads
from backend.takehomes.hand_in_kinds import PREDICTIONS, AnyHandIn, HandInKind, kind_of
from backend.takehomes.models import Assignment, TakeHome


def _with_error(url: str, error: str) -> HttpResponse:
    return redirect(f"{url}?{urlencode({'error': error})}")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    reviewer = roles.is_reviewer(request.user)
    assignments = access.visible_assignments(request.user).prefetch_related("hand_ins")
    rows = [
        {
            "assignment": assignment,
            "role": "reviewer" if assignment.candidate_id != request.user.pk else "candidate",
            "latest": selectors.latest_hand_in(assignment),
        }
        for assignment in assignments
    ]
    return render(
        request,
        "takehomes/home.html",
        {
            "reviewer": reviewer,
            "templates": TakeHome.objects.filter(is_active=True) if reviewer else [],
            "rows": rows,
            "error": request.GET.get("error", ""),
        },
    )


@login_required
@require_POST
def assign(request: HttpRequest) -> HttpResponse:
    home_url = reverse("takehomes")
    deadline = None
    if request.POST.get("deadline"):
        try:
            deadline = datetime.fromisoformat(request.POST["deadline"])
        except ValueError:
            return _with_error(home_url, "the deadline is not a date and time")
        if timezone.is_naive(deadline):
            # The form's datetime-local field sends no zone.
            deadline = timezone.make_aware(deadline, UTC)
    try:
        assignment = services.assign(
            reviewer=request.user,
            takehome_slug=request.POST.get("takehome", ""),
            candidate_username=request.POST.get("candidate", "").strip(),
            co_reviewer_usernames=request.POST.get("co_reviewers", "").replace(",", " ").split(),
            deadline=deadline,
        )
    except Forbidden as error:
        return HttpResponseForbidden(error.message)
    except ApplicationError as error:
        return _with_error(home_url, error.message)
    return redirect("assignment-detail", pk=assignment.pk)


def _detail_context(request: HttpRequest, assignment: Assignment) -> dict[str, Any]:
    reviewer = access.reviews(request.user, assignment)
    candidate = access.is_candidate(request.user, assignment)
    sees_review = access.sees_review(request.user, assignment)
    takehome = assignment.takehome
    hand_ins = list(selectors.hand_ins(assignment))
    latest = hand_ins[0] if hand_ins else None
    model_hand_ins = list(selectors.model_hand_ins(assignment)) if takehome.wants_model else []
    # The hand-in that counts, of the kind the template asks for: the candidate's way to the
    # comments on their code once the review is released.
    counted: AnyHandIn | None = model_hand_ins[0] if model_hand_ins else latest
    return {
        "assignment": assignment,
        "takehome": takehome,
        "brief_html": render_markdown(takehome.brief),
        "reviewer": reviewer,
        "candidate": candidate,
        "hand_ins": hand_ins,
        "model_hand_ins": model_hand_ins,
        "latest": latest,
        "counted": counted,
        "counted_kind": kind_of(counted) if counted else None,
        "plots": artifacts.names(latest) if latest else [],
        "review": selectors.review_state(assignment) if sees_review else None,
        "summary_html": render_markdown(assignment.summary) if assignment.summary else "",
        "decisions": Assignment.Decision.choices,
        "deadline_passed": timezone.now() > assignment.deadline,
        "leaderboard": selectors.leaderboard_visible(request.user, takehome),
        "co_reviewers": list(assignment.co_reviewers.all()),
        "error": request.GET.get("error", ""),
        "saved": reviewer and request.GET.get("saved") == "1",
    }


@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.assignment_or_404(request.user, pk)
    return render(request, "takehomes/assignment.html", _detail_context(request, assignment))


def post_hand_in(
    request: HttpRequest,
    pk: int,
    *,
    from_form: Callable[..., AnyHandIn],
    kind: HandInKind,
) -> HttpResponse:
    """The assignment page's hand-in form of either kind (``from_form`` reads it into the
    kind's service): on to the new hand-in's page, or back to the assignment with the reason
    (a refused work rate keeps its Retry-After)."""
    assignment = access.assignment_or_404(request.user, pk)
    try:
        too_fast = admission.throttle_page(request)
        if too_fast is not None:
            raise too_fast
        created = from_form(
            assignment=assignment,
            user=request.user,
            data=request.POST,
            files=request.FILES,
            content_length=uploads.declared_length(request),
        )
    except Forbidden as error:
        return HttpResponseForbidden(error.message)
    except ApplicationError as error:
        context = _detail_context(request, assignment)
        context["error"] = describe(error)
        response = render(request, "takehomes/assignment.html", context, status=400)
        if isinstance(error, admission.WorkRefused):
            return error.mark(response)
        return response
    return redirect(kind.detail_url, pk=pk, hand_in_id=created.pk)


@login_required
@require_POST
def hand_in(request: HttpRequest, pk: int) -> HttpResponse:
    return post_hand_in(request, pk, from_form=uploads.hand_in_from_form, kind=PREDICTIONS)


def per_class_table(per_class: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """{"columns": [...], "rows": [(class, [values...])]} for the per-class metrics table."""
    columns = list(next(iter(per_class.values()), {}).keys())
    rows = [
        (name, [values.get(column) for column in columns]) for name, values in per_class.items()
    ]
    return {"columns": columns, "rows": rows}


def review_context(request: HttpRequest, hand_in: AnyHandIn) -> dict[str, Any]:
    """What a hand-in's page shows of its code and its review, for either kind: the files
    (with their comment counts) and the general comments, to whoever may see them."""
    assignment = hand_in.assignment
    sees_review = review_permissions.can_view(request.user, hand_in)
    return {
        "assignment": assignment,
        "hand_in": hand_in,
        "kind": kind_of(hand_in),
        "reviewer": access.reviews(request.user, assignment),
        "writeup_html": render_markdown(hand_in.writeup),
        "plots": artifacts.names(hand_in),
        "files": selectors.code_files(hand_in),
        "counts": selectors.comment_counts(hand_in) if sees_review else {},
        "general": selectors.comments_by_line(hand_in, "").get(None, []) if sees_review else [],
    }


@login_required
def hand_in_detail(request: HttpRequest, pk: int, hand_in_id: int) -> HttpResponse:
    hand_in = access.hand_in_or_404(request.user, pk, hand_in_id)
    report = hand_in.report or {}
    return render(
        request,
        "takehomes/hand_in.html",
        {
            **review_context(request, hand_in),
            "headline": sorted((report.get("headline") or {}).items()),
            "per_class": per_class_table(report.get("per_class") or {}),
            "latency": report.get("latency"),
            "notes": report.get("notes") or [],
        },
    )


@login_required
def code(request: HttpRequest, pk: int, hand_in_id: int, kind: HandInKind) -> HttpResponse:
    """One file of a hand-in's code archive (either kind), line by line with its comments."""
    hand_in = access.hand_in_or_404(request.user, pk, hand_in_id, kind)
    path = request.GET.get("path", "")
    view = selectors.code_view(hand_in, path)
    if view is None:
        raise Http404("no such file in the archive")
    sees_review = review_permissions.can_view(request.user, hand_in)
    by_line = selectors.comments_by_line(hand_in, path) if sees_review else {}
    lines = [{"line": line, "comments": by_line.get(line.number, [])} for line in view.lines]
    return render(
        request,
        "takehomes/code.html",
        {
            "assignment": hand_in.assignment,
            "hand_in": hand_in,
            "kind": kind,
            "view": view,
            "lines": lines,
            "file_comments": by_line.get(None, []),
            "can_comment": review_permissions.can_comment(request.user, hand_in),
            "files": selectors.code_files(hand_in),
            "error": request.GET.get("error", ""),
        },
    )


@login_required
@require_POST
def comment(request: HttpRequest, pk: int, hand_in_id: int, kind: HandInKind) -> HttpResponse:
    hand_in = access.hand_in_or_404(request.user, pk, hand_in_id, kind)
    file_path = request.POST.get("file_path", "")
    line_text = request.POST.get("line", "").strip()
    parent_text = request.POST.get("parent", "").strip()
    back = (
        reverse(kind.code_url, args=[pk, hand_in_id]) + "?" + urlencode({"path": file_path})
        if file_path
        else reverse(kind.detail_url, args=[pk, hand_in_id])
    )
    try:
        created = comments.comment_on(
            hand_in=hand_in,
            author=request.user,
            body=request.POST.get("body", ""),
            file_path=file_path,
            line=int(line_text) if line_text.isdigit() else None,
            parent_id=int(parent_text) if parent_text.isdigit() else None,
        )
    except Forbidden as error:
        return HttpResponseForbidden(error.message)
    except ApplicationError as error:
        separator = "&" if "?" in back else "?"
        return redirect(f"{back}{separator}{urlencode({'error': describe(error)})}")
    return redirect(f"{back}#comment-{created.pk}")


@login_required
@require_POST
def resolve(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    try:
        found = access.comment_or_404(request.user, pk, comment_id)
        reviews.resolve(
            comment=found, user=request.user, resolved=request.POST.get("resolved") != "0"
        )
    except reviews.ReviewForbidden as error:
        return HttpResponseForbidden(str(error))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("assignment-detail", args=[pk])
    return redirect(f"{back}#comment-{comment_id}")


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.assignment_or_404(request.user, pk)
    if not access.reviews(request.user, assignment):
        return HttpResponseForbidden("only the assignment's reviewers review it")
    url = reverse("assignment-detail", args=[pk])
    scores = {}
    for item in assignment.takehome.rubric:
        text = request.POST.get(f"score_{item['id']}", "").strip()
        if text:
            try:
                scores[item["id"]] = float(text)
            except ValueError:
                return _with_error(url, f"{item['id']}: points must be a number")
    try:
        services.save_review(
            assignment=assignment,
            user=request.user,
            scores=scores,
            summary=request.POST.get("summary", ""),
            decision=request.POST.get("decision", ""),
        )
    except ApplicationError as error:
        return _with_error(url, error.message)
    return redirect(f"{url}?saved=1#review")


@login_required
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.assignment_or_404(request.user, pk)
    if not access.reviews(request.user, assignment):
        return HttpResponseForbidden("only the assignment's reviewers release the review")
    try:
        services.release(assignment=assignment, user=request.user)
    except ApplicationError as error:
        return _with_error(reverse("assignment-detail", args=[pk]), error.message)
    return redirect("assignment-detail", pk=pk)


@login_required
@require_POST
def add_co_reviewer(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.assignment_or_404(request.user, pk)
    url = reverse("assignment-detail", args=[pk])
    try:
        services.add_co_reviewer(
            assignment=assignment,
            by=request.user,
            username=request.POST.get("username", "").strip(),
        )
    except Forbidden as error:
        return HttpResponseForbidden(error.message)
    except ApplicationError as error:
        return _with_error(url, error.message)
    return redirect(url)


@login_required
def leaderboard(request: HttpRequest, slug: str) -> HttpResponse:
    takehome = get_object_or_404(TakeHome, slug=slug)
    if not selectors.leaderboard_visible(request.user, takehome):
        raise Http404
    rows = (
        selectors.model_leaderboard(takehome, request.user)
        if takehome.wants_model
        else selectors.leaderboard(takehome, request.user)
    )
    return render(
        request,
        "takehomes/leaderboard.html",
        {"takehome": takehome, "rows": rows, "metric_name": selectors.metric_name(takehome)},
    )
