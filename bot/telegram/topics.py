"""Kinds of job or company people leave out by name ("crypto", "agencies", "recruiters"), none a
company's, and the ways jobs write each: leaving out "agencies" keeps a job that says
"agency". `leaveout` and `mute_topic` read them."""

from __future__ import annotations

# Kinds of job or company people leave out by name ("crypto", "agencies"), none a company's.
TOPICS = frozenset({
    "crypto", "cryptocurrency", "blockchain", "web3", "defi", "nft", "nfts", "gambling",
    "betting", "igaming", "gaming", "adtech", "agency", "agencies", "recruiter", "recruiters",
    "recruiting", "recruitment", "staffing", "headhunter", "headhunters", "consultancy",
    "consultancies", "consulting", "outsourcing", "bodyshop", "bodyshops", "defense", "defence",
    "military", "tobacco", "oil", "mlm", "startup", "startups", "enterprise", "corporate",
    "corporates", "krypto", "werkstudent", "werkstudenten", "praktikum", "praktika",
    "glucksspiel", "internship", "internships",
})  # fmt: skip
# A job says "agency" or "agencies": leaving out one of them keeps the other.
_FORMS = {
    "agency": "agencies", "recruiter": "recruiters", "headhunter": "headhunters",
    "consultancy": "consultancies", "bodyshop": "bodyshops", "startup": "startups",
    "corporate": "corporates", "nft": "nfts", "werkstudent": "werkstudenten",
    "praktikum": "praktika",
}  # fmt: skip
_SAME = {"krypto": ("krypto", "crypto")}  # German: postings in Berlin say "crypto" too
# German words postings write in the singular and the plural ("Werkstudent (m/w/d)").
_GERMAN = ("werkstudent", "praktikum")
_ONE = {many: one for one, many in _FORMS.items()}


def spellings(word: str) -> tuple[str, ...]:
    """`word` and its other spellings jobs write ("krypto": krypto, crypto; "werkstudenten":
    werkstudent, werkstudenten); the word alone when it has none. The sentence reader leaves
    out the same (`tips.exclude`)."""
    if _ONE.get(word, word) in _GERMAN:
        return word_forms(word)
    return _SAME.get(word, (word,))


def word_forms(word: str) -> tuple[str, ...]:
    """The ways jobs write `word`: singular and plural ("agency", "agencies"), its other
    spelling ("krypto", "crypto"); the word alone when it has no other."""
    if word in _SAME:
        return spellings(word)
    one = _ONE.get(word, word)
    return (one, _FORMS[one]) if one in _FORMS else (word,)
