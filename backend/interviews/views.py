from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from backend.designs.forms import spec_to_yaml
from backend.interviews import extensions, review, selectors, services
from backend.interviews.models import Interview, InterviewTemplate
from backend.lib.markdown import render_markdown
from backend.lib.users import signed_in
from backend.reviews import permissions
from backend.reviews import services as reviews


@login_required
def interview_home(request: HttpRequest) -> HttpResponse:
    mine = Interview.objects.filter(candidate=signed_in(request))
    history = [selectors.report(interview) for interview in mine[:20]]
    return render(
        request,
        "interviews/home.html",
        {
            "templates": InterviewTemplate.objects.filter(is_active=True),
            "history": history,
            "error": request.GET.get("error", ""),
        },
    )


@login_required
@require_POST
def interview_start(request: HttpRequest) -> HttpResponse:
    template_id = request.POST.get("template", "")
    if not template_id.isdigit():
        return redirect("/interviews/?error=choose+an+interview")
    template = get_object_or_404(InterviewTemplate, pk=int(template_id), is_active=True)
    try:
        interview = services.start_interview(user=request.user, template=template)
    except services.InterviewError as error:
        return redirect(f"/interviews/?error={error}")
    return redirect("interview-detail", pk=interview.pk)


@login_required
def interview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_object_or_404(Interview, pk=pk, candidate=request.user)
    if interview.status == Interview.Status.FINISHED:
        return redirect("interview-report", pk=pk)
    return render(
        request,
        "interviews/detail.html",
        {"interview": interview, "round": selectors.round_items(interview)},
    )


@login_required
@require_POST
def interview_hand_in(request: HttpRequest, pk: int) -> HttpResponse:
    """"I'm done": hand in every item now (the page asked for a confirmation first)."""
    interview = get_object_or_404(Interview, pk=pk, candidate=request.user)
    services.hand_in_now(interview=interview)
    return redirect("interview-report", pk=pk)


@login_required
def interview_report(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_object_or_404(Interview, pk=pk, candidate=request.user)
    return _report_page(request, interview, shared=False)


def shared_report(request: HttpRequest, token: str) -> HttpResponse:
    """The report for a reviewer who has the link (only once the interview is over). Signed
    in, they become a reviewer of it: they comment on it and score the design rubric."""
    interview = get_object_or_404(Interview, share_token=token, status=Interview.Status.FINISHED)
    user = request.user
    if user.is_authenticated and user.pk != interview.candidate_id:
        interview.reviewers.add(user)
    return _report_page(request, interview, shared=True)


def _report_page(request: HttpRequest, interview: Interview, *, shared: bool) -> HttpResponse:
    report = selectors.report(interview)
    extensions.add_row_extras(interview, report["rows"])  # playback's player, per problem
    error = ""
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        error = review.handle_post(
            user=request.user, interview=interview, data=request.POST, report=report
        )
        if not error:
            return redirect(request.path)
    review_state = review_context(request.user, interview, report)
    for row in report["rows"]:
        if row["kind"] == "design":
            present_design(row)
    return render(
        request,
        "interviews/report.html",
        {
            "report": report,
            "shared": shared,
            "review": review_state,
            "review_error": error,
        },
    )


def present_design(row: dict[str, Any]) -> None:
    """A design row as the report shows it: the write-up as Markdown, the spec as YAML, and
    the rubric's total only over the items a reviewer scored (never an unscored full mark)."""
    design = row.get("design")
    row["write_up_html"] = render_markdown(design.write_up) if design else ""
    row["spec_yaml"] = spec_to_yaml(design.spec) if design and design.spec else ""
    rubric = row.get("rubric", [])
    given = [item for item in rubric if item.get("given") is not None]
    row["rubric_points"] = sum(item["points"] for item in rubric)
    row["rubric_given"] = sum(item["given"] for item in given) if given else None
    row["rubric_complete"] = bool(rubric) and len(given) == len(rubric)


def review_context(user: Any, interview: Interview, report: dict[str, Any]) -> dict[str, Any]:
    if not permissions.can_view(user, interview):
        return {"visible": False}
    threads: dict[int, dict[str, Any]] = {}
    for comment in reviews.comments_for(interview):
        thread = threads.setdefault(
            comment.thread_id,
            {"problem": comment.thread.file_path, "line": comment.thread.line, "comments": []},
        )
        thread["comments"].append(comment)
    scores = reviews.scores_for(interview)
    for row in report["rows"]:
        for item in row.get("rubric", []):
            item["given"] = scores.get(f"{row['problem'].slug}.{item['id']}")
    return {
        "visible": True,
        "can_comment": permissions.can_comment(user, interview),
        "is_reviewer": review.is_reviewer(user, interview),
        "threads": list(threads.values()),
        "scored": bool(scores),
    }
