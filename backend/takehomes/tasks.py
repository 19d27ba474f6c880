"""The take-home kind's grading task (the plumbing is backend.grading.tasks.GradeTask's)."""

from backend.grading.tasks import grade_task

grade_hand_in = grade_task("takehome", name="backend.takehomes.tasks.grade_hand_in")
grade_model_hand_in = grade_task(
    "takehome_model", name="backend.takehomes.tasks.grade_model_hand_in"
)
