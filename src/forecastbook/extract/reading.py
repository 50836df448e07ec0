"""What `extract` accepts as an article: UTF-8 text (plain, Markdown or HTML), checked on entry.

A PDF, a binary file or text in another encoding used to come out as "No predictions found"
or as silently garbled words ("caf\ufffd"); each now gets a one-line error that names the
file and says what to do. Text that does not look like English gets a warning, since the
rules only know English forecasting language.
"""

from __future__ import annotations

import re

from forecastbook.errors import ForecastbookError


class NotAnArticle(ForecastbookError):
    """The file is not UTF-8 text (a PDF, an image, another encoding)."""


_SIGNATURES = {
    b"%PDF-": "a PDF",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.odt document)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"\x1f\x8b": "a gzip archive",
}


def decode_article(data: bytes, name: str) -> str:
    """The text of an article file's bytes, or `NotAnArticle` naming `name`.

    >>> decode_article("café will open".encode(), "a.txt")
    'café will open'
    >>> try:
    ...     decode_article(b"%PDF-1.7 ...", "a.pdf")
    ... except NotAnArticle as err:
    ...     print(err)
    a.pdf: this is a PDF, not text; save the article as text or HTML first
    """
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            msg = f"{name}: this is {kind}, not text; save the article as text or HTML first"
            raise NotAnArticle(msg)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        msg = f"{name}: the text is UTF-16; save it as UTF-8"
        raise NotAnArticle(msg)
    if b"\x00" in data[:65536]:
        msg = f"{name}: this is a binary file, not text"
        raise NotAnArticle(msg)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        msg = (
            f"{name}: line {line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8"
        )
        raise NotAnArticle(msg) from None


# The most frequent English function words; running English prose has plenty of them.
_ENGLISH = frozenset(
    {
        "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "on", "with", "as",
        "was", "be", "by", "are", "this", "will", "from", "or", "have", "an", "not", "at",
        "which", "but", "has", "would", "could", "may", "its", "their", "they", "been", "more",
        "than", "can",
    }
)  # fmt: skip


def language_warning(text: str) -> str | None:
    """A warning when the text does not look like English, else None.

    >>> language_warning("The council will approve the budget by the end of the year.") is None
    True
    >>> print(language_warning("Der Rat wird den Haushalt bis Ende des Jahres genehmigen.")[:61])
    the text does not look like English (0% common English words)
    """
    words = re.findall(r"[^\W\d_]+", text[:200_000].lower())
    if len(words) < 8:
        return None
    share = sum(w in _ENGLISH for w in words) / len(words)
    if share >= 0.08:
        return None
    return (
        f"the text does not look like English ({share:.0%} common English words); "
        "extract only knows English forecasting language"
    )
