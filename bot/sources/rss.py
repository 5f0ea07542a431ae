"""RSS 2.0 and Atom job feeds, We Work Remotely's among them.

RSS 0.9x, 1.0 (RDF) and 2.0 and Atom 1.0 are read with the C-backed ElementTree (expat: the
declared encoding is honoured, entity expansion is bounded). Broken XML is a ParseError naming
its line and column: a feed that does not parse is reported, never guessed at.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from bot.errors import ParseError
from bot.models import RawPosting
from bot.normalize import parse_date
from bot.normalize.urls import joined
from bot.sources.base import content_id, guarded, register
from bot.sources.contract import Context, Page, Response, Source

WWR_FEED = "https://weworkremotely.com/remote-jobs.rss"
_FEED_SUFFIXES = (".rss", ".atom", ".xml")
_FEED_SEGMENTS = frozenset({"feed", "feeds", "rss", "atom"})
_ATOM = "{http://www.w3.org/2005/Atom}"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF"
_RSS1 = "{http://purl.org/rss/1.0/}"


@dataclass(frozen=True, slots=True)
class _Entry:
    """One feed entry, RSS or Atom."""

    id: str | None
    link: str | None
    title: str | None
    author: str | None
    location: str | None
    employment: str | None
    html: str | None
    text: str | None
    date: object


def _is_wwr(url: str) -> bool:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a feed's own link may be anything ("http://[::1")
        return False
    return host == "weworkremotely.com" or host.endswith(".weworkremotely.com")


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _link_from_id(external_id: str) -> str:
    return external_id if external_id.startswith(("http://", "https://")) else ""


def _shared_links(entries: list[_Entry], feed_link: str) -> set[str]:
    """Links that are not one entry's own: the feed's page, or used by several entries."""
    counts = Counter(e.link for e in entries if e.link)
    return {link for link, n in counts.items() if n > 1} | ({feed_link} if feed_link else set())


def _split_title(title: str) -> tuple[str | None, str]:
    """ "Company: Role" -> (company, role); a title without ": " is all role."""
    company, sep, role = title.partition(": ")
    if sep and company.strip() and role.strip():
        return company.strip(), role.strip()
    return None, title


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _fields(item: ET.Element) -> dict[str, ET.Element]:
    """An entry's child elements by local name (the first of each)."""
    found: dict[str, ET.Element] = {}
    for child in item:
        found.setdefault(_local(child.tag), child)
    return found


def _inner_xml(element: ET.Element) -> str:
    """An Atom xhtml content's children as HTML, namespaces dropped."""
    for node in element.iter():
        node.tag = _local(node.tag)
    inner = "".join(ET.tostring(child, encoding="unicode") for child in element)
    return (element.text or "") + inner


@guarded
def _rss_entry(item: ET.Element) -> _Entry:
    f = _fields(item)
    get = lambda name: _text(f[name].text) if name in f else None  # noqa: E731
    link = get("link") or (_text(f["link"].get("href")) if "link" in f else None)
    guid = get("guid")
    if not link and guid and "guid" in f and f["guid"].get("isPermaLink", "true") != "false":
        link = _link_from_id(guid)
    return _Entry(
        id=guid,
        link=link,
        title=get("title"),
        author=get("company") or get("creator") or get("author"),
        location=get("region") or get("location"),
        employment=get("type") or get("job_type"),
        html=get("encoded") or get("description"),
        text=None,
        date=parse_date(get("pubDate") or get("date") or get("published") or get("updated")),
    )


def _atom_link(entry: ET.Element, base: str) -> str | None:
    links = [link for link in entry.findall(f"{_ATOM}link") if link.get("href")]
    best = next((x for x in links if x.get("rel", "alternate") == "alternate"), None)
    best = best or (links[0] if links else None)
    if best is None:
        return None
    href = best.get("href", "").strip()
    return joined(best.get(_XML_BASE) or base, href) if base else href


def _atom_body(f: dict[str, ET.Element]) -> tuple[str | None, str | None]:
    for name in ("content", "summary"):
        node = f.get(name)
        if node is None:
            continue
        kind = node.get("type", "text")
        value = _inner_xml(node) if kind == "xhtml" else node.text
        if value and _text(value):
            return (
                (None, value.strip()) if kind in ("text", "text/plain") else (value.strip(), None)
            )
    return None, None


@guarded
def _atom_entry(entry: ET.Element, feed_base: str) -> _Entry:
    f = _fields(entry)
    get = lambda name: _text(f[name].text) if name in f else None  # noqa: E731
    base = joined(feed_base, entry.get(_XML_BASE, "")) if feed_base else entry.get(_XML_BASE, "")
    author = f.get("author")
    name = author.find(f"{_ATOM}name") if author is not None else None
    html, text = _atom_body(f)
    return _Entry(
        id=get("id"),
        link=_atom_link(entry, base),
        title=get("title"),
        author=get("company") or (_text(name.text) if name is not None else None),
        location=get("region") or get("location"),
        employment=get("type") or get("job_type"),
        html=html,
        text=text,
        date=parse_date(get("published") or get("updated")),
    )


def _root(body: bytes) -> ET.Element:
    """The document's root element. Broken XML (a stray "&", an unclosed tag: common in
    hand-made feeds) is read as far as a recovering parser can; a body nothing can be read
    from is one clear error."""
    if not body.strip():
        raise ParseError("expected an RSS or Atom feed, got an empty body")
    try:
        return ET.fromstring(body)
    except ET.ParseError as exc:
        recovered = _recover(body)
        if recovered is not None and len(recovered):
            return recovered
        line, column = exc.position
        reason = str(exc).split(":", 1)[0].removeprefix("not well-formed").strip(" ()")
        raise ParseError(
            "expected an RSS or Atom feed, got not well-formed XML at line "
            f"{line}, column {column} ({reason or 'invalid token'})"
        ) from None


# A bare "&" (R&D, Q&A) that starts no entity or character reference: libxml2's recovery
# drops it with the word after it ("R Engineer"), so it is escaped first.
_BARE_AMP = re.compile(rb"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z_][\w.-]*;)")


def _recover(body: bytes) -> ET.Element | None:
    """libxml2's recovering parser (entities not expanded, no network, no huge trees), its
    tree handed back as an ElementTree element; None when nothing can be read. Bare "&"s
    are escaped first so no text is lost with them."""
    body = _BARE_AMP.sub(b"&amp;", body)
    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )  # fmt: skip
    try:
        root = etree.fromstring(body, parser)
        return ET.fromstring(etree.tostring(root)) if root is not None else None
    except (etree.LxmlError, ET.ParseError, ValueError):  # SerialisationError of bad bytes too
        return None


def _read(body: bytes) -> tuple[str, list[_Entry]]:
    """(the feed's own link, its entries) of an RSS 0.9x/1.0/2.0 or Atom 1.0 feed."""
    root = _root(body)
    if root.tag in ("rss", _RDF):
        ns = "" if root.tag == "rss" else _RSS1
        channel = root.find(f"{ns}channel")
        if channel is None:
            raise ParseError("expected an RSS or Atom feed, got <rss> without a <channel>")
        items = (channel if root.tag == "rss" else root).iterfind(f"{ns}item")
        entries = [_rss_entry(item) for item in items]
        return channel.findtext(f"{ns}link") or "", [e for e in entries if e is not None]
    if root.tag == f"{_ATOM}feed":
        base = root.get(_XML_BASE, "")
        links = [x.get("href", "") for x in root.findall(f"{_ATOM}link")]
        entries = [_atom_entry(e, base) for e in root.iterfind(f"{_ATOM}entry")]
        return (links[0] if links else ""), [e for e in entries if e is not None]
    raise ParseError(f"expected an RSS or Atom feed, got XML whose root is <{_local(root.tag)}>")


@register
class Rss(Source):
    kind = "rss"
    generic = True
    title = "RSS or Atom job feed (e.g. weworkremotely.com/remote-jobs.rss)"
    example_url = WWR_FEED

    def endpoint(self, url: str) -> str | None:
        url = url.strip()
        if "://" not in url and "." in url.split("/", 1)[0]:
            url = "https://" + url
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        path = parts.path.lower()
        if _is_wwr(url):
            if path.endswith(".rss"):
                return url
            if path.startswith("/categories/"):
                return f"https://weworkremotely.com{parts.path.rstrip('/')}.rss"
            return WWR_FEED
        segments = set(path.split("/"))
        if path.endswith(_FEED_SUFFIXES) or segments & _FEED_SEGMENTS:
            return url
        return None

    def parse(self, response: Response, ctx: Context) -> Page:
        """Feed entries as postings. "Company: Role" titles are split when no author is given."""
        feed_link, entries = _read(response.body)
        wwr = _is_wwr(feed_link) or _is_wwr(response.url)
        # Split "Company: Role" on WWR, or on feeds where every title has that shape.
        split = wwr or (bool(entries) and all(": " in (entry.title or "") for entry in entries))
        postings: list[RawPosting] = []
        seen: set[str] = set()
        shared = _shared_links(entries, feed_link)
        for entry in entries:
            external_id = entry.id or (entry.link if entry.link not in shared else None)
            if not external_id:  # no guid, and no link of its own: known by what it says
                external_id = content_id(entry.title, entry.author, entry.location,
                                         entry.html or entry.text, entry.date)  # fmt: skip
            if external_id in seen:
                continue
            seen.add(external_id)
            title, company = entry.title or "", entry.author
            if company is None and split:
                company, title = _split_title(title)
            postings.append(
                RawPosting(
                    external_id=external_id,
                    title=title,
                    url=entry.link or _link_from_id(external_id),
                    company=company,
                    location=entry.location,
                    description_html=entry.html,
                    description_text=entry.text,
                    posted_at=entry.date,
                    remote=True if wwr else None,
                    employment_type=entry.employment,
                )
            )
        return Page(postings)
