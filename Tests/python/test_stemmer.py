"""The Dutch stemmer in Swift (index, build time) and in JS (query, browser) agree with
snowballstemmer's `dutch` on every word, so a query word always finds the indexed word.

Swift output comes from `kb stem` (one word per stdin line -> one stem per stdout line; the
KB_STEM_COMMAND environment variable may name another command with the same contract). JS output
comes from headless Chromium, the real target engine, or from node when selenium is unavailable.
"""
import importlib.metadata
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
# The pure-Python module, named directly: `snowballstemmer.stemmer` would silently switch to
# PyStemmer (another Snowball version) when that happens to be installed.
from snowballstemmer.dutch_stemmer import DutchStemmer

ROOT = Path(__file__).resolve().parents[2]
KB = ROOT / ".build" / "debug" / "kb"
STEMMER_JS = ROOT / "Sources" / "KnowledgeBase" / "Resources" / "assets" / "stemmer.js"

# Care and policy vocabulary of the sample content, plus common Dutch words. Each is inflected
# and derived below; some are chosen to reach particular rules (named in the comments).
BASE_WORDS = """
zorg mantelzorg thuiszorg jeugdzorg ouderenzorg wijk wijkverpleging verpleeg verpleegkundige
verpleger huisarts arts dokter specialist geriater dementie ouder ouderen cliënt patiënt
gemeente gemeenten provincie regio regionaal landelijk zorgverzekeraar verzekeraar verzekering
financier financiering subsidie budget project initiatief samenwerking samenwerken partner
partners netwerk team coördinator coördinatie casemanager begeleid begeleiding ondersteun
ondersteuning vrijwilliger vrijwillig eenzaam eenzaamheid kwetsbaar kwetsbaarheid beleid
kosten besparing bespaar uitkomst resultaat effect evaluatie evalueer onderzoek onderzoeker
meet meting indicator kwaliteit veilig veiligheid zelfstandig zelfstandigheid zelfredzaam
zelfredzaamheid technologie digitaal domotica alarm medicatie medicijn apotheek apotheker
fysiotherapeut therapie ergotherapie revalidatie herstel preventie valpreventie gezond
gezondheid welzijn sociaal wijkteam buurt buurtzorg bewoner bewoners woning woonzorg
verpleeghuis zorgboerderij respijt dagbesteding opname ziekenhuis spoedeisend huisbezoek
bezoek consult diagnose behandel behandeling behandelaar psycholoog psychologie psychiatrie
gedrag probleem problemen oplossing aanpak methode model werkwijze training opleiding scholing
cursus kennis ervaring advies adviseur informatie communicatie participatie organisatie
integratie innovatie implementatie financiële structureel structuur tijdelijk duurzaam
duurzaamheid betaalbaar toegankelijk toegankelijkheid bereikbaar beschikbaar capaciteit
personeel medewerker medewerkers werkgever werknemer arbeidsmarkt tekort wachtlijst wachttijd
indicatie beschikking aanvraag aanvrager rapport rapportage verslag jaarverslag begroting
business case opbrengst besparingen investering rendement doelgroep doelstelling doel
mantelzorger respijtzorg ontlasting overbelasting belasting belastbaar dag nacht week maand
jaar tijd uur minuut huis thuis kamer keuken tuin straat weg stad dorp land wereld mens man
vrouw kind kinderen familie gezin vriend vriendin buur buurman buurvrouw collega baas boek
brief krant nieuws verhaal vraag antwoord woord taal les school klas leraar leerling student
studie universiteit hogeschool bibliotheek museum café winkel markt bakker bakkerij slager
auto fiets trein bus boot vliegtuig water brood melk kaas koffie thee eten drinken koken
maaltijd groot klein mooi lelijk snel langzaam hoog laag lang kort goed slecht nieuw oud jong
sterk zwak warm koud zwaar licht donker rijk arm blij boos bang moe ziek vrij druk stil leeg
vol loop lopen praat praten spreek spreken schrijf schrijven lees lezen denk denken weet weten
ken kennen maak maken doe doen ga gaan kom komen zie zien kijk kijken hoor horen voel voelen
geef geven neem nemen houd houden zet zetten leg leggen lig liggen sta staan zit zitten slaap
slapen betaal betalen koop kopen verkoop helpen help vraag vragen leer leren speel spelen zing
zingen dans dansen bel bellen stuur sturen wacht wachten hoop hopen probeer proberen begin
beginnen stop stoppen open openen sluit sluiten woon wonen werk werken leef leven zeg zeggen
plan planning regel regels regeling wet wetgeving afspraak overleg vergadering besluit
besluitvorming verantwoording verantwoordelijk verantwoordelijkheid moeilijk makkelijk
mogelijk mogelijkheid mogelijkheden natuurlijk vriendelijk werkelijk lichamelijk geestelijk
eerlijk persoonlijk maatschappelijk wetenschappelijk professioneel operationeel functioneel
traditioneel rationeel emotioneel informatief creatief actief positief negatief effectief
collectief zonnig gelukkig prachtig vaardig vaardigheid bruikbaar haalbaar leesbaar zichtbaar
werkbaar houdbaar mondeling vreemdeling nederlander nederland nederlands arnhem nijmegen
helmond ede utrecht amsterdam brabant gelderland zeeland limburg
ideeën knieën zeeën geïnteresseerd coöperatie reünie cafés paraplu's auto's baby's radio's
heden realisme toerisme schilderij boerderij lekkernij activiteit identiteit universaliteit
moeilijkst grootst snelst oudst gezondst laatst arbeider bestuurder verplegster tandarts
consultant assistent protestant constant relevant visionair molaar regulaar leraar
slaperig zenuwachtig hebberig fotografie biologie filosofie energie strategie
innen innig inniger innigst inn gewerkt gedaan gemaakt gehad gezegd geland gebeld geweest
opgebouwd aangepast uitgevoerd meegenomen toegevoegd ingevuld bijgedragen vastgesteld
geeft gevaar gevaarlijk geval gevallen gevalideerd gevarenzone geëvalueerd geïnformeerd
geëmigreerd geïnd geïntegreerd werkt heeft koopt loopt kookt blijft kunt
lopende wonende stervende families series industries comités tv's e-mails 't
huisje boompje kopje kaartje lampje koninkje karretje auto'tje tuintje vrouwtje mannetje
actieve creatieve positieve goede andere grote franse mobiele leuke kleine
lezen lezer vervoer vervoeren durven verven reizen reiziger kazen wijzen blazen
populares sigares pilares hoorntje lantaarntje kerntje auto'je radio'je foto'je gedacht
gebracht gezocht geënt tv'je cd'je geaht geoht
""".split()

SUFFIXES = [
    "", "e", "en", "s", "'s", "es", "heden", "heid", "ing", "ingen", "lijk", "lijke", "lijker",
    "lijkst", "baar", "bare", "tje", "tjes", "je", "jes", "pje", "etje", "er", "ers", "ere", "ste",
    "st", "t", "d", "de", "te", "end", "ende", "nde", "ig", "ige", "iger", "igst", "erig", "achtig",
    "achtige", "isch", "ische", "atie", "aties", "atief", "ieve", "ioneel", "iteit", "isme", "sel",
    "ster", "arij", "erij", "aar", "naar", "laar", "raar", "tant", "ie", "ies", "fie", "gie", "aus",
    "és", "ene", "le", "re", "se", "ge", "dst", "tst", "ft", "kt", "pt", "ën", "ës", "ië", "iën",
    "eë", "eën", "ëe",
]
# Prefixes with the endings they take; "ge" inside a word (opgebouwd) is Lose_infix's case.
PREFIXES = {
    "ge": ["", "d", "t", "en", "de", "te"],
    "be": ["", "en", "ing", "lijk", "baar"],
    "ver": ["", "t", "en", "ing", "baar"],
    "on": ["", "lijk", "baar", "ig"],
    "opge": ["d", "t", "en"],
    "aange": ["d", "t", "en"],
    "uitge": ["d", "t", "en"],
}
DIACRITIC_ENDINGS = ["", "en", "s", "ën"]
ACCENTS = {"e": "ëéè", "i": "ï", "o": "ö", "u": "ü"}
VOWELS = "aeiou"

EDGE_CASES = [
    "", "a", "e", "ij", "ge", "gee", "geen", "ge'", "'", "''", "'t", "'s", "s", "en", "nde",
    "0", "1234", "2024", "covid19", "3d", "x", "xx", "zz", "vv", "nn", "inn", "innen",
    "кошка", "ζωή", "日本語", "zorg😀", "😀en", "ŀl", "ﬁets",
    "faxxen", "boxxer", "accen", "klacces", "pechhen", "sheikhhen", "aqqen", "suqqen",  # Step_6
    "ZORG", "Zorgen", "MantelZorgers",  # no case folding inside the stemmer
    unicodedata.normalize("NFD", "ideeën"), unicodedata.normalize("NFD", "geïnteresseerd"),
    "zorg" * 500 + "en", "a" * 3000, "ge" * 1000, "ij" * 1000 + "en",
]


def sample_words():
    words = set()
    for path in sorted((ROOT / "content" / "initiatieven").glob("*.md")):
        words.update(re.findall(r"[^\W_]+", path.read_text(encoding="utf-8").lower(), re.UNICODE))
    return words


def dictionary_words():
    """A Dutch word list from /usr/share/dict, when the machine has one."""
    words = set()
    folder = Path("/usr/share/dict")
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_file() and re.search(r"dutch|nederlands", path.name, re.IGNORECASE):
                for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
                    if line.strip():
                        words.add(line.strip().lower())
    return words


def accented(word):
    """Variants of `word` with one vowel written with a diacritic."""
    out = []
    for i, ch in enumerate(word):
        for acc in ACCENTS.get(ch, ""):
            out.append(word[:i] + acc + word[i + 1:])
    return out


def generated_words():
    words = set(BASE_WORDS)
    for base in BASE_WORDS:
        stems = {base}
        # Drop a final e/en so suffixes attach the way Dutch builds words (zorgen -> zorg+ing).
        for ending in ("en", "e"):
            if base.endswith(ending) and len(base) > len(ending) + 2:
                stems.add(base[: -len(ending)])
        for stem in stems:
            for suffix in SUFFIXES:
                words.add(stem + suffix)
            for prefix, endings in PREFIXES.items():
                for ending in endings:
                    words.add(prefix + stem + ending)
            # Doubled consonant after a short vowel (bel -> bellen), and an undoubled long
            # vowel before the last consonant (maak -> maken): the lengthen_V and Step_6 cases.
            if len(stem) >= 2 and stem[-1] not in VOWELS and stem[-2] in VOWELS:
                for ending in ("en", "er", "ing", "e", "ig", "erig"):
                    words.add(stem + stem[-1] + ending)
            m = re.search(r"(aa|ee|oo|uu)([^aeiou])$", stem)
            if m:
                short = stem[: m.start()] + m.group(1)[0] + m.group(2)
                for ending in ("en", "e", "er", "ig", "ing"):
                    words.add(short + ending)
            for variant in accented(stem):
                for ending in DIACRITIC_ENDINGS:
                    words.add(variant + ending)
    return words


def random_words(count=20_000, seed=7):
    """Letter soup weighted to what the rules test (vowels, ij, ge, d/t/n/s, diacritics, ')."""
    rnd = random.Random(seed)
    alphabet = "aeioujygdtnsrlkhpfvzwxbcmq'ëïéèöüêàáâäìíîòóôùúû" + "aeeiinnttddggss"
    words = set()
    while len(words) < count:
        w = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 14)))
        if rnd.random() < 0.3:
            w = "ge" + w
        if rnd.random() < 0.2:
            w = w[: len(w) // 2] + "ge" + w[len(w) // 2:]
        words.add(w)
    return words


def all_words():
    words = sample_words() | generated_words() | random_words() | dictionary_words() | set(EDGE_CASES)
    # One word per line on the way to `kb stem`: no line breaks inside a word.
    return sorted(w for w in words if not re.search(r"[\n\r]", w))


WORDS = all_words()


def swift_stems(words):
    command = shlex.split(os.environ["KB_STEM_COMMAND"]) if os.environ.get("KB_STEM_COMMAND") else [str(KB), "stem"]
    if not os.environ.get("KB_STEM_COMMAND"):
        assert KB.exists(), "build kb first (swift build)"
    data = "".join(w + "\n" for w in words).encode("utf-8")
    result = subprocess.run(command, input=data, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    lines = result.stdout.decode("utf-8").split("\n")
    assert lines[-1] == "", "kb stem must end every stem with a newline"
    lines = lines[:-1]
    assert len(lines) == len(words), f"kb stem printed {len(lines)} lines for {len(words)} words"
    return lines


def js_stems_chromium(words):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(arg)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    driver_path = shutil.which("chromedriver")
    driver = webdriver.Chrome(options=options, service=Service(driver_path) if driver_path else None)
    try:
        driver.get("data:text/html,<!doctype html><meta charset=utf-8><title>stemmer</title>")
        source = STEMMER_JS.read_text(encoding="utf-8")
        return driver.execute_script(source + "\n;return arguments[0].map(function (w) { return kbDutchStem(w); });", words)
    finally:
        driver.quit()


def js_stems_node(words):
    script = ("const stem = require(process.argv[1]); let data = '';"
              "process.stdin.setEncoding('utf8').on('data', c => data += c)"
              ".on('end', () => process.stdout.write(JSON.stringify(JSON.parse(data).map(w => stem(w)))));")
    result = subprocess.run([shutil.which("node"), "-e", script, str(STEMMER_JS)],
                            input=json.dumps(words).encode("utf-8"), capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return json.loads(result.stdout.decode("utf-8"))


def js_stems(words):
    """Chromium first (what readers run); node only when selenium or Chromium is missing."""
    try:
        import selenium  # noqa: F401
        return js_stems_chromium(words), "chromium"
    except Exception as error:  # ImportError, or no browser/driver on this machine
        if not shutil.which("node"):
            pytest.fail(f"no JS engine: Chromium via selenium failed ({error!r}) and node is missing")
        return js_stems_node(words), "node"


class Coverage(DutchStemmer):
    """snowballstemmer's stemmer, noting which among entries matched and which routines succeeded."""

    def __init__(self):
        super().__init__()
        self.tables = {id(v): name for name, v in vars(DutchStemmer).items() if name.startswith("a_")}
        self.hits = set()
        for name in [n for n in vars(DutchStemmer) if n.startswith("_DutchStemmer__r_")]:
            self._wrap(name)

    def _wrap(self, name):
        original = getattr(self, name)

        def routine():
            ok = original()
            if ok:
                self.hits.add(name.removeprefix("_DutchStemmer__"))
            return ok
        setattr(self, name, routine)

    def find_among(self, v):
        result = super().find_among(v)
        self.hits.add((self.tables[id(v)], result))
        return result

    def find_among_b(self, v):
        result = super().find_among_b(v)
        self.hits.add((self.tables[id(v)], result))
        return result


@pytest.fixture(scope="module")
def reference():
    """snowballstemmer's stems of WORDS, and the rules they reached."""
    stemmer = Coverage()
    return [stemmer.stemWord(w) for w in WORDS], stemmer.hits


def test_word_list_exercises_every_rule(reference):
    assert len(WORDS) > 10_000
    _, hits = reference
    wanted = {n.removeprefix("_DutchStemmer__") for n in vars(DutchStemmer) if n.startswith("_DutchStemmer__r_")}
    for name, v in vars(DutchStemmer).items():
        if name.startswith("a_"):
            wanted |= {(name, a.result) for a in v}
    assert wanted - hits == set(), "add words that reach these routines / among results"


def test_swift_and_js_agree_with_snowball(reference):
    expected, _ = reference
    swift = swift_stems(WORDS)
    js, engine = js_stems(WORDS)
    assert len(js) == len(WORDS)
    wrong = [(w, e, s, j) for w, e, s, j in zip(WORDS, expected, swift, js) if not (e == s == j)]
    version = importlib.metadata.version("snowballstemmer")
    report = "\n".join(f"{w[:60]!r}: snowball {e[:60]!r}, swift {s[:60]!r}, js ({engine}) {j[:60]!r}"
                       for w, e, s, j in wrong[:20])
    assert not wrong, (f"{len(wrong)} of {len(WORDS)} words disagree with snowballstemmer {version} dutch; "
                       f"first 20:\n{report}")
