"""Builders for feedback tests: rows as the service would store them, without authors."""

from datetime import date

from tests.factories import FeedbackResponseFactory


def add_responses(unit, topic: str, week: date, answers: list[str], comments=None):
    comments = comments or [""] * len(answers)
    return [
        FeedbackResponseFactory(unit=unit, topic=topic, week=week, answer=a, comment=c)
        for a, c in zip(answers, comments, strict=True)
    ]
