"""Form data as a browser sends it."""


def date_boxes(data: dict, *names: str) -> dict:
    """``data`` with each named date, written YYYY-MM-DD, typed into the three boxes of the
    NHS.UK date input (``<name>-day``, ``-month``, ``-year``). A value that is not three
    parts goes in the day box as it is; None leaves the boxes out."""
    typed = dict(data)
    for name in names:
        value = typed.pop(name, None)
        if value is None:
            continue
        parts = value.split("-")
        year, month, day = parts if len(parts) == 3 else ("", "", value)
        typed |= {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}
    return typed


def box_names(name: str) -> list[str]:
    """The names of a date's three boxes, for tests that type anything into each."""
    return [f"{name}-day", f"{name}-month", f"{name}-year"]
