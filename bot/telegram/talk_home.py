"""Where a job seeker says she lives ("I live in Munich", "based in Berlin", "moving to
Lisbon"): the /timezone of the place, and each alert kept to it: location: the place, or for
an alert of remote jobs from: the place's country ("I live in São Paulo" kept every remote
alert to the town, and so lost each remote job open to all of Brazil or Latin America).
`talk` reads the place in a sentence with it; `texts` answers "I live in …" alone (`there`)."""

from __future__ import annotations

import html
import re

from bot.errors import QueryError
from bot.gazetteer import gazetteer
from bot.places import read_places
from bot.policy import PolicyError
from bot.store import Stores
from bot.syntax import And, Attr
from bot.telegram import alter
from bot.telegram.tips.sentence import meant
from bot.timezones import parse_timezone
from bot.transport import Incoming
from bot.view import stored_query

esc = html.escape

ONLY_PLACE = re.compile(r'(?:location|near):(?:"[^"]+"|\S+)')
MOVING = re.compile(r"\b(?:moving|relocating|moved|relocate|move) to\b", re.IGNORECASE)
LIVE = re.compile(
    r"\b(?:live|living|based|located|reside|residing|moving|relocating|moved)\s+(?:in|to)\s+"
    r"(?P<place>[^\W\d][^,.;:!?()]{1,40}?)\s*(?:$|[,.;:!?(]|\s(?:and|but|looking|for|so|where|next|"
    r"this|soon|in)\b)",
    re.IGNORECASE,
)


def lives_in(text: str) -> tuple[str, str] | None:
    """For "I live in Munich" (based, moving to), with no kind of job said: the /timezone line
    of the place and its filter (location:munich); None for any other text."""
    text = " ".join(text.split())
    if len(text) > 200 or not (clock := clock_there(text)):
        return None
    place = meant(MOVING.sub(" in ", text))
    return (clock, place) if place and ONLY_PLACE.fullmatch(place) else None


def place_template(clock: str, place: str) -> str:
    """For one who said where they live and has no alert: the /alert of their words (theirs
    to fill in) and the place."""
    ask = "For the jobs there, an alert of your words and the place:"
    return f"{clock.lstrip()} {ask} <code>/alert &lt;your keywords&gt; {esc(place)}</code>."


def clock_there(text: str) -> str:
    """For "I live in New York" (based, located, moving to): the /timezone of that place,
    which puts digests and quiet hours on its clock; "" when it names no zone."""
    if (said := LIVE.search(text)) is None:
        return ""
    place = said["place"].strip()
    try:
        parse_timezone(place)
    except PolicyError:
        return ""
    return (
        f"\nLiving in {esc(place)}? <code>/timezone {esc(place)}</code> puts your digests and "
        "quiet hours on its clock."
    )


def there(store: Stores, msg: Incoming, clock: str, place: str, limit: int) -> str:
    """ "I live in Munich": the /timezone of the place, and the /edit of each alert that keeps
    to it, a remote one to the jobs open to its country (or, with no alert, the /alert to
    fill in with one's words)."""
    alerts = store.alerts.alerts(msg.chat_id)
    if not alerts:
        return place_template(clock, place)
    home = _country(place)
    remote = [a for a in alerts[: alter.MOST] if home and _remote(a.query)]
    lead = "For the jobs there, your alerts kept to it"
    if remote:
        lead += f", a remote one to the jobs open to its country (<code>{esc(home)}</code>)"
    lines: list[str] = []
    led = False  # (the lead said once, before the first /edit)
    for alert in alerts[: alter.MOST]:
        words = home if alert in remote else place
        said = alter.reply(store, msg, alter.Change(True, words, alert.id, lead=lead), limit)
        edits = "<code>/edit" in said
        lines += said.split("\n")[1:] if led and edits else said.split("\n")
        led |= edits
    return clock.lstrip() + "\n" + "\n".join(lines)


def _remote(query: str) -> bool:
    """Whether an alert asks for remote jobs alone (remote:yes among its terms)."""
    try:
        root = stored_query(query).root
    except QueryError:
        return False
    return Attr("remote", "yes") in (root.children if isinstance(root, And) else (root,))


def _country(place: str) -> str:
    """from: the country of a place filter (location:"sao paulo": from:brazil); "" for a
    place in no one country."""
    said = place.partition(":")[2].strip('"')
    codes = [p for p in read_places(said) if len(p) == 2 and p.isupper()]
    if len(codes) != 1:
        return ""
    names = [" ".join(n) for n in gazetteer().words.get(codes[0], ())]
    name = "us" if codes[0] == "US" else next((n for n in names if len(n) > 2), "")
    return f'from:"{name}"' if " " in name else f"from:{name}" if name else ""
