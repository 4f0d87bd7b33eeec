"""Build the scrubber's data files ONCE (a developer tool, not run at install or import time).

Run from the repository root::

    python tools/build_name_lists.py

Inputs (build-time only; the runtime scrubber imports none of them):

* ``faker`` person providers (sv_SE, en_US, en_GB, fi_FI, pl_PL, tr_TR, hr_HR, da_DK, no_NO,
  de_DE, en_PK) for first names and surnames;
* the hand-written supplements below (common Swedish names, names common among people in Sweden
  of Arabic, Somali, Persian, Kurdish, Eritrean, Bosnian, Polish, ... origin);
* ``wordfreq`` (pip) frequency lists for sv/en, filtered by the Debian word lists
  ``/usr/share/dict/swedish`` and ``/usr/share/dict/american-english`` (apt: wswedish,
  wamerican), which keep only words that a dictionary writes in lower case, so that names
  such as "anna" or "ebba" do not count as ordinary words.

Outputs in ``avlastning_cli/privacy/data/``: ``first_names.txt``, ``surnames.txt``,
``ambiguous_names.txt`` (names that are also ordinary words and need context),
``common_words.txt`` (lower-case sv+en lexicon) and ``tests/privacy/heldout_names.txt``: a seeded
sample of names that is REMOVED from the shipped lists so that the accuracy benchmark can measure
how the scrubber does on names it has never seen.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from faker import Faker
from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "avlastning_cli" / "privacy" / "data"
HELDOUT = ROOT / "tests" / "privacy" / "heldout_names.txt"
SEED = 20240312

# --- hand-written supplements -------------------------------------------------------------
# The most common Swedish first names (SCB statistics, from memory; both sexes). These form the
# "core": they are never held out.
SV_CORE_FIRST = """
Anna Eva Maria Karin Kristina Lena Kerstin Sara Emma Ingrid Marie Malin Jenny Hanna Linda Annika
Susanne Elin Monica Birgitta Sofia Johanna Inger Carina Elisabeth Julia Ida Ulla Louise Linnea
Cecilia Helena Camilla Åsa Marianne Gunilla Anneli Therese Sandra Josefin Frida Lisa Matilda
Agneta Ebba Elsa Alice Maja Wilma Astrid Ella Alva Stella Vera Saga Selma Alma Freja Ellen Agnes
Moa Klara Signe Tilda Nora Olivia Lova Ellie Ester Hedda Lilly Tyra Emilia Ronja Svea Juni Siri
Lars Mikael Anders Johan Erik Per Karl Peter Thomas Jan Daniel Fredrik Hans Andreas Stefan
Mats Mohamed Marcus Magnus Jonas Bengt Martin Bo Niklas Patrik Mattias Björn Sven Nils Leif
Henrik Christer Oskar Alexander David Joakim Robert Tomas Ulf Gustav Kjell Göran Rolf Jonas
Lennart Gunnar Åke Tobias Simon Emil Viktor Axel Anton Filip Erik Oscar Ludvig William Hugo
Lucas Liam Noah Elias Adam Alexander Isak Vincent Theo Leo Olle Arvid Albin Edvin Melvin Love
Sixten Harry Walter Loke Elton Nils Wilhelm Gösta Ingemar Roger Kent Claes Jörgen Torbjörn
Pontus Rasmus Sebastian Jesper Kristoffer Carl Johannes Jakob Linus Ola Ove Rune Sture Stig
Kenneth Conny Dan Dag Sten Siv Rut Maj Britt Gun Inga Greta Gerd Barbro Ann Anne Ulrika Pia
Lotta Katarina Jessica Veronica Madeleine Emelie Amanda Rebecka Nathalie Jennifer Caroline
Anna-Karin Anna-Lena Ann-Marie Ann-Christin Eva-Lena Karl-Johan Per-Olof Lars-Erik Jan-Erik
Sven-Erik Nils-Erik Hans-Olof Carl-Johan Anders-Per Britt-Marie Lena-Maria
"""
SV_CORE_SURNAMES = """
Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson
Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Olofsson
Lindström Lindqvist Lindgren Berg Axelsson Bergström Lundberg Lind Lundgren Lundqvist Mattsson
Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin Ali Engström Mohamed Eklund
Danielsson Lundin Håkansson Björk Bergman Gunnarsson Holm Wikström Samuelsson Isaksson Fransson
Bergqvist Nyström Holmberg Arvidsson Löfgren Söderberg Nyberg Blomqvist Claesson Nordström
Mårtensson Lundström Ahmed Viklund Björklund Eliasson Pålsson Berggren Sandström Lund Nordin
Ström Åberg Hermansson Ekström Holmgren Sundberg Hussein Falk Dahlberg Söderström Abrahamsson
Hedlund Sundström Ek Martinsson Öberg Andreasson Strömberg Månsson Åkesson Hansen Jonasson
Norberg Lindholm Dahl Sundqvist Bergkvist Hellström Nyman Holmqvist Jakobsson Lindahl Östlund
Svensson-Berg Lindqvist-Ahmed
"""
# Names common among people in Sweden of other origins (transliterated as usually written here).
OTHER_FIRST = """
Ahmad Ahmed Ali Hassan Hussein Hussain Mohammad Muhammad Mohammed Mahmoud Mustafa Omar Yusuf
Youssef Yousef Ibrahim Ismail Khalid Khaled Karim Rami Samir Tariq Walid Ziad Bilal Hamza Amir
Jamal Nabil Nasser Fadi Majid Said Saeed Salim Hani Bashir Imad Issa Jihad Maher Marwan Osama
Rashid Tarek Yasin Yassin Zakaria Adnan Anas Ayman Basel Fares Firas Ghassan Haitham Hisham
Fatima Fatemeh Aisha Aysha Amina Maryam Mariam Zainab Zeinab Layla Leila Nour Noor Rania Reem
Sara Hiba Huda Iman Jana Lina Rana Rasha Samira Yasmin Yasmine Zahra Dalia Dima Ghada Hanan
Abdi Abdullahi Abdirahman Abdirizak Abdulkadir Abdiaziz Mohamud Hassan Farah Warsame Guled
Liban Mahad Yonis Hodan Hawa Ifrah Fadumo Faduma Sahra Sagal Hamdi Ubah Ayan Deeqa Filsan Hibo
Ilhan Kowsar Nasra Ruqiya Shukri Sucaad Ugbad Waris Xamda Abdiwali Bashiir Cabdi Cali Xasan
Reza Mehdi Hossein Hamid Behrouz Babak Dariush Farhad Farshid Kourosh Mehran Omid Payam Ramin
Saeid Shahram Siamak Arash Kaveh Navid Parisa Shirin Leyla Mahsa Mina Nasrin Roya Shabnam Soheila
Azadeh Golnaz Negin Parastoo Sanaz Setareh Taraneh Ziba Ladan Mitra Neda Nazanin Elham Maryam
Rebwar Rezan Azad Dilan Dilshad Hemin Hiwa Karzan Kawa Rawand Sherko Zana Berivan Dilvin Evin
Hêvî Jiyan Rojin Roza Shilan Zozan Nazdar Avin Lavin Diyar Baran Roj Sarbast Shvan Soran
Yonas Tesfaye Tekle Tewelde Yohannes Dawit Eyob Filmon Habtom Kidane Mehari Mussie Robel Samuel
Semere Selam Helen Hiwet Lidia Luwam Meron Saba Senait Winta Yordanos Eden Feven Hermon Mebrat
Adnan Almir Amar Armin Damir Dino Edin Elvir Emir Haris Jasmin Kenan Mirza Nermin Nihad Samir
Senad Zlatan Adis Adna Ajla Amela Amra Azra Belma Dženana Elma Emina Lejla Melisa Merima
Nejra Selma Sanela Zerina Alma Amila Aida Aldina Medina Sabina Dragan Goran Zoran Milan
Mehmet Mustafa Ahmet Hüseyin Hasan Murat Emre Burak Serkan Volkan Ayşe Fatma Zeynep Elif Emine
Hatice Özlem Gül Derya Songül Tuba Esra Büşra Cem Deniz Kemal Orhan Yusuf Ömer
Piotr Krzysztof Tomasz Paweł Marcin Michał Grzegorz Łukasz Agnieszka Katarzyna Małgorzata Joanna
Magdalena Monika Ewa Dorota Aleksandra Justyna Beata Wojciech Jacek Dariusz Mariusz Artur
Juha Jari Timo Matti Pekka Kari Mikko Heikki Antti Jukka Sari Tiina Päivi Pirjo Tuula Satu
Hannele Marjatta Riitta Anneli Leena Tarja Aino Eino Väinö Sirkka Raili Marketta Kaisa Kirsi
Ivan Igor Sergei Sergej Oleg Dmitri Vladimir Natalia Olga Svetlana Irina Tatiana Elena Galina
Nguyen Minh Thanh Linh Huong Mai Lan Anh Tuan Hung Dung Hoa Thu Trang Binh
Jose Carlos Luis Juan Miguel Diego Pablo Alejandro Sofía Lucía Valentina Camila Gabriela Isabel
Priya Rahul Amit Anil Sunita Deepak Ravi Sanjay Anjali Pooja Arjun Vikram Nikhil Kavita
"""
OTHER_SURNAMES = """
Ahmed Ali Mohamed Mohammed Hassan Hussein Abdullahi Abdi Omar Osman Ibrahim Ismail Yusuf Farah
Warsame Jama Nur Mohamud Aden Adan Elmi Egal Dahir Hersi Isse Guled Said Sheikh
Khalil Haddad Saleh Mansour Nasser Hamdan Khoury Darwish Aziz Rahman Rahimi Karimi Hosseini
Mohammadi Ahmadi Hashemi Jafari Rostami Moradi Rezaei Sadeghi Tehrani Shirazi Esfahani Kazemi
Ghorbani Mousavi Najafi Zadeh Alizadeh Hosseinzadeh Rezaian Nazari Yazdani Amini Bagheri
Barzani Talabani Dogan Doğan Yilmaz Yılmaz Kaya Demir Şahin Sahin Çelik Celik Yıldız Yildiz
Öztürk Ozturk Aydın Aydin Arslan Kılıç Kilic Aslan Çetin Koç Kurt Özdemir Polat Erdoğan Korkmaz
Tesfay Tesfaye Berhane Haile Gebremedhin Gebreyesus Kidane Tekle Woldemichael Mehari Ghebre
Hodžić Hadžić Begić Delić Kovačević Hasanović Mehmedović Halilović Husić Ibrahimović Ahmetović
Alić Mujić Omerović Salihović Suljić Smajić Mušić Karić Jukić Babić Marić Petrović Jovanović
Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak
Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski
Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen Järvinen Lehtonen
Lehtinen Saarinen Salminen Heinonen Niemi Heikkilä Kinnunen Salonen Turunen Salo Laitinen
Tuominen Rantanen Karjalainen Jokinen Mattila Savolainen Lahtinen Ahonen
Nguyen Tran Le Pham Hoang Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly
Ivanov Petrov Smirnov Kuznetsov Popov Sokolov Volkov Novak Horvat
Rodriguez Rodríguez Gonzalez González Hernandez Hernández Lopez López Martinez Martínez
Garcia García Perez Pérez Sanchez Sánchez Ramirez Ramírez Torres Flores Rivera Gomez Gómez
Singh Kumar Sharma Patel Gupta Khan Shah Mehta Chaudhry Iqbal Malik Hussain Qureshi
"""
ENGLISH_CORE_FIRST = """
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew
Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Edward Ronald Timothy
Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin
Samuel Gregory Frank Alexander Raymond Patrick Jack Dennis Jerry Tyler Aaron Henry Adam Peter
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty
Margaret Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah
Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela
Nicole Emma Samantha Katherine Christine Debra Rachel Catherine Carolyn Janet Ruth Maria
Heather Diane Virginia Julie Joyce Victoria Olivia Kelly Christina Lauren Joan Evelyn Judith
Megan Cheryl Andrea Hannah Martha Jacqueline Gloria Teresa Ann Sara Madison Frances Kathryn
Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris Marilyn Danielle Beverly Isabella
Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Oliver Harry Charlie Jacob
Alfie Freddie Archie Leo Oscar Will Sophie Chloe Lily Ella Mia Isla Poppy Amelia Jessica Ruby
"""
ENGLISH_CORE_SURNAMES = """
Smith Johnson Williams Brown Jones Garcia Miller Davis Wilson Anderson Taylor Thomas Moore
Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright
Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker
Evans Edwards Collins Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Bell
Kelly Howard Cox Ward Richardson Watson Brooks Wood James Bennett Gray Hughes Price Sanders
Patel Jenkins Perry Powell Long Foster Sullivan Russell Butler Barnes Fisher Henderson Coleman
Simmons Patterson Jordan Reynolds Hamilton Graham Kim Wallace Woods Cole West Owens Marshall
"""

NAME_RE = re.compile(r"^[A-ZÅÄÖÆØÜÉÈÁÀÍÓÚÇŠŽČĆĐŁŚŻŹÖŞİĞÂÊÎÔÛ][\w'’-]*$")


def _words(block: str) -> list[str]:
    return [w for w in block.split() if w]


def _person_provider(locale: str) -> object:
    fake = Faker(locale)
    return next(p for p in fake.providers if "person" in type(p).__module__)


def _faker_names(locale: str, attr: str) -> list[str]:
    prov = _person_provider(locale)
    out: list[str] = []
    for a in (attr, f"{attr}_female", f"{attr}_male"):
        vals = getattr(prov, a, None)
        if vals:
            out.extend(list(vals))
    if attr == "last_names":
        for a in ("last_names_male", "last_names_female", "male_last_names", "unisex_last_names"):
            vals = getattr(prov, a, None)
            if vals:
                out.extend(list(vals))
    return out


def _clean(names: list[str]) -> set[str]:
    out: set[str] = set()
    for raw in names:
        for part in raw.replace("\u2019", "'").split():
            if NAME_RE.match(part) and len(part) >= 2 and not part.isupper():
                out.add(part)
    return out


def _dict_lower(path: str) -> set[str]:
    p = Path(path)
    if not p.exists():
        sys.exit(f"missing {path}: apt-get install wswedish wamerican")
    return {w.strip() for w in p.read_text(encoding="latin-1").splitlines() if w.strip().islower()}


def main() -> None:
    sv_dict = _dict_lower("/usr/share/dict/swedish")
    en_dict = _dict_lower("/usr/share/dict/american-english")
    common = {w for w in top_n_list("sv", 60000) if w in sv_dict}
    common |= {w for w in top_n_list("en", 40000) if w in en_dict}
    common = {w for w in common if w.isalpha() and len(w) >= 2} | {"i"}

    faker_first: dict[str, set[str]] = {}
    faker_last: dict[str, set[str]] = {}
    locales = [
        "sv_SE", "en_US", "en_GB", "fi_FI", "pl_PL", "tr_TR", "hr_HR",
        "da_DK", "no_NO", "de_DE", "en_PK",
    ]  # fmt: skip
    for loc in locales:
        faker_first[loc] = _clean(_faker_names(loc, "first_names"))
        faker_last[loc] = _clean(_faker_names(loc, "last_names")) - {"Doe"}

    core = _clean(_words(SV_CORE_FIRST + SV_CORE_SURNAMES + ENGLISH_CORE_FIRST))
    core |= _clean(_words(ENGLISH_CORE_SURNAMES + OTHER_FIRST + OTHER_SURNAMES))
    non_names = {
        w.strip()
        for w in (DATA / "non_names.txt").read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    }

    def heldout_pool(names: set[str]) -> list[str]:
        return sorted(
            n
            for n in names
            if n not in core
            and n.lower() not in common
            and n.lower() not in sv_dict
            and n.lower() not in en_dict
            and n not in non_names
            and "-" not in n
            and len(n) >= 3
        )

    rng = random.Random(SEED)
    plan = [
        ("first", "sv", faker_first["sv_SE"], 140),
        ("surname", "sv", faker_last["sv_SE"], 110),
        ("first", "en", faker_first["en_US"] | faker_first["en_GB"], 70),
        ("surname", "en", faker_last["en_US"] | faker_last["en_GB"], 70),
        ("first", "fi", faker_first["fi_FI"], 25),
        ("surname", "fi", faker_last["fi_FI"], 25),
        ("first", "tr", faker_first["tr_TR"], 25),
        ("surname", "hr", faker_last["hr_HR"], 25),
        ("first", "pl", faker_first["pl_PL"], 15),
    ]
    heldout: dict[str, tuple[str, str]] = {}
    for kind, origin, names, k in plan:
        pool = [n for n in heldout_pool(names) if n not in heldout]
        for n in rng.sample(pool, min(k, len(pool))):
            heldout[n] = (kind, origin)

    first = set(core_first := _clean(_words(SV_CORE_FIRST + ENGLISH_CORE_FIRST + OTHER_FIRST)))
    for s in faker_first.values():
        first |= s
    last = _clean(_words(SV_CORE_SURNAMES + ENGLISH_CORE_SURNAMES + OTHER_SURNAMES))
    for s in faker_last.values():
        last |= s
    first -= set(heldout) | non_names
    last -= set(heldout) | non_names
    del core_first

    # Names that are also ordinary words (sv or en): they need capitalisation mid-sentence or
    # name context at a sentence start. "Mats" is almost never the word, so it is not listed.
    # Only names that are FREQUENT as words count (zipf >= 4.5 in a language whose dictionary
    # has the word in lower case): "Per", "Bo", "Will", "May", but not "Linda" or "Maria".
    never_ambiguous = {"mats", "anna", "eva", "lars", "erik", "karin"}

    def word_freq(low: str) -> float:
        sv = zipf_frequency(low, "sv") if low in sv_dict else 0.0
        en = zipf_frequency(low, "en") if low in en_dict else 0.0
        return max(sv, en)

    ambiguous = {
        n for n in first | last if word_freq(n.lower()) >= 4.5 and n.lower() not in never_ambiguous
    }
    ambiguous |= {"Bo", "Dag", "Maj", "Siv", "Sten", "Rut", "Hans", "Vi", "Will", "May", "June"}
    ambiguous |= {"Hope", "Grace", "Joy", "Faith", "Frank", "Rose", "Inge", "Alla", "Liv", "Max"}
    ambiguous &= first | last

    DATA.mkdir(parents=True, exist_ok=True)

    def write(path: Path, items: set[str], header: str) -> None:
        body = "\n".join(sorted(items, key=lambda s: (s.lower(), s)))
        path.write_text(f"# {header}\n{body}\n", encoding="utf-8")

    write(DATA / "first_names.txt", first, "first names, one per line (built by build_name_lists)")
    write(DATA / "surnames.txt", last, "surnames, one per line (built by build_name_lists)")
    write(DATA / "ambiguous_names.txt", ambiguous, "names that are also ordinary words")
    write(DATA / "common_words.txt", common, "lower-case sv+en words (wordfreq x dictionaries)")
    lines = [f"{n}\t{kind}\t{origin}" for n, (kind, origin) in sorted(heldout.items())]
    HELDOUT.write_text(
        "# held-out names: NOT in the shipped lists (name<TAB>first|surname<TAB>origin)\n"
        + "\n".join(lines)
        + "\n",
        encoding="utf-8",
    )
    print(
        f"first={len(first)} surnames={len(last)} ambiguous={len(ambiguous)} "
        f"common={len(common)} heldout={len(heldout)}"
    )


if __name__ == "__main__":
    main()
