import factory
from django.contrib.auth import get_user_model

from backend.catalog.models import Problem
from backend.submissions.models import Submission


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"candidate{n}")
    password = factory.django.Password("pass-word-123")


class ProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Problem
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"problem_{n}")
    title = factory.Sequence(lambda n: f"Problem {n}")
    difficulty = "easy"
    category = "image-processing"
    tags = factory.LazyFunction(lambda: ["demo"])
    entry = factory.SelfAttribute("slug")
    statement = "Do the thing."
    starter = "def f():\n    raise NotImplementedError\n"
    time_limit = 1.0
    memory_limit_mb = 256
    samples = factory.LazyFunction(list)
    case_count = 3
    fingerprint = "0" * 16


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    owner = factory.SubFactory(UserFactory)
    problem = factory.SubFactory(ProblemFactory)
    code = "def f():\n    return 1\n"
    mode = Submission.Mode.SUBMIT
