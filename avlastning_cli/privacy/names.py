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

from . import lexicon

_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")
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
    """
)
_WEAK_AFTER = _set(
    """
    var hade är har kom gick blev fick tog såg hörde satt sitter behöver behövde mår fortsatte
    och som från
    was had is has came went got took saw heard sat needs did and who from
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
    "eriet", "ionen", "ingen", "ngarna", "huset", "rummet", "ljuset",
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
    for k in range(3, len(low) - 3):
        head, tail = low[:k], low[k:]
        if (head in common or (head.endswith("s") and head[:-1] in common)) and _in_lexicon(
            tail, common
        ):
            return True
    return False


def _is_cap(word: str) -> bool:
    return word[0].isupper() and not word.isupper() and len(word) >= 2


def find_names(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of names of people in ``text``, merged and sorted."""
    toks = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
    n = len(toks)
    if not n:
        return []
    non_names = lexicon.non_names()
    is_name = [False] * n
    placeholder = [False] * n
    cap = [False] * n
    start_of_sentence = [False] * n
    adjacent_next = [False] * n  # only plain spaces between token i and i + 1
    prev_end = 0
    for i, (s, _e, w) in enumerate(toks):
        gap = text[prev_end:s]
        start_of_sentence[i] = i == 0 or any(c in _SENTENCE_GAP for c in gap)
        if i:
            adjacent_next[i - 1] = gap == " " or gap == "\u00a0"
        cap[i] = _is_cap(w)
        if w in _PLACEHOLDER_NAMES and text[s - 1 : s] == "[" and text[_e : _e + 1] == "]":
            placeholder[i] = True
        prev_end = _e
    # "Dr. Smith": a title abbreviation does not end the sentence.
    for i in range(1, n):
        if start_of_sentence[i] and toks[i - 1][2].lower() in {"dr", "mr", "mrs", "ms", "prof"}:
            gap = text[toks[i - 1][1] : toks[i][0]]
            if gap.strip() == ".":
                start_of_sentence[i] = False
                adjacent_next[i - 1] = True

    def lower(i: int) -> str:
        return toks[i][2].lower()

    def ctx_before(i: int) -> bool:
        if i == 0:
            return False
        if lower(i - 1) in CONTEXT_BEFORE and (adjacent_next[i - 1] or not start_of_sentence[i]):
            return True
        return i >= 2 and lower(i - 1) == "to" and lower(i - 2) == "according"

    def followed_by_number(i: int) -> bool:
        e = toks[i][1]
        return bool(re.match(r"\s?\d", text[e : e + 2]))

    def blocked(i: int) -> bool:
        w = toks[i][2]
        if lower(i) in ROLE_WORDS or lower(i) in CONTEXT_BEFORE or w in _SAINTS:
            return True
        if i + 1 < n and adjacent_next[i] and lower(i + 1) in _ORG_HEADS:
            return True
        return (i > 0 and adjacent_next[i - 1] and toks[i - 1][2] in _SAINTS) or w in non_names

    known: list[tuple[bool, bool]] = [(False, False)] * n
    common: list[bool | None] = [None] * n

    def is_common(i: int) -> bool:
        c = common[i]
        if c is None:
            c = common[i] = _is_common(toks[i][2])
        return c

    def next_after(i: int) -> str:
        return lower(i + 1) if i + 1 < n and adjacent_next[i] else ""

    def next_is_namelike(i: int, surname_only: bool = False) -> bool:
        if not (i + 1 < n and adjacent_next[i] and (cap[i + 1] or placeholder[i + 1])):
            return False
        if placeholder[i + 1]:
            return True
        k, amb = known[i + 1]
        w = toks[i + 1][2]
        if surname_only and w not in lexicon.surnames():
            k = False
        return (k and not amb) or (w.endswith(_SURNAME_SUFFIX) and not is_common(i + 1))

    def coordinated(i: int) -> bool:
        """ "Anna och Ebba", "Ebba and Anna": joined by och/and to a known name."""
        if not (i + 2 < n and adjacent_next[i] and adjacent_next[i + 1]):
            return False
        if lower(i + 1) not in {"och", "and", "&"} or not cap[i + 2]:
            return False
        k2, amb2 = known[i + 2]
        return k2 and not amb2

    for i in range(n):
        if cap[i]:
            known[i] = _known(toks[i][2])

    for i in range(n):
        w = toks[i][2]
        if placeholder[i]:
            continue
        if not cap[i]:
            if ctx_before(i) and not w[0].isupper():
                cand = w.capitalize()
                if cand in lexicon.first_names() and not is_common(i):
                    is_name[i] = cand not in lexicon.ambiguous_names()
            continue
        if ctx_before(i) and lower(i) not in ROLE_WORDS:
            is_name[i] = True
            continue
        if blocked(i):
            continue
        k, amb = known[i]
        sos = start_of_sentence[i]
        after = next_after(i)
        if k and not amb:
            is_name[i] = True
        elif k:
            if followed_by_number(i):
                continue
            derived = w not in lexicon.first_names() and w not in lexicon.surnames()
            is_name[i] = (
                not sos
                or after in _STRONG_AFTER
                or next_is_namelike(i, surname_only=True)  # "Bo Svensson", not "Ring Anna"
                or coordinated(i)
                or (derived and after in _KIN_AFTER)  # "Lindas mamma", not "Hans mamma"
            )
        elif not is_common(i):
            if followed_by_number(i) or len(w) <= 2:
                continue
            nounish = w.lower().endswith(_NOUN_ENDINGS)
            is_name[i] = (
                not sos
                or after in _STRONG_AFTER
                or (after in _WEAK_AFTER and not nounish)
                or (after in _KIN_AFTER and not nounish)
                or (w.endswith(_STRONG_SUFFIX) and not nounish)
                or next_is_namelike(i)
                or coordinated(i)
            )

    # A capitalised word next to a name is part of it ("Anna Lindqvist", "Lars Erik Berg").
    def extendable(j: int) -> bool:
        return cap[j] and not is_name[j] and not placeholder[j] and not blocked(j)

    for _ in range(2):
        for i in range(n):
            if not (is_name[i] or placeholder[i]):
                continue
            j = i + 1
            if j < n and adjacent_next[i] and extendable(j) and not followed_by_number(j):
                is_name[j] = True
            j = i - 1
            if (
                j >= 0
                and adjacent_next[j]
                and extendable(j)
                and (not start_of_sentence[j] or not (is_common(j) or known[j][1]))
            ):
                is_name[j] = True

    spans: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if not is_name[i]:
            i += 1
            continue
        s, e = toks[i][0], toks[i][1]
        j = i + 1
        while j < n:
            if is_name[j] and adjacent_next[j - 1]:
                e = toks[j][1]
                j += 1
                continue
            # "Jan van der Berg", "Osama bin Laden"
            q = j
            while q < n and toks[q][2] in _PARTICLES and adjacent_next[q - 1]:
                q += 1
            if q > j and q < n and adjacent_next[q - 1] and is_name[q]:
                j = q
                continue
            break
        if toks[j - 1][2].endswith("s") and text[e : e + 1] in {"'", "’"}:
            e += 1  # English genitive "Frances'"
        spans.append((s, e))
        i = j
    return spans
