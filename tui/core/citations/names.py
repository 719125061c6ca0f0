"""Turn an ``authors`` entry of the front matter into a CSL name.

* ``Family, Given`` (split at the first comma) is a person.
* Without a comma, a person is written ``Given Family``: two to four
  capitalised words, no digit, no ``&``, no all-caps word, no lower-case word
  other than a particle, and no organisation word.  The family name is the
  last word, or starts earlier at the first particle (``Maria da Silva``).
* Anything else is an organisation, kept verbatim as a CSL ``literal``.
"""

from __future__ import annotations

PARTICLES = frozenset(
    "van von de der den du da di le la del della des dos das ten ter zu".split()
)

# A name holding one of these words is an organisation, not a person.
ORGANISATION_WORDS = frozenset(
    word.casefold()
    for word in """
    Ministry Agency News Press Office Service Services Staff Department Bureau
    Council Committee Association Institute University Times Post Reuters
    Inform Government Embassy Bank Group Company Corporation Foundation Center
    Centre Commission Parliament Senate Court Union Federation Organization
    Organisation Network Media Journal Herald Tribune Daily Weekly Gazette
    Channel Radio Television TV Editorial Editors Editor Team Desk Board Society
    Club Party Authority Administration Akimat Correspondent Correspondents
    Reporters Newsroom Online Fund Programme Program Secretariat Republic
    Ltd Inc LLC LLP JSC
    """.split()
)


def _is_capitalised(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    if not letters or not letters[0].isupper():
        return False
    # "BBC", "NATO": an all-caps word of two or more letters is an acronym.
    return not (len(letters) > 1 and all(c.isupper() for c in letters))


def _person_words(name: str) -> list[str] | None:
    """The words of ``name`` when it reads as ``Given Family``, else None."""
    words = name.split()
    if not 2 <= len(words) <= 4:
        return None
    if any(c.isdigit() or c == "&" for c in name):
        return None
    for word in words:
        if word.strip(".,").casefold() in ORGANISATION_WORDS:
            return None
        if word in PARTICLES:
            continue
        if not _is_capitalised(word):
            return None
    if words[-1] in PARTICLES:
        return None
    return words


def parse_name(raw: str) -> dict[str, str]:
    """CSL name for one ``authors`` entry (see the module docstring)."""
    name = " ".join(str(raw).split())
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        if family:
            return {"family": family, "given": given} if given else {"family": family}
    words = _person_words(name)
    if words is None:
        return {"literal": name}
    start = len(words) - 1
    for i, word in enumerate(words[:-1]):
        if word in PARTICLES:
            start = i
            break
    person = {"family": " ".join(words[start:])}
    if start:
        person["given"] = " ".join(words[:start])
    return person
