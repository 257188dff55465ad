"""How figures and labels are written, in the chat, the report and the terminal alike: money, signed money,
an OEWS pay figure (top-coded, hourly-only), the group BLS publishes a job in, O*NET's short labels and
job zone names.
"""
from __future__ import annotations

from knowledge.models import TOP_CODED_ANNUAL, TOP_CODED_HOURLY


def money(value) -> str:
    return "n/a" if value is None else f"${value:,.0f}"


def signed_money(value) -> str:
    return "n/a" if value is None else f"{'+' if value >= 0 else '-'}${abs(value):,.0f}"


def pay(wages: dict | None, field: str = "annual_median") -> str:
    """One OEWS pay figure as a person should read it: "$239,200 or more" for a top-coded one (OEWS gives
    only the cap), "$38.50 an hour" where BLS publishes an hourly rate but no yearly pay, "n/a" where neither."""
    wages = wages or {}
    value = wages.get(field)
    if value is not None:
        capped = wages.get("top_coded") and value >= TOP_CODED_ANNUAL
        return money(value) + (" or more" if capped else "")
    hourly = wages.get(field.replace("annual_", "hourly_")) if field.startswith("annual_") else None
    if hourly is None:
        return "n/a"
    capped = wages.get("top_coded") and hourly >= TOP_CODED_HOURLY
    return f"${hourly:,.2f} an hour" + (" or more" if capped else "")


def group_note(wages_or_projection: dict | None) -> str:
    """ " (figure for Home Health and Personal Care Aides together)" when BLS publishes the job only in a group."""
    group = (wages_or_projection or {}).get("reported_as")
    if not group:
        return ""
    title = wages_or_projection.get("reported_as_title") or wages_or_projection.get("title") or group
    return f" (figure for {title[0].upper() + title[1:]} together)"


def short_label(label: str | None) -> str:
    """O*NET category labels carry a definition after ' - '; the name is enough in a table."""
    return (label or "").split(" - ")[0].strip()


def zone_preparation(zone: dict) -> str:
    """An O*NET job zone's name as the preparation it means: "Job Zone Two: Some Preparation Needed" ->
    "some preparation needed"."""
    return zone["name"].split(":")[-1].strip().lower()
