"""Drop what is not the posting: Remote OK's canary, page chrome, "Similar jobs", repeats,
a title's requisition code."""

from __future__ import annotations

import re

from bot.normalize.markup import html_to_text
from bot.normalize.text import clean_text

_CANARY_START = "Please mention the word"
_CANARY_END = re.compile(r"they(?:'|’|&#39;|&rsquo;)re human\.?|</p>")
_BREAKS = ("<br>", "<br/>", "<br />")


def strip_canary(markup: str | None) -> str:
    """Drop Remote OK's anti-spam paragraph ("Please mention the word **X** and tag <base64 of
    the fetcher's IP>..."): noise to a reader, a false match for alerts, and our IP address."""
    if not markup:
        return ""
    start = markup.find(_CANARY_START)
    if start < 0:
        return markup
    end = _CANARY_END.search(markup, start)
    tail = "" if end is None else markup[end.end() if end.group() != "</p>" else end.start() :]
    head = markup[:start].rstrip()
    while head[-8:].lower().endswith(_BREAKS):  # the tail only: lowering all of it is slow
        head = head[: head.rfind("<")].rstrip()
    return head + tail


# A line that starts what follows the posting on aggregator pages: other companies' jobs.
_TAIL_HEADINGS = re.compile(
    r"(?:similar|related|recommended|more|other) (?:jobs|positions|roles|openings|vacancies)"
    r"(?: (?:at|from|by|in|like this|you may like)(?: [^.!?]{0,40})?)?(?: \(\d+\))?"
    r"|(?:other|more) jobs (?:at|from|by) [^.!?]{1,40}|jobs you (?:may|might) (?:also )?like"
    r"|you (?:may|might) also like|people also (?:viewed|applied(?: for)?)",
    re.IGNORECASE,
)
# A short line of page chrome: apply buttons, paywalls, sharing, navigation.
_CHROME_LINES = re.compile(
    r"apply (?:now|here|for this (?:position|job|role))\b.*|.*\bad[- ]free\b.*"
    r"|.*\b(?:go|get|upgrade to|try|join) premium\b.*|(?:sign|log) ?in (?:to|for) .*"
    r"|(?:subscribe|register) to (?:see|view|read|unlock|apply).*|unlock (?:the )?full .*"
    r"|share (?:this )?(?:job|position|role|on)\b.*|report (?:this )?(?:job|listing)\b.*"
    r"|save (?:this )?job|back to (?:all )?jobs\b.*|skip to (?:main )?content|view all jobs\b.*"
    r"|(?:home|jobs|companies|remote jobs|post a job)(?: [|/›>·] .*)?",
    re.IGNORECASE,
)
_LANDMARKS = ("nav", "header", "footer", "aside", "form", "button", "dialog")
_INLINE_BULLET = re.compile(r"(?<=[^\s•])[ \t]*•[ \t]*")


def _drop_repeats(lines: list[str]) -> list[str]:
    """Drop a second copy of a run of lines (a page that renders its body twice, e.g. desktop and
    mobile). A run counts when it has 3+ lines and 200+ characters, so a repeated bullet stays;
    it is grown backwards over short lines (a title) that the two copies also share."""
    first: dict[str, int] = {}
    kept: list[int] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        j = first.get(line)
        if j is not None and len(line) >= 20:
            k = size = 0
            while i + k < n and j + k < i and lines[j + k] == lines[i + k]:
                size += len(lines[i + k])
                k += 1
            if k >= 3 and size >= 200:
                back = 1
                while (
                    kept
                    and kept[-1] == i - back >= j + k
                    and j - back >= 0
                    and lines[j - back] == lines[i - back]
                ):
                    kept.pop()
                    back += 1
                i += k
                continue
        first.setdefault(line, i)
        kept.append(i)
        i += 1
    return [lines[x] for x in kept]


def strip_page_noise(text: str) -> str:
    """The posting alone from a page's text: no "Similar Jobs" (or "Other jobs from X") list and
    what follows it, no apply/paywall/share/navigation lines, no second copy of the body; inline
    "•" bullets (Lever lists flattened by aggregators) put back on lines of their own."""
    if not text:
        return ""
    text = _INLINE_BULLET.sub("\n• ", text)
    lines: list[str] = []
    for line in text.split("\n"):
        bare = line.strip().rstrip(":")
        if bare and len(bare) <= 80 and _TAIL_HEADINGS.fullmatch(bare):
            break
        if bare and len(bare) <= 120 and _CHROME_LINES.fullmatch(bare):
            continue
        lines.append(line.strip())
    return clean_text("\n".join(_drop_repeats(lines)))


def page_text(markup: str | None) -> str:
    """Text of a posting's part of an HTML page (or a scraped description): landmarks such as
    nav, header, footer, aside and forms dropped, then `strip_page_noise`."""
    if not markup:
        return ""
    return strip_page_noise(html_to_text(markup, drop=_LANDMARKS))


# A requisition code in brackets at a title's start or end ("[Job - 24974] Senior React
# Developer", "Data Engineer (REQ-2024-0456)", "(R-01234)"): a number of 3+ digits after a
# word that names it or capitals, or of 5+ alone. "(2026)", "(1099 Contract)", "(L5)" stay.
_CODE = (
    r"[\[(](?:(?:job|req(?:uisition)?|jr|id|ref|posting)\b[\s#:.-]*(?:(?-i:[A-Z]{1,4})[-_ ]?)?"
    r"\d{3,}|(?-i:[A-Z]{1,4})[-_ ]?\d{3,}|\d{5,})[\w-]*[\])]"
)
_LEADING_CODE = re.compile(rf"^\s*{_CODE}\s*[-–:|]?\s*", re.IGNORECASE)
_TRAILING_CODE = re.compile(rf"\s*[-–|]?\s*{_CODE}\s*$", re.IGNORECASE)


def title_without_code(title: str) -> str:
    """The title without a requisition code at its start or end: noise to a job seeker, and
    a title alert's words are in the rest. A title that is a code alone stays."""
    if "[" not in title and "(" not in title:
        return title
    bare = _TRAILING_CODE.sub("", _LEADING_CODE.sub("", title))
    return bare or title
