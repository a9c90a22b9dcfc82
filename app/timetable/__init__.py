"""The group timetable: mothers' week and sign-ups, staff and peer workers' groups,
calendar feeds, and the information families see."""

from flask import Blueprint

bp = Blueprint("timetable", __name__, url_prefix="/timetable")

from app.timetable import manage, routes, unit_info  # noqa: E402, F401
