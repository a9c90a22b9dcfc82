"""Who to call for help now, for the person asking: the unit while it supports her, her
community perinatal team after discharge (when staff recorded it), then the national
lines that answer day and night. Her plan for going home (services/going_home.py) builds
its contacts from the same pieces."""

from dataclasses import dataclass
from datetime import date

NHS_111 = ("NHS 111, option 2", "111", "Choose option 2 for mental health. Free, day or night.")
SAMARITANS = ("Samaritans", "116 123", "Free, any time of day or night.")


@dataclass(frozen=True)
class Contact:
    name: str
    number: str  # as people read it, with spaces
    note: str = ""

    @property
    def dial(self) -> str:
        return "".join(c for c in self.number if c.isdigit() or c == "+")


def may_call_unit(user, today: date) -> bool:
    """A mother on the unit, or supported after discharge, while the unit has a number."""
    return bool(
        getattr(user, "is_mother", False) and user.unit.phone and not user.support_ended(today)
    )


def community_team(user) -> Contact | None:
    """Her community perinatal mental health team, once discharged with one recorded."""
    if not (getattr(user, "is_mother", False) and user.is_discharged()):
        return None
    if not user.community_team_phone:
        return None
    return Contact(
        user.community_team_name or "Your community perinatal team",
        user.community_team_phone,
        "Your community perinatal mental health team.",
    )


def crisis_lines() -> list[Contact]:
    return [Contact(*NHS_111), Contact(*SAMARITANS)]


def urgent_contacts(user, today: date) -> list[Contact]:
    """``user`` may be anonymous (a visitor): then only the national lines."""
    found = []
    if may_call_unit(user, today):
        note = (
            "Ask for a member of staff."
            if not user.is_discharged()
            else (f"You can call the unit until {user.support_until:%-d %B %Y}.")
        )
        found.append(Contact(user.unit.name, user.unit.phone, note))
    team = community_team(user)
    if team:
        found.append(team)
    return found + crisis_lines()
