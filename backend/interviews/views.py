from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from backend.interviews import selectors, services
from backend.interviews.models import Interview, InterviewTemplate


@login_required
def interview_home(request: HttpRequest) -> HttpResponse:
    history = [selectors.report(i) for i in Interview.objects.filter(candidate=request.user)[:20]]
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
        {
            "interview": interview,
            "problems": interview.problems.order_by("interviewproblem__position"),
        },
    )


@login_required
def interview_report(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_object_or_404(Interview, pk=pk, candidate=request.user)
    return render(
        request, "interviews/report.html", {"report": selectors.report(interview), "shared": False}
    )


def shared_report(request: HttpRequest, token: str) -> HttpResponse:
    """A read-only report for a reviewer who has the link (only once the interview is over)."""
    interview = get_object_or_404(Interview, share_token=token, status=Interview.Status.FINISHED)
    return render(
        request, "interviews/report.html", {"report": selectors.report(interview), "shared": True}
    )
