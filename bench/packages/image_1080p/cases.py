from graders.casekit import Case, rng


def generate():
    generator = rng(1080)
    small = generator.integers(0, 256, (4, 6), dtype="uint8")
    return [Case("sample", {"image": small}, sample=True)] + [
        Case(f"frame_{i}", {"image": generator.integers(0, 256, (1080, 1920), dtype="uint8")})
        for i in range(3)
    ]
