"""Stage 4 of extraction: claims -> questions.

`claim_question` rephrases a claim as a yes/no question about the event, without the hedge
(the probability carries it), or keeps the claim word for word with a note to rephrase it;
`antecedent_question` does the same for the condition of a conditional claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from forecastbook.extract import stance as stance_words
from forecastbook.extract.claims import AUX, MONTH_MAY, Claim, strip_lead, subject_of

_LOWER_FIRST = {
    "the", "a", "an", "this", "that", "these", "those", "such", "some", "any", "each", "every",
    "they", "he", "she", "it", "we", "i", "you", "its", "their", "his", "her", "our", "my",
    "many", "most", "several", "other", "another", "both", "all", "no", "one", "critics",
    "supporters", "analysts", "experts", "officials", "observers", "there", "prices", "sources",
    "further", "additional", "fresh", "renewed",
}  # fmt: skip


def _lower_first(text: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Lowercase a sentence-initial word unless it looks like a name.

    A word counts as ordinary when it is a function word, ends in -ing/-ly, or appears in
    lowercase elsewhere in the article (`vocabulary`); names never do.
    """
    first = text.split(None, 1)[0] if text.split() else ""
    word = first.strip('"“‘(').lower()
    if not first[:1].isupper() or first == "I" or (first[1:] and not first[1:].islower()):
        return text
    if word in _LOWER_FIRST or word in vocabulary:
        return first[0].lower() + text[1:]
    rest = text.split()[1:2]
    # "Rising prices", "Increasingly, ...": ordinary; "Beijing will": a name before its verb
    if word.endswith(("ing", "ly")) and rest and rest[0].lower() not in _AUXILIARIES:
        return first[0].lower() + text[1:]
    # "Retaliation against ...", "Agreement on ...": an abstract noun is never a name
    if len(word) > 6 and word.endswith(("tion", "sion", "ment", "ance", "ence", "ity")):
        return first[0].lower() + text[1:]
    return text


_AUXILIARIES = {
    "will", "would", "may", "might", "could", "can", "shall", "should", "is", "are", "was",
    "were", "has", "have", "had", "does", "did", "won't", "won’t", "isn't", "isn’t",
}  # fmt: skip


def lowercase_vocabulary(text: str) -> frozenset[str]:
    """Words that occur in lowercase in `text` (so are not names when capitalised)."""
    return frozenset(re.findall(r"(?<![\w’'-])[a-z][a-z’'-]+", text))


# "Next in line is Jane Doe": a copula before a name that is the real subject.
_INVERTED_SUBJECT = re.compile(
    r"^.+?\s(?:is|are)\s+(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})$"
)


_MAKES_FAVOURITE = re.compile(
    r"^.*?\b(?:makes?|made|making|sees?|saw|rates?|rated|has|have|had|names?|named)\s+"
    r"(?P<np>\S.*)$",
    re.I,
)


def as_question(clause: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Rephrase a predicting clause as a yes/no question (a draft for a human to edit).

    A negative auxiliary ("will not", "is unlikely to") is dropped: the question asks about
    the event, and the probability from the wording (low) says what the article expects.

    >>> as_question("European leaders will demand stronger commitments.")
    'Will European leaders demand stronger commitments?'
    >>> as_question("However, critics argue that the deal could come at Kyiv's expense.")
    "Will the deal come at Kyiv's expense?"
    >>> as_question("They plan to raise spending to 2.5% of GDP.")
    'Will they raise spending to 2.5% of GDP?'
    """
    text = strip_lead(_DASH_ASIDE.sub("", clause))
    # the month or the name "May" is not the modal; the mask keeps every offset
    masked = " " + MONTH_MAY.sub("Maj", text)
    match = AUX.search(masked)
    while match is not None:
        subject = subject_of((" " + text)[: match.start()])
        if subject and _SUBORDINATE_SUBJECT.match(subject):
            # "As the committee prepares to meet, analysts expect rates will rise": the
            # first verb is in a subordinate clause; the claim's verb comes later
            match = AUX.search(masked, match.start("rest"))
            continue
        rest = (" " + text)[match.start("rest") :].strip()
        if match["cop"]:
            rest = f"be {rest}"
        elif match["forx"]:
            rest = f"be {match['forx']} {rest}"
        maker = _MAKES_FAVOURITE.match(subject) if "favo" in match["aux"].lower() else None
        if maker:  # "the model makes the Tories favourites to win": the Tories
            subject = maker["np"]
        inverted = _INVERTED_SUBJECT.match(subject)
        if inverted:  # "First on the list is Jane Doe will ...": Jane Doe
            subject = inverted["name"]
        if subject and len(subject.split()) <= 15 and rest:
            if " and " in rest or " but " in rest or " or " in rest:
                words_ = rest.split()
                # "will hold but remains vulnerable": remain (", writes X" is a source)
                _coordinated_base_forms(words_, 1, commas=False)
                rest = " ".join(words_)
            # "will not"/"is unlikely to" are dropped (the low probability says it);
            # "may not" keeps its "not", which stays in `rest`.
            return f"Will {_lower_first(subject, vocabulary)} {rest}?"
        break
    return f"Will this happen: {_lower_first(text, vocabulary)}?"


_SUBORDINATE_SUBJECT = re.compile(
    r"^(?:as|while|when|whilst|once|since|because|although|though|after|before|until|if)\s",
    re.I,
)
# "A rate cut is considered much less likely", "lower rates are widely expected this year",
# "X most likely to win": the likelihood is said of a noun phrase (or of its verb phrase).
_PREDICATIVE = re.compile(
    r"^(?P<np>[^,;:()]+?)\s+(?:(?:is|are|remains?|looks?|seems?|appears?)\s+)?"
    r"(?:(?:considered|seen\s+as|viewed\s+as|deemed|thought)\s+)?"
    r"(?:(?:much|far|even|very|highly|most|more|less|increasingly|now|still|also|quite|fairly"
    r"|widely|generally|broadly)\s+)*"
    r"(?:(?P<likely>likely|unlikely|probable|improbable|expected|anticipated|inevitable"
    r"|a\s+(?:near[- ])?certainty)\b)"
    r"(?:\s+to\s+(?P<vp>[^,;]+)|(?P<tail>(?:\s+(?!to\b|that\b|and\b|but\b|as\b|while\b)"
    r"[^,;\s]+)*))",
    re.I,
)
_NOT_AN_EVENT = re.compile(
    r"^(?:it|this|that|these|those|they|he|she|we|i|there|which|what|who|such|so|more|less"
    r"|most|much)\b",
    re.I,
)
_DASH_ASIDE = re.compile(r"\s+[–—-]\s+[^–—]*?\s+[–—-](?=\s|$)")


def predicative_question(clause: str, vocabulary: frozenset[str] = frozenset()) -> str | None:
    """A question for a likelihood said of a noun phrase, or None.

    >>> predicative_question("a strike on the port is considered much less likely")
    'Will there be a strike on the port?'
    >>> predicative_question("higher tariffs are widely expected next year and that will hurt")
    'Will there be higher tariffs next year?'
    >>> predicative_question("the mayor most likely to stay in office")
    'Will the mayor stay in office?'
    """
    text = strip_lead(_DASH_ASIDE.sub("", clause))
    for segment in re.split(r"[,;:“”\"‘]\s*|\s[’']|[’']$", text):
        match = _PREDICATIVE.match(strip_lead(segment.strip(" '’")))
        if match is None:
            continue
        np = match["np"].strip()
        if (
            _NOT_AN_EVENT.match(np)
            or _NP_BREAK.search(np)
            or len(np.split()) > 12
            or AUX.search(" " + np)
        ):
            return None
        np = _lower_first(np, vocabulary)
        if match["vp"]:
            if match["likely"].lower() not in {"likely", "unlikely"}:
                return None
            return f"Will {np} {match['vp'].strip()}?"
        tail = (match["tail"] or "").rstrip(" .")
        return f"Will there be {np}{tail}?"
    return None


# a noun phrase does not hold a relative pronoun nor end on a determiner ("the most likely X")
_NP_BREAK = re.compile(
    r"\b(?:which|that|who|whom|whose|where)\b|(?:^|\s)(?:the|a|an|its|their|his|her|our)$", re.I
)


def antecedent_question(clause: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Turn the condition of a conditional ("the U.S. reduces aid") into a yes/no question.

    >>> antecedent_question("the U.S. reduces its security commitments")
    'Will the U.S. reduce its security commitments?'
    >>> antecedent_question("Trump secure a victory")
    'Will Trump secure a victory?'
    >>> antecedent_question("negotiations were to recognize the annexation")
    'Will negotiations recognize the annexation?'
    """
    text = strip_lead(clause)
    text, hypothetical = re.subn(r"\b(?:were|was)\s+to\s+", "", text, count=1)
    tokens = text.split()
    if hypothetical:  # "were to ban": the verb is already in its base form
        return f"Will {_lower_first(text, vocabulary)}?"
    for i, token in enumerate(tokens[1:], start=1):
        low = token.lower()
        if low in {"is", "are", "was", "were"}:
            subject = " ".join(tokens[:i])
            rest = " ".join(tokens[i + 1 :])
            return f"Will {_lower_first(subject, vocabulary)} be {rest}?"
        if low in {"has", "have", "had"} and i + 1 < len(tokens):
            subject = " ".join(tokens[:i])
            return f"Will {_lower_first(subject, vocabulary)} have {' '.join(tokens[i + 1 :])}?"
        if _looks_like_verb_s(tokens, i):
            tokens[i] = _base_form(token)
            _coordinated_base_forms(tokens, i + 1)
            break
    return f"Will {_lower_first(' '.join(tokens), vocabulary)}?"


def _coordinated_base_forms(tokens: list[str], start: int, *, commas: bool = True) -> None:
    """ "... and gives", "but does not send", ", retains": verbs coordinated with the first,
    in their base form too, as the question asks "Will X introduce ... and give ...?"."""
    for j in range(max(start, 1), len(tokens) - 1):
        before = tokens[j - 1].lower()
        if before not in {"and", "but", "or"} and not (commas and before.endswith(",")):
            continue
        low = tokens[j].lower()
        if low == "does" and tokens[j + 1].lower() in {"not", "n’t", "n't"}:
            tokens[j] = "do"
        elif commas and (
            low in _COMMON_VERBS_S or (len(low) > 3 and _looks_like_verb_s(tokens, j))
        ):
            tokens[j] = _base_form(tokens[j])  # a condition or scenario: "X sells ... and moves"
        elif (low in _COMMON_VERBS_S and tokens[j + 1].lower() not in _PREPOSITIONS) or (
            len(low) > 4
            and _looks_like_verb_s(tokens, j)
            and tokens[j + 1].lower() in _OBJECT_START  # "retains some", not "signs of"
        ):
            tokens[j] = _base_form(tokens[j])


_PREPOSITIONS = {"of", "in", "on", "at", "for", "to", "from", "with", "by", "about", "into"}
_OBJECT_START = {
    "the", "a", "an", "its", "their", "his", "her", "our", "some", "any", "no", "more", "all",
    "this", "that", "these", "those",
}  # fmt: skip


_DETERMINERS = {
    "the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "to", "on", "in",
    "into", "with", "from", "for", "up", "down", "out", "off", "back", "over", "no", "more",
    "less", "some", "any", "all", "this", "that", "these", "those", "against", "toward",
    "towards", "by", "at", "as", "before", "after", "within", "until", "next", "again",
}  # fmt: skip


def _looks_like_verb_s(tokens: Sequence[str], i: int) -> bool:
    """A third-person verb such as "reduces": ends in -s, followed by an object or particle."""
    low = tokens[i].lower()
    if not re.fullmatch(r"[a-z]+s", low) or low.endswith(("ss", "us", "is", "'s")):
        return False
    if low in {"its", "has", "was", "this", "thus", "always", "perhaps", "sometimes", "less"}:
        return False
    if i + 1 < len(tokens) and {f"{tokens[i + 1].lower()}s", f"{tokens[i + 1].lower()}es"} & (
        _COMMON_VERBS_S
    ):
        return False  # "Rival firms go bankrupt": a plural subject, then its verb
    if i == 1 and tokens[0][:1].isupper() and tokens[0].lower() not in _DETERMINERS:
        return True  # "Ukraine gives part of ...": a name, then its verb
    if low in _COMMON_VERBS_S and i + 1 < len(tokens):
        return True  # "the ferry company goes bankrupt"
    if tokens[i - 1].lower() in _DETERMINERS:
        return False  # "the talks", "its commitments": a noun
    if i + 1 == len(tokens):
        # "it rains", "the price rises": a short subject, then the verb last
        return i == 1 or (i == 2 and tokens[0].lower() in _DETERMINERS)
    nxt = tokens[i + 1].lower()
    # an object or particle follows a verb: "reduces its", "cuts rates", "rises sharply"
    return nxt in _DETERMINERS or nxt.endswith(("ly", "s")) or nxt in _ADVERBS


_COMMON_VERBS_S = {
    "goes", "becomes", "gives", "takes", "makes", "gets", "wins", "loses", "falls", "rises",
    "remains", "stays", "joins", "leaves", "enters", "signs", "agrees", "accepts", "holds",
    "keeps", "turns", "ends", "starts", "begins", "breaks", "collapses", "invades", "reaches",
    "launches", "seeks", "sends", "comes", "introduces", "drops", "cuts", "raises", "imposes",
}  # fmt: skip
_ADVERBS = {"soon", "again", "early", "late", "first", "now", "today", "tomorrow", "further"}


def _base_form(verb: str) -> str:
    if verb.lower() == "does":
        return "do"
    if re.search(r"[^aeiou]ies$", verb):
        return verb[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|z|o)es$", verb):
        return verb[:-2]
    return verb[:-1]


_HEDGE_ADVERB = re.compile(
    r"\s+(?:most\s+|very\s+|highly\s+|almost\s+)?(?:likely|probably|possibly|potentially|perhaps"
    r"|certainly|surely|presumably|definitely|undoubtedly)\b(?!\s+(?:to|that)\b)",
    re.I,
)
# ", with one expert adding ...", ", said Daniil M., an economist": asides, not the event.
_TRAILING_ASIDE = re.compile(
    r"[,;][’'”\"]?\s+(?:with\s+(?:one|some|many|several|other|an?|potential|possible|further)\b"
    r"|according\s+to|said|says|adding"
    # ", analysts said", ", economists Jane Roe and John Doe conclude": the source, at the end
    r"|(?:[\w.’()':-]+\s+){1,6}?(?:said|says|added|noted|warned|concluded|concludes|conclude"
    r"|wrote|writes|argued|argues|reported|reports|found|finds|showed|shows|predicts|predicted|say"
    r"|estimates|estimated|told\s+[\w.’'-]+(?:\s+[A-Z][\w.’'-]*){0,2})"
    r"(?:\s+(?:on\s+|late\s+|early\s+)?(?:\w+day|today|yesterday))?(?:,\s+[^?]*)?(?=\s*\?$)"
    # ", Jane Roe, senior analyst at Acme, told CNBC": a named source with its title
    r"|(?-i:[A-Z])[\w.’'-]*(?:\s+(?-i:[A-Z])[\w.’'-]*){0,3},\s+[^?]{1,80}?,\s+(?:said|says|told|added"
    r"|wrote|noted)\b[^?]*(?=\?$)"
    # ", writes the Herald", ", reported the agency": the verb before its source
    r"|(?:writes|wrote|reported|reports|told|say|says|said)\s+(?:[\w.’'-]+\s*){1,5}(?=\?$)"
    r"|depending\s+on\s"
    r"|noted|warned|(?:he|she|they)\s+(?:said|says|added)|(?:leading|making|leaving|prompting"
    r"|forcing|pushing|putting|causing|raising|sending|giving|dragging)\s|although\s|though\s"
    r"|even\s+though\s|compared\s+(?:to|with)\s|versus\s|while\s|whereas\s"
    # a reason or a description after the event: ", in part because ...", ", as polls show
    # ...", ", which would hurt ...", ", where ..."
    r"|(?:in\s+part\s+|partly\s+|largely\s+|mainly\s+|not\s+least\s+)?because\s"
    r"|as\s+(?!well|much|long|soon|early|many|far|part|a\s|an\s|the\s+\w+\s+of\b)\w+\s+\w+"
    r"|(?:which|where|whose|who)\s)[^?]*\?$",
    re.I,
)
# "... be lower and not higher?": the contrast repeats the event; the question ends before it.
# A reason after the event without a comma: "... buyers of gold as dedollarisation is not a
# one-off", "... kept on hold following better-than-expected growth"
_TRAILING_REASON = re.compile(
    r"\s+(?:as\s+(?!well|much|long|soon|far|many|early|part|a\b|an\b)[\w-]+(?:\s+[\w-]+){0,3}\s+"
    r"(?:is|are|was|were|has|have|remains?|continues?|seems?)\b"
    r"|following\s+(?!the\s+(?:election|vote|meeting|summit|referendum|decision|talks)\b)"
    r"(?:[\w-]+\s+){0,2}?(?:better|worse|stronger|weaker|higher|lower|[\w-]+-than-[\w-]+)\b)"
    r"[^?]*\?$",
    re.I,
)
_TRAILING_CONTRAST = re.compile(r",?\s+(?:and|but|rather)\s+not\s+[\w-]+(?:\s+[\w-]+)?\?$", re.I)
_BAD_QUESTION = re.compile(
    r"^Will\s+(?:though|although|as|while|if|when|because|since|after|before|despite|with"
    r"|for|on|at|from|and|but|or|so|which|who|whom|whose|that|this\s+happen|to|[a-z]+ly,)\b",
    re.I,
)
# "Brent likely settling closer to $90": a subject, a hedge, and a verb in -ing.
_HEDGED_GERUND = re.compile(
    r"^(?P<subj>.+?)\s+(?:likely|probably|possibly|potentially)\s+(?P<verb>[a-z]+ing)\b"
    r"(?P<rest>.*)$",
    re.I,
)
# "China launching an invasion": a name (or "the X") and a verb in -ing.
_GERUND_EVENT = re.compile(
    r"^(?P<subj>(?:(?:[a-z]+-[a-z]+\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)|(?:the|its|their)\s+[\w.-]+)\s+"
    r"(?P<verb>[a-z]+ing)\b(?P<rest>.*)$"
)


_base_of_gerund = stance_words.base_of_gerund


# Words a title capitalises that are never names: prepositions, conjunctions, "be".
_TITLE_SMALL = {
    "in", "on", "at", "by", "of", "to", "for", "from", "with", "within", "without", "into",
    "over", "under", "before", "after", "until", "during", "and", "or", "but", "be", "been",
    "not", "no", "more", "less", "than", "next", "near", "year", "years", "months", "weeks",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
}  # fmt: skip


def _sentence_case(text: str, vocabulary: frozenset[str], *, title: bool = False) -> str:
    """A title-case headline ("China Won't Invade Taiwan") in sentence case, names kept.

    `title`: the text is known to come from a title (a few words taken from one, such as the
    event of "Port Strike Odds Near 40%"), however few of its words are capitalised.
    """
    tokens = text.split()
    capitalised = sum(t[:1].isupper() for t in tokens)
    if not title and (len(tokens) < 3 or capitalised < 0.6 * len(tokens)):
        return text
    out = [tokens[0]]
    after_aux = False
    for token in tokens[1:]:
        low = token.lower()
        bare = low.strip(".,;:!?\"“”'‘’()")
        if (
            token[:1].isupper()
            and not token.isupper()
            and (bare in vocabulary or bare in _LOWER_FIRST or bare in _TITLE_SMALL or after_aux)
        ):
            token = low
        after_aux = bare in {"will", "won't", "won’t", "to", "may", "could", "might", "not"}
        out.append(token)
    return " ".join(out)


# Events counted one at a time: a bare "Green majority" or "tram extension" takes "a".
_COUNT_EVENTS = {
    "majority", "victory", "win", "defeat", "landslide", "coalition", "deal", "agreement",
    "ceasefire", "truce", "armistice", "recession", "downturn", "cut", "hike", "rise",
    "increase", "strike", "invasion", "attack", "bubble", "crash", "default", "referendum",
    "extension", "merger", "takeover", "resignation", "coup", "blockade", "runoff", "recount",
    "settlement", "breakthrough", "collapse", "shutdown", "reshuffle", "walkout", "boycott",
}  # fmt: skip
_NP_DETERMINER = re.compile(
    r"^(?:an?|the|this|that|these|those|its|their|his|her|our|my|your|some|any|no|more|further"
    r"|another|each|every|one|two|three|several|many|few|such|what|quite|both|either|neither"
    r"|other|\d|[\w’'-]+[’']s\b)",
    re.I,
)


def _with_article(np: str) -> str:
    """ "a Green majority" for "Green majority"; a noun phrase with a determiner, a plural
    or a mass noun ("inflation above 3%") as it is."""
    core = re.split(r"\s+(?:in|on|at|by|before|after|for|of|to|within|from|during)\s", np)[0]
    words_ = core.split()
    if not words_ or len(words_) > 4 or _NP_DETERMINER.match(np):
        return np
    head = words_[-1].lower().strip(".,;:?!")
    if head not in _COUNT_EVENTS:
        return np
    return f"{'an' if np[:1].lower() in 'aeiou' else 'a'} {np}"


def claim_question(
    claim: Claim, vocabulary: frozenset[str] = frozenset()
) -> tuple[str, str | None]:
    """The draft question for a claim, and a note when the rules could not make a clean one.

    The question asks about the event, without the hedge: the probability carries it. When
    no grammatical yes/no question comes out, the claim is kept word for word in a
    "Will this come true" question and the note says to rephrase it.

    >>> claim_question(Claim(1, "q", "a recession in the next 12 months", None, 0.6, noun=True))
    ('Will there be a recession in the next 12 months?', None)
    >>> claim_question(Claim(1, "q", "Brent likely settling near $90", None, 0.6))
    ('Will Brent settle near $90?', None)
    """
    clause = claim.clause.strip().rstrip(".;:,")
    if claim.headline:
        title = claim.noun and "stated" in claim.reasons  # the event is a title's words
        clause = _sentence_case(clause, vocabulary, title=title)
    if claim.noun:
        gerund = _GERUND_EVENT.match(clause)
        if gerund:
            subject = re.sub(r"[’']s$", "", gerund["subj"])  # "Ruritania's abandoning": Ruritania
            question = f"Will {subject} {_base_of_gerund(gerund['verb'])}{gerund['rest']}?"
        else:
            np = _with_article(_lower_first(strip_lead(clause), vocabulary))
            question = f"Will there be {np}?"
    elif claim.present:
        question = antecedent_question(clause, vocabulary)
    else:
        question = as_question(clause, vocabulary)
        hedged = _HEDGED_GERUND.match(strip_lead(clause))
        if question.startswith("Will this happen") and hedged:
            subject = _lower_first(hedged["subj"], vocabulary)
            question = f"Will {subject} {_base_of_gerund(hedged['verb'])}{hedged['rest']}?"
    if re.search(r"\b(?:almost\s+certainly|probably)\s+not\b", claim.clause, re.I):
        # "will almost certainly not approve": p is the approval's, so the question asks it
        question = re.sub(r"^(Will\s+[^,]*?)\s+not\s+", r"\1 ", question, count=1)
    question = _TRAILING_ASIDE.sub("?", question)
    question = _TRAILING_CONTRAST.sub("?", question)
    question = _TRAILING_REASON.sub("?", question)
    question = " ".join(_HEDGE_ADVERB.sub("", question).split())
    question = re.sub(r"\s+([?,])", r"\1", question)
    if question.startswith("Will this happen") or _BAD_QUESTION.match(question):
        predicated = predicative_question(clause, vocabulary)
        if predicated is not None:
            return predicated, None
        return (
            f"Will this come true: {_lower_first(clause, vocabulary)}?",
            "The rules could not rephrase this claim as a yes/no question; rewrite the question"
            " before accepting.",
        )
    return question, None
