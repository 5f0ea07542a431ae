"""What a text that is a link, or has one, asks: /follow and /why of it (of a login-walled
site, why not), /follow of a list of links, and of one link among words the command its words
ask for ("why didn't I get this? https://…" /why, "can you watch this company https://…"
/follow). Pure; `talk` answers texts with it."""

from __future__ import annotations

import html
import re

from bot.follow import walled
from bot.telegram.args import with_scheme

esc = html.escape

_LINK = re.compile(r"https?://\S{1,300}")
_WHY = re.compile(
    r"\b(?:why|how come|match(?:ed|es)?|reach(?:ed)?|receive[d]?|sent|get|got|miss(?:ed)?)\b",
    re.IGNORECASE,
)
_FOLLOW = re.compile(
    r"\b(?:follow|watch|track|monitor|subscribe|add|compan(?:y|ies)|careers?|boards?|hiring)\b",
    re.IGNORECASE,
)
_AROUND = ",;()<>\"'“”"


def link_reply(text: str) -> str | None:
    """What to do with one link sent where no command takes it: /follow and /why of it (of a
    login-walled site, why not); None when `text` is no link."""
    url = esc(with_scheme(text))
    if len(url) > 300 or not url.startswith(("http://", "https://")) or " " in text.strip():
        return None
    if site := walled(with_scheme(text)):
        return (
            f"That's {'an' if site[:1] in 'AEIOU' else 'a'} {site} link. I don't read {site}: it "
            "shows jobs only to people logged in. To follow the company, send <code>/follow</code> "
            "with its own careers page or job board, where the same jobs are."
        )
    return (
        f"That's a link. <code>/follow {url}</code> follows the company's jobs (a careers "
        f"page or job board); <code>/why {url}</code> says why a job did or didn't reach you."
    )


def links_said(text: str, words: list[str]) -> str | None:
    """What to do with a link, or a list of links: /follow (and /why of one), or one link
    among words (`link_among_words`); None when the text has no link."""
    if len(words) == 1 and (said := link_reply(text)):
        return said
    links = [esc(with_scheme(w.strip(",;"))) for w in words]
    if 1 < len(links) <= 10 and all(_LINK.fullmatch(x) for x in links) and len(text) <= 1500:
        return (
            f"Those are links. <code>/follow {' '.join(links)}</code> follows those companies' "
            "jobs (careers pages or job boards)."
        )
    return link_among_words(words)


def link_among_words(words: list[str]) -> str | None:
    """For one link among a few words: /why of it when they ask why a job came or not,
    /follow when they ask to watch a company, both when they say neither; None for none."""
    links = [w for w in words if "://" in w or ("/" in w and with_scheme(w) != w)]
    if len(links) != 1 or len(words) > 20 or words[0].lower() == "follow":
        return None  # ("follow stripe.com/jobs": the command without its slash, as `asked` says)
    url = with_scheme(links[0].strip(_AROUND).rstrip(".?!"))
    rest = " ".join(w for w in words if w != links[0])
    why, follow = _WHY.search(rest), _FOLLOW.search(rest)
    if walled(url) or (why is None and follow is None) or (why and follow):
        return link_reply(url)
    if why:
        return f"To ask why that job did or didn't reach you: <code>/why {esc(url)}</code>."
    return (
        f"To follow that company's jobs: <code>/follow {esc(url)}</code> (its careers page or "
        "job board)."
    )
