from flask import render_template
from flask_login import current_user

from app.access import role_required
from app.peer import bp
from app.services import clock
from app.services.people import people_of_unit, supported_mothers


@bp.route("/")
@role_required("peer_worker")
def home():
    today = clock.local_today(current_user.unit)
    mothers = supported_mothers(current_user.unit, today)
    colleagues = [
        p for p in people_of_unit(current_user.unit, role="peer_worker") if p.id != current_user.id
    ]
    return render_template(
        "peer/home.html",
        admitted=[m for m in mothers if not m.is_discharged()],
        after_discharge=[m for m in mothers if m.is_discharged()],
        colleagues=colleagues,
    )
