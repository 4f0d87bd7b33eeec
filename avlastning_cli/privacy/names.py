"""Recogniser for names of people, using name lists, capitalisation and context.

The rules, in short:

* a known name (first name or surname, also hyphenated or in the genitive) written with a capital
  letter is a name; if it is also an ordinary word ("Bo", "Dag", "Hans", "Will") it is a name
  mid-sentence, but at a sentence start only with evidence (a following name or a verb such as
  "sa", "ringde", "said");
* an unknown capitalised word that is not an ordinary word is a name mid-sentence (Swedish and
  English write nouns in lower case) and at a sentence start with evidence (a speech verb after
  it, a strong surname ending such as -sson/-qvist/-ović);
* a word after a context word ("kollegan", "patienten", "enligt", "colleague", "Dr") is a name
  even when it is an ordinary word, and a capitalised word next to a name extends the name;
* places, organisations, months, role titles and words followed by a number ("Ward 5", "Sal 3")
  are not names.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate

from . import lexicon

_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")
_SPLIT_RE = re.compile(f"({_WORD_RE.pattern})")
_SENTENCE_GAP = frozenset('.!?:;\n"“”«»•*|>')
_PLACEHOLDER_NAMES = frozenset({"NAMN", "NAME"})


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


CONTEXT_BEFORE = _set(
    """
    kollegan kollega arbetskamraten arbetskamrat patienten patient brukaren brukare boenden
    klienten klient vårdtagaren vårdtagare eleven elev kunden kund besökaren anhörige anhörig
    mamman pappan modern fadern maken make makan maka frun hustrun sambon sambo dottern sonen
    systern brodern flickan pojken killen tjejen kvinnan vikarien praktikanten studenten chefen
    enhetschefen avdelningschefen ledaren kuratorn läkaren doktor doktorn dr sjuksköterskan
    undersköterskan skötaren vårdbiträdet vårdaren assistenten personlige handledaren
    kontaktpersonen kontaktmannen herr fru fröken syster vännen väninnan grannen kompisen
    enligt heter hette kallad kallas namnet signaturen sign
    colleague co-worker coworker patient client resident tenant pupil student customer visitor
    relative mother father mum mom dad husband wife partner son daughter brother boyfriend
    girlfriend friend neighbour neighbor carer nurse doctor mr mrs ms miss mx prof manager
    supervisor paramedic officer sergeant named nicknamed
    """
)
# Verbs after a name that are evidence of a person at a sentence start.
_STRONG_AFTER = _set(
    """
    sa sade säger ringde ringer berättade berättar skrev svarade frågade tyckte menade kände
    grät skrek ville mådde larmade jobbade arbetade pratade talade verkade vaknade somnade
    hittade hjälpte lämnade stannade åkte skakade avled dog föll bad orkade ringt sagt
    said says rang phoned told asked answered replied felt cried wrote mentioned reported
    explained shouted screamed worked talked spoke seemed woke slept helped found collapsed
    died wanted needed thought arrived stayed
    visste undrade försökte körde sprang grät gråter skriker svarar frågar vaknar pratar nås
    drove called checked looked ran tried texted emailed knew wondered
    """
)
_WEAK_AFTER = _set(
    """
    var hade är har kom gick blev fick tog såg hörde satt sitter behöver behövde mår fortsatte
    vill kan ska skulle måste kunde får vet jobbar arbetar hittar hjälper skriver skickade bar
    kör känner orkar sov sover gjorde
    och som från
    was had is has came went got took saw heard sat needs did and who from
    will would can could should must wants knows lost works
    """
)
_KIN_AFTER = _set(
    """
    mamma pappa man fru make maka sambo son dotter barn familj föräldrar syster bror
    mother father mum mom dad husband wife partner son daughter children family sister brother
    """
)
ROLE_WORDS = _set(
    """
    sjuksköterskan sjuksköterska sjuksköterskor undersköterskan undersköterska undersköterskor
    läkaren läkare läkarna chefen chef chefer enhetschefen avdelningschefen verksamhetschefen
    kuratorn kurator psykologen psykolog skötaren skötare vårdbiträdet vårdbiträde vikarien
    vikarie ambulanspersonalen personalen polisen brandmännen räddningstjänsten prästen
    patienten patient kollegan kollega brukaren boende anhöriga teamledaren ledaren
    nurse nurses doctor doctors manager paramedic paramedics police officer chaplain carer
    """
)
_ORG_HEADS = _set(
    """
    sjukhus sjukhuset lasarett lasarettet vårdcentral vårdcentralen skola skolan kyrka kyrkan
    kommun kommuns län region regionen station stationen centrum torg park parken gymnasium
    universitet äldreboende vårdboende hälsocentral hospital hospice clinic school church
    college university station park centre center infirmary street road gatan vägen
    """
)
# Upper-case words that are abbreviations, never names written in capitals ("IVA" is also a
# first name, "AVA" too): an ALL-CAPS word is a name only if it is a known name and not here.
ACRONYMS = _set(
    """
    IVA BUP PKL HR AVA SOS CPR HLR AT ST IVO AFA LSS FRG POSOM FHV BHV SITHS MIG LVM LPT LVU
    SOSFS BVC MVC VC KAVA PAM SSK USK ICA TV PC OK USA EU UK FN NN ICU GP NHS OH ED AE ER
    CAMHS HCA RN EMS ALS BLS DNR DNACPR MAP ECG EKG CT MR MRI LÄK BMA OBS SMS MMS PIN ID
    """
)
# Endings of place and organisation names ("Götalandsregionen", "Lerums kommun" is a head word).
_ORG_SUFFIX = ("regionen", "kommun", "sjukhuset", "lasarettet", "landstinget", "vårdcentralen")
# Words before a lower-case known first name that show it is a person ("med sara", "rang maria").
_LOWER_BEFORE = _set(
    """
    med till åt hos för av ring ringde ringer ringt fråga frågade prata pratade mejla tacka
    tror enligt och
    with to for call rang called phone phoned ask asked tell told email text think thanks and
    """
)
# Of those, the ones that show a person even before a word that is also ordinary ("ringde maria").
_LOWER_STRONG_BEFORE = _set("ring ringde ringer ringt fråga frågade mejla rang call called phoned")
_VERB_AFTER = _STRONG_AFTER | (_WEAK_AFTER - _set("och som från and who from"))
# First names that are also words often starting a sentence before a verb ("Alla fick", "Man
# kan", "Hope is"): at a sentence start a following verb is no evidence for these.
_NO_VERB_EVIDENCE = _set(
    """
    Alla Bara Dina Mina Sina Man Han Inga Inge My Och Till Över Else Hope Line Do Us Such Ute
    Villa Ring Said Lie Love Summer Winter Best Good Rich Long Fit Gay Case Key Job Day Liv
    """
)
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "prof"})
_TITLES_ANYCASE = _TITLES | {w.capitalize() for w in _TITLES}
_CONTEXT_ANYCASE = CONTEXT_BEFORE | {w.capitalize() for w in CONTEXT_BEFORE}
_SAINTS = frozenset({"St", "S:t", "Sankt", "Saint", "Sta", "Santa"})
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "af", "da", "di", "du", "bin", "ibn"})
_STRONG_SUFFIX = (
    "sson", "qvist", "kvist", "quist", "ström", "ović", "ovic", "ević", "evic", "vić", "nen",
    "zadeh", "oglu", "oğlu", "wski", "czyk", "wicz", "ić",
)  # fmt: skip
_SURNAME_SUFFIX = (
    *_STRONG_SUFFIX, "son", "sen", "berg", "lund", "gren", "dahl", "holm", "ell", "ius",
    "ander", "ic", "ić", "ahmed", "ski", "blad", "stedt", "fors", "ling", "man", "ros", "by",
)  # fmt: skip


def _known(word: str) -> tuple[bool, bool]:
    """Return (is a known name, is also an ordinary word)."""
    firsts, surs, amb = lexicon.first_names(), lexicon.surnames(), lexicon.ambiguous_names()
    if word in firsts or word in surs:
        return True, word in amb
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        known = [p for p in parts if p in firsts or p in surs]
        if known and all(p[0].isupper() or p in {"al", "el"} for p in parts):
            return True, all(p in amb for p in known) and len(known) == len(parts)
        return False, False
    base = word
    if word.endswith(("'s", "’s")):
        base = word[:-2]
    elif word.endswith("s") and len(word) > 3:
        base = word[:-1]
    if base != word and (base in firsts or base in surs):
        # "Annas", "Eriks": ambiguous only if the genitive form itself is a word ("Dags")
        return True, word.lower() in lexicon.common_words()
    return False, False


# Endings of Swedish nouns in the definite form: such a word at a sentence start ("Saturationen
# var ...") is a noun, not a name, unless a speech verb follows.
_NOUN_ENDINGS = (
    "tionen", "ningen", "heten", "andet", "endet", "arna", "erna", "orna", "iteten", "skapet",
    "eriet", "ionen", "ingen", "ngarna", "huset", "rummet", "ljuset", "vägen", "dörren",
)  # fmt: skip
_INFLECTIONS = ("arna", "erna", "orna", "na", "en", "et", "er", "ar", "or", "n", "t")


def _in_lexicon(low: str, common: frozenset[str]) -> bool:
    """``low`` or a Swedish inflected form of a lexicon word ("saturationen", "dykarna")."""
    if low in common:
        return True
    for suf in _INFLECTIONS:
        if low.endswith(suf) and len(low) - len(suf) >= 4:
            stem = low[: -len(suf)]
            if stem in common or stem + "e" in common or stem + "a" in common:
                return True
    return False


def _is_common(word: str) -> bool:
    """An ordinary (lower-case) word of Swedish or English, also compounds of two such words."""
    low = word.lower()
    common = lexicon.common_words()
    if low in common:
        return True
    if "-" in low:
        return all(_in_lexicon(p, common) for p in low.split("-") if p)
    if low.endswith(_SURNAME_SUFFIX):
        return False
    if len(low) >= 8 and _in_lexicon(low, common):
        return True
    if len(low) < 9:
        return False
    # A head is a lexicon word and a tail a lexicon word with at most a 4-letter ending, so only
    # cuts within those lengths can succeed: the loop stays short for a 100 000-letter "word"
    # (every cut used to slice the whole word: quadratic, issue 16).
    longest = _longest_common()
    for k in range(max(3, len(low) - longest - 4), min(len(low) - 3, longest + 2)):
        head, tail = low[:k], low[k:]
        if (head in common or (head.endswith("s") and head[:-1] in common)) and _in_lexicon(
            tail, common
        ):
            return True
    return False


@cache
def _longest_common() -> int:
    return max(map(len, lexicon.common_words()))


@cache
def _lower_firsts() -> frozenset[str]:
    """Known first names in lower case ("ebba", "johan") that are not also ordinary words in the
    ambiguous list: candidates when a leader types a name without its capital."""
    amb = lexicon.ambiguous_names()
    return frozenset(f.lower() for f in lexicon.first_names() if f not in amb and len(f) >= 2)


def _is_cap(word: str) -> bool:
    return word[0].isupper() and not word.isupper() and len(word) >= 2


def find_names(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of names of people in ``text``, merged and sorted."""
    # parts = [gap, word, gap, word, ..., gap]: split in C, offsets only computed if needed
    parts = _SPLIT_RE.split(text)
    words: list[str] = parts[1::2]
    gaps: list[str] = parts[0::2]  # gaps[i] before words[i], gaps[i + 1] after it
    n = len(words)
    # Only capitalised words and words after a context word can be names.
    cands = [i for i, w in enumerate(words) if w[0].isupper()]
    cands += [i + 1 for i, w in enumerate(words) if w in _CONTEXT_ANYCASE and i + 1 < n]
    lower_firsts = _lower_firsts()
    if not cands and lower_firsts.isdisjoint(words):
        return []
    cands = sorted(set(cands))
    non_names = lexicon.non_names()
    firsts, surs = lexicon.first_names(), lexicon.surnames()
    starters = lexicon.capitalised_common()
    cache_known: dict[int, tuple[bool, bool]] = {}
    cache_common: dict[int, bool] = {}

    def word(i: int) -> str:
        return words[i]

    def lower(i: int) -> str:
        return words[i].lower()

    # joined[i]: only a plain space between words[i - 1] and words[i]; breaks[i]: a sentence
    # boundary before words[i]. "Dr. Smith": a title's dot neither breaks nor separates.
    joined = [g == " " or g == "\u00a0" for g in gaps]
    breaks = [not _SENTENCE_GAP.isdisjoint(g) for g in gaps]
    breaks[0] = True
    for i in [i for i, w in enumerate(words[:-1]) if w in _TITLES_ANYCASE]:
        if gaps[i + 1].strip() == ".":
            joined[i + 1], breaks[i + 1] = True, False
    joined.append(False)
    capital = [w[0].isupper() and not w.isupper() and len(w) >= 2 for w in words]
    capital.append(False)

    def adjacent_next(i: int) -> bool:
        """Only a plain space between token i and i + 1."""
        return joined[i + 1] and i + 1 < n

    def sos(i: int) -> bool:
        return breaks[i]

    def cap(i: int) -> bool:
        return i >= 0 and capital[i]

    def placeholder(i: int) -> bool:
        return (
            words[i] in _PLACEHOLDER_NAMES and gaps[i].endswith("[") and gaps[i + 1].startswith("]")
        )

    def known(i: int) -> tuple[bool, bool]:
        k = cache_known.get(i)
        if k is None:
            k = cache_known[i] = _known(words[i]) if cap(i) else (False, False)
        return k

    def is_common(i: int) -> bool:
        c = cache_common.get(i)
        if c is None:
            c = cache_common[i] = _is_common(words[i])
        return c

    def ctx_before(i: int) -> bool:
        if i == 0:
            return False
        if word(i - 1) in _CONTEXT_ANYCASE and (adjacent_next(i - 1) or not sos(i)):
            return True
        return i >= 2 and lower(i - 1) == "to" and lower(i - 2) == "according"

    def followed_by_number(i: int) -> bool:
        g = gaps[i + 1]
        return g[:1].isdigit() or (g[:1] == " " and g[1:2].isdigit())

    def blocked(i: int) -> bool:
        w = word(i)
        low = w.lower()
        if low in ROLE_WORDS or low in CONTEXT_BEFORE or w in _SAINTS or w in non_names:
            return True
        head, dash, _rest = w.partition("-")
        if dash and len(head) >= 2 and head.isupper():  # "PKL-gruppen", "IVA-sköterskan"
            return True
        if low.endswith(_ORG_SUFFIX) or (i > 0 and lower(i - 1) == "lex"):  # "lex Maria"
            return True
        if adjacent_next(i) and lower(i + 1) in _ORG_HEADS:
            return True
        return i > 0 and adjacent_next(i - 1) and words[i - 1] in _SAINTS

    def next_after(i: int) -> str:
        return lower(i + 1) if adjacent_next(i) else ""

    def next_is_namelike(i: int, surname_only: bool = False) -> bool:
        if not adjacent_next(i):
            return False
        if placeholder(i + 1):
            return True
        if not cap(i + 1):
            return False
        k, amb = known(i + 1)
        w = word(i + 1)
        if surname_only and w not in surs:
            k = False
        return (k and not amb) or (w.endswith(_SURNAME_SUFFIX) and not is_common(i + 1))

    def coordinated(i: int) -> bool:
        """ "Anna och Ebba", "Ebba and Anna": joined by och/and to a known name."""
        if not (adjacent_next(i) and adjacent_next(i + 1)):
            return False
        if lower(i + 1) not in {"och", "and", "&"} or not cap(i + 2) or blocked(i + 2):
            return False
        return known(i + 2)[0]  # "Maj och Siv", "Grace and Hope": two names, not two words

    names: set[int] = set()
    anchors: list[int] = []  # names and [NAMN] placeholders: the extension starts from them
    for i in cands:
        w = word(i)
        if not cap(i):
            if placeholder(i):
                anchors.append(i)
            elif len(w) >= 2 and w.isupper():  # "OMAR", "ANNA-KARIN", not "IVA", "HR"
                if w not in ACRONYMS:
                    t = w.title()
                    k, amb = _known(t)
                    if k and t not in non_names and (not amb or next_after(i) in _STRONG_AFTER):
                        names.add(i)
            elif ctx_before(i) and not w[0].isupper():
                cand = w.capitalize()
                if cand in firsts and cand not in lexicon.ambiguous_names() and not is_common(i):
                    names.add(i)
            continue
        if ctx_before(i) and w.lower() not in ROLE_WORDS:
            names.add(i)
            continue
        if breaks[i] and w in starters:  # "Det", "Patienten": the usual sentence start
            continue
        if blocked(i):
            continue
        k, amb = known(i)
        start = sos(i)
        after = next_after(i)
        decided = False
        if k and not amb:
            decided = True
        elif k:
            if followed_by_number(i):
                continue
            derived = w not in firsts and w not in surs
            decided = (
                not start
                or after in _STRONG_AFTER
                or (  # "Bo var först", "Frank was in the ambulance"; not "Alla fick"
                    after in _VERB_AFTER and w in firsts and w not in _NO_VERB_EVIDENCE
                )
                or next_is_namelike(i, surname_only=True)  # "Bo Svensson", not "Ring Anna"
                or coordinated(i)
                or (derived and after in _KIN_AFTER)  # "Lindas mamma", not "Hans mamma"
            )
        elif not is_common(i):
            if followed_by_number(i) or len(w) <= 2:
                continue
            nounish = w.lower().endswith(_NOUN_ENDINGS)
            decided = (
                not start
                or after in _STRONG_AFTER
                or (after in _WEAK_AFTER and not nounish)
                or (after in _KIN_AFTER and not nounish)
                or (w.endswith(_STRONG_SUFFIX) and not nounish)
                or next_is_namelike(i)
                or coordinated(i)
            )
        if decided:
            names.add(i)

    # Lower-case known first names with evidence: "ebba ringde", "med sara", "johan och fatima".
    if not lower_firsts.isdisjoint(words):
        common = lexicon.common_words()
        for i, w in enumerate(words):
            if w not in lower_firsts or i in names or gaps[i].rstrip()[-1:].isdigit():
                continue
            after = next_after(i)
            before = lower(i - 1) if i > 0 and joined[i] else ""
            strong = after in _STRONG_AFTER or before in _LOWER_STRONG_BEFORE
            cue = before in _LOWER_BEFORE or after in _VERB_AFTER or after in {"och", "and"}
            if strong or (cue and w not in common and not followed_by_number(i)):
                names.add(i)

    # Lists: a capitalised word joined to a name by ", " or och/and is a name too
    # ("Kicki, Nisse och Lotta", "(Ronja, Vilja, Dag)"); places and roles stay blocked.
    def listed(j: int) -> bool:
        if j in names or not cap(j) or blocked(j) or followed_by_number(j):
            return False
        if sos(j):
            return not is_common(j) and word(j) not in starters
        return True

    frontier = sorted(names)
    while frontier:
        i = frontier.pop()
        for j, sep in ((i + 1, i + 1), (i - 1, i), (i + 2, -1), (i - 2, -2)):
            if not 0 <= j < n:
                continue
            if sep >= 0:
                ok = gaps[sep] in {", ", ","}
            else:
                m = i + 1 if sep == -1 else i - 1
                lo, hi = min(i, j), max(i, j)
                ok = lower(m) in {"och", "and"} and joined[lo + 1] and joined[hi]
            if ok and listed(j):
                names.add(j)
                frontier.append(j)

    # A capitalised word next to a name is part of it ("Anna Lindqvist", "Lars Erik Berg").
    def extendable(j: int) -> bool:
        return cap(j) and j not in names and not placeholder(j) and not blocked(j)

    frontier = sorted(names) + anchors
    while frontier:
        i = frontier.pop()
        j = i + 1
        if j < n and adjacent_next(i) and extendable(j) and not followed_by_number(j):
            names.add(j)
            frontier.append(j)
        j = i - 1
        if (
            j >= 0
            and adjacent_next(j)
            and extendable(j)
            and (not sos(j) or not (is_common(j) or known(j)[1]))
        ):
            names.add(j)
            frontier.append(j)

    if not names:
        return []
    offs = list(accumulate(map(len, parts)))  # words[i] spans offs[2i]..offs[2i + 1]
    spans: list[tuple[int, int]] = []
    order = sorted(names)
    pos = 0
    while pos < len(order):
        i = order[pos]
        s, e = offs[2 * i], offs[2 * i + 1]
        last = i
        pos += 1
        while True:
            if pos < len(order) and order[pos] == last + 1 and adjacent_next(last):
                last = order[pos]
                e = offs[2 * last + 1]
                pos += 1
                continue
            # "Jan van der Berg", "Osama bin Laden"
            q = last + 1
            while q < n and word(q) in _PARTICLES and adjacent_next(q - 1):
                q += 1
            if q > last + 1 and pos < len(order) and order[pos] == q and adjacent_next(q - 1):
                last = q
                e = offs[2 * last + 1]
                pos += 1
                continue
            break
        if word(last).endswith("s") and text[e : e + 1] in {"'", "’"}:
            e += 1  # English genitive "Frances'"
        spans.append((s, e))
    return spans
