"""'Are you sure?' pages before something that cannot be undone.

A confirm page says what will happen, has one button that posts and a "No, go back"
link, and needs no JavaScript. An action with nothing typed first (close an account,
remove a time) gets it by GET at the action's own address, and the POST does it. An
action after a form (a discharge, a "You said, we did") shows it in answer to the form's
post, carrying what was typed in hidden fields (in the body, never in the address); its
button posts them with ``confirmed=yes`` and only that changes anything, while its "No,
go back" posts them with ``confirmed=no`` to show the form again as it was typed.
"""

from flask import render_template, request


def confirmed() -> bool:
    return request.form.get("confirmed") == "yes"


def going_back() -> bool:
    return request.form.get("confirmed") == "no"


def confirm_page(
    question: str,
    consequences: list[str],
    *,
    action: str,
    go_back: str,
    button: str,
    carry_form: bool = False,
    template: str = "confirm.html",
    **context,
):
    """``question`` completes "Are you sure you want to ...?"; ``carry_form`` sends the
    posted form's fields back with the button."""
    carried = (
        [(k, v) for k, v in request.form.items(multi=True) if k not in ("csrf_token", "confirmed")]
        if carry_form
        else []
    )
    return render_template(
        template,
        question=question,
        consequences=consequences,
        action=action,
        go_back=go_back,
        button=button,
        carried=carried,
        carry_form=carry_form,
        **context,
    )
