from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

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


class DesignSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "designs.DesignSubmission"

    owner = factory.SubFactory(UserFactory)
    problem = factory.SubFactory(ProblemFactory, kind="design")
    write_up = "a design"
    spec = factory.LazyFunction(lambda: {"stages": []})


class TakeHomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "takehomes.TakeHome"

    slug = factory.Sequence(lambda n: f"takehome_{n}")
    title = factory.Sequence(lambda n: f"Take-home {n}")
    task = "classification"
    brief = "Train a classifier."
    deadline_hours = 72
    late_policy = "mark"
    fingerprint = "0" * 16


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "takehomes.Assignment"

    takehome = factory.SubFactory(TakeHomeFactory)
    candidate = factory.SubFactory(UserFactory)
    owner = factory.SubFactory(UserFactory)
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))


class HandInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "takehomes.HandIn"

    assignment = factory.SubFactory(AssignmentFactory)
    predictions = b"image_id,label\n"
    predictions_name = "predictions.csv"
    code_zip = b"PK"
    code_name = "code.zip"
    writeup = "what I did"


class ModelHandInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "takehomes.ModelHandIn"

    assignment = factory.SubFactory(AssignmentFactory)
    model_onnx = b"not a model"
    model_sha256 = "0" * 64
    code_zip = b"PK"
    code_name = "code.zip"
    writeup = "what I did"
