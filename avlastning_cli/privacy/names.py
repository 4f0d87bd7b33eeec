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
import unicodedata
from collections.abc import Callable
from functools import cache
from itertools import accumulate

from . import lexicon

# A word: letters, joined by ' or - to more letters ("Anna-Karin", "O'Brien"). Written as runs
# of letters rather than letter by letter with a lookahead: the same words, split 30 % faster.
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
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
# Endings of street and place names: "Norrlandsgatan", "Storgatan" are places, not people.
_PLACE_SUFFIX = (
    "gatan", "vägen", "gränden", "torget", "stigen", "allén", "backen", "leden", "platsen",
    "kajen", "parken", "centralen", "street", "road", "avenue",
)  # fmt: skip
# Common East Asian family names: before another capitalised word they start a name, also
# when the given name is short or an ordinary word ("Wang Fang", "Li Na", "Kim Ji-woo").
EAST_ASIAN_SURNAMES = _set(
    """
    Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Zhu Hu Guo Lin Luo Gao Liang Zheng
    Xie Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei
    Su Lu Ding Shen Ren Yao Jin Fu Qian Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Shin
    Nguyen Tran Pham Hoang Huynh Phan Vu Vo Dang Bui Ngo Duong Ly Tanaka Sato Suzuki Takahashi
    Watanabe Ito Yamamoto Nakamura Kobayashi
    """
)
# Months that are also first names: a name only before a verb of speech ("June cried").
_MONTH_NAMES = _set("April May June Juni Maj")
# Lower-case words after a role word that are not names ("sjuksköterskan var", "nurse was").
_NOT_AFTER_ROLE = _set(
    """
    var är och som har hade kom gick sa blev i på med till från att det den de en ett inte
    kan ska skulle måste bör får fick vill också sedan här där just bara
    was is and who has had came went said got in on at with to from the a an not
    will may can should must would could shall might also then here there just only
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
# Arabic surnames written with a hyphenated lower-case article: "Mohammed al-Hassan".
_ARTICLE_SURNAME_RE = re.compile(r"(?:al|el|ul|ad|ar|as|ash|at|az|ud|abu)-[A-ZÅÄÖÜÉ][^\W\d_]+")
_STRONG_SUFFIX = (
    "sson", "qvist", "kvist", "quist", "ström", "ović", "ovic", "ević", "evic", "vić", "nen",
    "zadeh", "oglu", "oğlu", "wski", "czyk", "wicz", "ić",
)  # fmt: skip
_SURNAME_SUFFIX = (
    *_STRONG_SUFFIX, "son", "sen", "berg", "lund", "gren", "dahl", "holm", "ell", "ius",
    "ander", "ic", "ić", "ahmed", "ski", "blad", "stedt", "fors", "ling", "man", "ros", "by",
)  # fmt: skip


def _known(word: str) -> tuple[bool, bool]:
    """Return (is a known name, is also an ordinary word); "Hélén" is looked up as "Helen"
    too when the accented form is not listed."""
    k = _known_exact(word)
    if k[0] or word.isascii():
        return k
    plain = _unaccented(word)
    return _known_exact(plain) if plain != word else k


def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _known_exact(word: str) -> tuple[bool, bool]:
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


class Tokens:
    """``text`` cut into words and the gaps between them, with what the rules ask of a word.

    ``words[i]`` has ``gaps[i]`` before it and ``gaps[i + 1]`` after it. Cached per word: whether
    it is a known name and whether it is an ordinary word.
    """

    def __init__(self, text: str) -> None:
        self.parts = _SPLIT_RE.split(text)  # [gap, word, gap, ..., word, gap], split in C
        self.words: list[str] = self.parts[1::2]
        self.gaps: list[str] = self.parts[0::2]
        self.n = len(self.words)
        self.anchors: list[int] = []  # [NAMN] placeholders: names extend from them too
        self._known: dict[int, tuple[bool, bool]] = {}
        self._common: dict[int, bool] = {}
        self._ready = False

    def prepare(self) -> None:
        """The per-word flags (only built when some word may be a name)."""
        words, gaps = self.words, self.gaps
        # joined[i]: only a plain space between words[i - 1] and words[i]; breaks[i]: a sentence
        # boundary before words[i]. "Dr. Smith": a title's dot neither breaks nor separates.
        self.joined = [g == " " or g == "\u00a0" for g in gaps]
        self.breaks = [not _SENTENCE_GAP.isdisjoint(g) for g in gaps]
        self.breaks[0] = True
        for i in [i for i, w in enumerate(words[:-1]) if w in _TITLES_ANYCASE]:
            if gaps[i + 1].strip() == ".":
                self.joined[i + 1], self.breaks[i + 1] = True, False
        self.joined.append(False)
        self.capital = [_is_cap(w) for w in words]
        self.capital.append(False)
        self._ready = True

    # --- what a word is ------------------------------------------------------------------

    def word(self, i: int) -> str:
        return self.words[i]

    def lower(self, i: int) -> str:
        return self.words[i].lower()

    def cap(self, i: int) -> bool:
        return i >= 0 and self.capital[i]

    def sos(self, i: int) -> bool:
        """A sentence starts at word i."""
        return self.breaks[i]

    def adjacent_next(self, i: int) -> bool:
        """Only a plain space between word i and word i + 1."""
        return self.joined[i + 1] and i + 1 < self.n

    def next_after(self, i: int) -> str:
        return self.lower(i + 1) if self.adjacent_next(i) else ""

    def placeholder(self, i: int) -> bool:
        return (
            self.words[i] in _PLACEHOLDER_NAMES
            and self.gaps[i].endswith("[")
            and self.gaps[i + 1].startswith("]")
        )

    def known(self, i: int) -> tuple[bool, bool]:
        """(a known name, also an ordinary word), for a capitalised word."""
        k = self._known.get(i)
        if k is None:
            k = self._known[i] = _known(self.words[i]) if self.cap(i) else (False, False)
        return k

    def is_common(self, i: int) -> bool:
        c = self._common.get(i)
        if c is None:
            c = self._common[i] = _is_common(self.words[i])
        return c

    def ctx_before(self, i: int) -> bool:
        """A context word ("kollegan", "Dr") stands right before word i."""
        if i == 0:
            return False
        if self.words[i - 1] in _CONTEXT_ANYCASE and (self.adjacent_next(i - 1) or not self.sos(i)):
            return True
        return i >= 2 and self.lower(i - 1) == "to" and self.lower(i - 2) == "according"

    def followed_by_number(self, i: int) -> bool:
        g = self.gaps[i + 1]
        return g[:1].isdigit() or (g[:1] == " " and g[1:2].isdigit())

    def blocked(self, i: int) -> bool:
        """A place, organisation or role, never a person."""
        w = self.words[i]
        low = w.lower()
        if low in ROLE_WORDS or low in CONTEXT_BEFORE or w in _SAINTS or w in lexicon.non_names():
            return True
        head, dash, _rest = w.partition("-")
        if dash and len(head) >= 2 and head.isupper():  # "PKL-gruppen", "IVA-sköterskan"
            return True
        if dash and head in lexicon.non_names():  # "Scania-buss", "Volvo-bilen"
            return True
        if low.endswith(_PLACE_SUFFIX) and len(low) > 7:  # "Norrlandsgatan", "Vasagatan"
            return True
        if low.endswith(_ORG_SUFFIX) or (i > 0 and self.lower(i - 1) == "lex"):  # "lex Maria"
            return True
        if self.adjacent_next(i) and self.lower(i + 1) in _ORG_HEADS:
            return True
        return i > 0 and self.adjacent_next(i - 1) and self.words[i - 1] in _SAINTS

    def next_is_namelike(self, i: int, surname_only: bool = False) -> bool:
        if not self.adjacent_next(i):
            return False
        if self.placeholder(i + 1):
            return True
        if not self.cap(i + 1):
            return False
        k, amb = self.known(i + 1)
        w = self.words[i + 1]
        if surname_only and w not in lexicon.surnames():
            k = False
        return (k and not amb) or (w.endswith(_SURNAME_SUFFIX) and not self.is_common(i + 1))

    def coordinated(self, i: int) -> bool:
        """ "Anna och Ebba", "Ebba and Anna": joined by och/and to a known name."""
        if not (self.adjacent_next(i) and self.adjacent_next(i + 1)):
            return False
        if self.lower(i + 1) not in {"och", "and", "&"} or not self.cap(i + 2):
            return False
        if self.blocked(i + 2):
            return False
        return self.known(i + 2)[0]  # "Maj och Siv", "Grace and Hope": two names, not words


# --- the rules for one candidate word, in order ------------------------------------------------
# Each returns True (a name), False (not a name) or None (no opinion: ask the next rule). The
# first rule with an opinion decides.
Rule = Callable[[Tokens, int], "bool | None"]


def rule_placeholder(t: Tokens, i: int) -> bool | None:
    """An earlier [NAMN] is no new name, but a name may extend from it ("[NAMN] Lindqvist")."""
    if not t.cap(i) and t.placeholder(i):
        t.anchors.append(i)
        return False
    return None


def rule_all_caps(t: Tokens, i: int) -> bool | None:
    """ "OMAR", "ANNA-KARIN" are names; "IVA", "HR" are abbreviations."""
    w = t.word(i)
    if t.cap(i) or not (len(w) >= 2 and w.isupper()):
        return None
    if w in ACRONYMS:
        return False
    title = w.title()
    k, amb = _known(title)
    return k and title not in lexicon.non_names() and (not amb or t.next_after(i) in _STRONG_AFTER)


def rule_lower_after_context(t: Tokens, i: int) -> bool | None:
    """ "kollegan ebba": a known first name in lower case after a context word."""
    if t.cap(i):
        return None
    w = t.word(i)
    if not (t.ctx_before(i) and not w[0].isupper()):
        return False  # any other word that is not capitalised is decided elsewhere, if at all
    cand = w.capitalize()
    return (
        cand in lexicon.first_names()
        and cand not in lexicon.ambiguous_names()
        and not t.is_common(i)
    )


def rule_after_context(t: Tokens, i: int) -> bool | None:
    """ "kollegan Vilja", "Dr Berg": any capitalised word after a context word."""
    return True if t.ctx_before(i) and t.lower(i) not in ROLE_WORDS else None


def rule_ordinary_start(t: Tokens, i: int) -> bool | None:
    """ "Det", "Patienten": the usual start of a sentence."""
    return False if t.breaks[i] and lexicon.capitalised_common(t.word(i)) else None


def rule_blocked(t: Tokens, i: int) -> bool | None:
    """Places, organisations, roles."""
    return False if t.blocked(i) else None


def rule_known_name(t: Tokens, i: int) -> bool | None:
    """A known name that is not also an ordinary word."""
    k, amb = t.known(i)
    return True if k and not amb else None


def rule_known_word_name(t: Tokens, i: int) -> bool | None:
    """A known name that is also a word ("Bo", "Hans", "Will"): mid-sentence, or with evidence."""
    k, amb = t.known(i)
    if not (k and amb):
        return None
    if t.followed_by_number(i):
        return False
    w = t.word(i)
    after = t.next_after(i)
    firsts = lexicon.first_names()
    derived = w not in firsts and w not in lexicon.surnames()
    return (
        not t.sos(i)
        or after in _STRONG_AFTER
        # "Bo var först", "Frank was in the ambulance"; not "Alla fick"
        or (after in _VERB_AFTER and w in firsts and w not in _NO_VERB_EVIDENCE)
        or t.next_is_namelike(i, surname_only=True)  # "Bo Svensson", not "Ring Anna"
        or t.coordinated(i)
        or (derived and after in _KIN_AFTER)  # "Lindas mamma", not "Hans mamma"
    )


def rule_unknown_word(t: Tokens, i: int) -> bool | None:
    """A capitalised word that is no ordinary word: mid-sentence, or with evidence."""
    if t.known(i)[0] or t.is_common(i):
        return None
    w = t.word(i)
    if t.followed_by_number(i) or len(w) <= 2:
        return False
    nounish = w.lower().endswith(_NOUN_ENDINGS)
    after = t.next_after(i)
    return (
        not t.sos(i)
        or after in _STRONG_AFTER
        or (after in _WEAK_AFTER and not nounish)
        or (after in _KIN_AFTER and not nounish)
        or (w.endswith(_STRONG_SUFFIX) and not nounish)
        or t.next_is_namelike(i)
        or t.coordinated(i)
        or (t.gaps[i + 1].startswith(",") and not nounish)  # "Tesfalem, vår nya kollega,"
    )


def rule_name_word_speaking(t: Tokens, i: int) -> bool | None:
    """A first name that is also a word or a month, at a sentence start before a verb of
    speech or feeling: "Vilja grät", "June cried", "Hope said"."""
    w = t.word(i)
    named = w in lexicon.first_names() or w in _MONTH_NAMES
    if t.cap(i) and t.sos(i) and named and t.next_after(i) in _STRONG_AFTER:
        return True
    return None


def rule_east_asian(t: Tokens, i: int) -> bool | None:
    """A common East Asian family name before another capitalised word: "Wang Fang"."""
    if t.word(i) in EAST_ASIAN_SURNAMES and t.adjacent_next(i) and t.cap(i + 1):
        return not t.blocked(i + 1)
    return None


RULES: tuple[tuple[str, Rule], ...] = (
    ("placeholder", rule_placeholder),
    ("all capitals", rule_all_caps),
    ("lower case after a context word", rule_lower_after_context),
    ("after a context word", rule_after_context),
    ("ordinary sentence start", rule_ordinary_start),
    ("name that is a word, before a verb of speech", rule_name_word_speaking),
    ("East Asian family name", rule_east_asian),
    ("place, organisation, role", rule_blocked),
    ("known name", rule_known_name),
    ("known name that is also a word", rule_known_word_name),
    ("unknown word", rule_unknown_word),
)


def decide(t: Tokens, i: int) -> bool:
    """Whether candidate word i is a name: the first rule in RULES with an opinion decides."""
    for _label, rule in RULES:
        verdict = rule(t, i)
        if verdict is not None:
            return verdict
    return False


# --- the passes after the candidates --------------------------------------------------------


def lower_case_names(t: Tokens, names: set[int]) -> None:
    """Lower-case known first names with evidence: "ebba ringde", "med sara", "johan och x"."""
    lower_firsts = _lower_firsts()
    if lower_firsts.isdisjoint(t.words):
        return
    common = lexicon.common_words()
    for i, w in enumerate(t.words):
        if w not in lower_firsts or i in names or t.gaps[i].rstrip()[-1:].isdigit():
            continue
        after = t.next_after(i)
        before = t.lower(i - 1) if i > 0 and t.joined[i] else ""
        strong = after in _STRONG_AFTER or before in _LOWER_STRONG_BEFORE
        cue = before in _LOWER_BEFORE or after in _VERB_AFTER or after in {"och", "and"}
        if strong or (cue and w not in common and not t.followed_by_number(i)):
            names.add(i)


def _role_before(t: Tokens, i: int) -> bool:
    """A role or context word right before word i ("undersköterskan lisa", "nurse lisa",
    "The doctor, dr berg")."""
    if i == 0 or t.gaps[i].strip() not in ("", ","):
        return False
    before = t.lower(i - 1)
    return before in ROLE_WORDS or before in CONTEXT_BEFORE or before in _ROLE_EXTRA


_ROLE_EXTRA = _set("worker assistant carer vårdare skötare")
_ROLE_ANYCASE = frozenset(
    w2 for w in ROLE_WORDS | CONTEXT_BEFORE | _ROLE_EXTRA for w2 in (w, w.capitalize(), w.upper())
)


def _name_form(w: str) -> bool:
    c = w.capitalize()
    return w.islower() and len(w) >= 2 and (c in lexicon.first_names() or c in lexicon.surnames())


def role_lower_names(t: Tokens, names: set[int]) -> None:
    """A known name in lower case after a role word, and a name part in lower case after it:
    "sjuksköterskan anna lindqvist", "nurse lisa", "dr berg"."""
    after_role = [i + 1 for i, w in enumerate(t.words[:-1]) if w in _ROLE_ANYCASE]
    for i in after_role:
        w = t.word(i)
        if w in _NOT_AFTER_ROLE or not _role_before(t, i) or not _name_form(w):
            continue
        names.add(i)
        j = i + 1
        while (
            j < t.n and t.joined[j] and t.word(j) not in _NOT_AFTER_ROLE and _name_form(t.word(j))
        ):
            if t.is_common(j) and t.word(j).capitalize() not in lexicon.surnames():
                break
            names.add(j)
            j += 1


def _listed(t: Tokens, names: set[int], j: int) -> bool:
    if j in names or not t.cap(j) or t.blocked(j) or t.followed_by_number(j):
        return False
    if t.sos(j):
        return not t.is_common(j) and not lexicon.capitalised_common(t.word(j))
    return True


def _list_link(t: Tokens, i: int, j: int, sep: int) -> bool:
    """Word j is joined to word i by ", " (sep >= 0: the gap's index) or by och/and."""
    if sep >= 0:
        return t.gaps[sep] in {", ", ","}
    m = i + 1 if sep == -1 else i - 1
    lo, hi = min(i, j), max(i, j)
    return t.lower(m) in {"och", "and"} and t.joined[lo + 1] and t.joined[hi]


def listed_names(t: Tokens, names: set[int]) -> None:
    """A capitalised word joined to a name by ", " or och/and is a name too ("Kicki, Nisse och
    Lotta", "(Ronja, Vilja, Dag)"); places and roles stay blocked."""
    frontier = sorted(names)
    while frontier:
        i = frontier.pop()
        for j, sep in ((i + 1, i + 1), (i - 1, i), (i + 2, -1), (i - 2, -2)):
            if 0 <= j < t.n and _list_link(t, i, j, sep) and _listed(t, names, j):
                names.add(j)
                frontier.append(j)


def _extendable(t: Tokens, names: set[int], j: int) -> bool:
    return t.cap(j) and j not in names and not t.placeholder(j) and not t.blocked(j)


def extended_names(t: Tokens, names: set[int]) -> None:
    """A capitalised word next to a name is part of it ("Anna Lindqvist", "Lars Erik Berg")."""
    frontier = sorted(names) + t.anchors
    while frontier:
        i = frontier.pop()
        j = i + 1
        if (
            j < t.n
            and t.adjacent_next(i)
            and _extendable(t, names, j)
            and not t.followed_by_number(j)
        ):
            names.add(j)
            frontier.append(j)
        j = i - 1
        if (
            j >= 0
            and t.adjacent_next(j)
            and _extendable(t, names, j)
            and (
                not t.sos(j)
                or not (t.is_common(j) or t.known(j)[1])
                or t.word(j) in lexicon.first_names()  # "Fred Eckhart", "Will Parker"
            )
        ):
            names.add(j)
            frontier.append(j)


def _run_end(t: Tokens, order: list[int], pos: int, last: int) -> tuple[int, int]:
    """Extend a run of name words from ``order[pos - 1] == last``: the next name word right
    after it, or after particles ("Jan van der Berg", "Osama bin Laden")."""
    if pos < len(order) and order[pos] == last + 1 and t.adjacent_next(last):
        return order[pos], pos + 1
    if t.adjacent_next(last) and _ARTICLE_SURNAME_RE.fullmatch(t.word(last + 1)):
        return last + 1, pos  # "Mohammed al-Hassan"
    q = last + 1
    while q < t.n and t.word(q) in _PARTICLES and t.adjacent_next(q - 1):
        q += 1
    if q > last + 1 and pos < len(order) and order[pos] == q and t.adjacent_next(q - 1):
        return q, pos + 1
    return last, pos


def spans(t: Tokens, text: str, names: set[int]) -> list[tuple[int, int]]:
    """Merge neighbouring name words into (start, end) spans of ``text``."""
    offs = list(accumulate(map(len, t.parts)))  # words[i] spans offs[2i]..offs[2i + 1]
    out: list[tuple[int, int]] = []
    order = sorted(names)
    pos = 0
    while pos < len(order):
        first = last = order[pos]
        pos += 1
        while True:
            nxt, pos = _run_end(t, order, pos, last)
            if nxt == last:
                break
            last = nxt
        e = offs[2 * last + 1]
        if t.word(last).endswith("s") and text[e : e + 1] in {"'", "’"}:
            e += 1  # English genitive "Frances'"
        out.append((offs[2 * first], e))
    return out


def _candidates(t: Tokens) -> list[int]:
    """Only capitalised words and words after a context word can be names."""
    cands = [i for i, w in enumerate(t.words) if w[0].isupper()]
    cands += [i + 1 for i, w in enumerate(t.words) if w in _CONTEXT_ANYCASE and i + 1 < t.n]
    return sorted(set(cands))


def find_names(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of names of people in ``text``, merged and sorted."""
    t = Tokens(text)
    cands = _candidates(t)
    if not cands and _lower_firsts().isdisjoint(t.words):
        return []
    t.prepare()
    names = {i for i in cands if decide(t, i)}
    lower_case_names(t, names)
    role_lower_names(t, names)
    listed_names(t, names)
    extended_names(t, names)
    return spans(t, text, names) if names else []
