#!/usr/bin/env python3
"""Deterministic generator of a synthetic kb corpus for benchmarks.

    python3 Benchmarks/generate_corpus.py N OUT_SITE_DIR [--seed S] [--hugo HUGO_SITE_DIR]

Writes OUT_SITE_DIR/content/initiatieven/<slug>.md: N write-ups that follow the content contract
in README.md exactly (they pass `kb check` with no errors and no warnings): all 31
zorgkantoorregio's (by name or CBS code), all nine types, 2-6 partners from a pool of a few
hundred organisations, business cases that satisfy art. 4.2.4 Wlz and add up, links between
write-ups (only to slugs and anchors that exist), and Dutch text from sentence templates over a
vocabulary of a few thousand care and policy words (compounds, inflections, diacritics).

With --hugo DIR it also writes a Hugo site (Debian hugo 0.111) with the same Markdown files plus
the front-matter keys Hugo's taxonomies need, a config, and templates doing the same work as kb:
a page per write-up with facts panel and five related pages, taxonomy pages for region and type,
a home page and a JSON index. `hugo --config config.toml,norelated.toml` (or the environment
variable HUGO_PARAMS_RELATED=false) switches related content off.

Only the standard library is used; the same N and seed always give the same bytes.
"""
import argparse
import json
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

# --------------------------------------------------------------------------------------------
# Reference data (kept in step with Sources/KnowledgeBase/Resources/reference/*.yml; read from
# there when the file is present, so a renamed region cannot silently break the corpus).

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "Sources" / "KnowledgeBase" / "Resources" / "reference"


def read_regions():
    """(code, name) pairs from regions.yml; a tiny reader for its fixed shape."""
    regions, code = [], None
    for line in (REFERENCE / "regions.yml").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^- code:\s*(\S+)", line)
        if m:
            code = m.group(1)
            continue
        m = re.match(r"^\s+name:\s*'(.*)'\s*$", line)
        if m and code:
            regions.append((code, m.group(1).replace("''", "'")))
            code = None
    return regions


def read_types():
    return re.findall(r"^- key:\s*(\S+)", (REFERENCE / "types.yml").read_text(encoding="utf-8"), re.M)


REGIONS = read_regions()
TYPES = read_types()
assert len(REGIONS) == 31, REGIONS
assert len(TYPES) == 9, TYPES

# Real municipalities per zorgkantoorregio (CBS code).
MUNICIPALITIES = {
    "ZK01": ["Amstelveen", "Aalsmeer", "Haarlemmermeer", "Ouder-Amstel", "Uithoorn"],
    "ZK02": ["Amsterdam", "Diemen"],
    "ZK03": ["Apeldoorn", "Zutphen", "Lochem", "Brummen", "Epe", "Voorst"],
    "ZK04": ["Arnhem", "Ede", "Renkum", "Rheden", "Wageningen", "Zevenaar", "Duiven", "Westervoort", "Lingewaard",
             "Overbetuwe", "Barneveld"],
    "ZK06": ["Assen", "Emmen", "Hoogeveen", "Meppel", "Coevorden", "Borger-Odoorn", "Aa en Hunze", "Midden-Drenthe",
             "Tynaarlo", "Noordenveld", "De Wolden", "Westerveld"],
    "ZK07": ["Almere", "Lelystad", "Dronten", "Zeewolde", "Noordoostpolder", "Urk"],
    "ZK08": ["Leeuwarden", "Súdwest-Fryslân", "Smallingerland", "Heerenveen", "De Fryske Marren", "Tytsjerksteradiel",
             "Waadhoeke", "Harlingen", "Ooststellingwerf", "Weststellingwerf", "Opsterland", "Achtkarspelen",
             "Noardeast-Fryslân", "Ameland"],
    "ZK09": ["Groningen", "Het Hogeland", "Westerkwartier", "Midden-Groningen", "Eemsdelta", "Oldambt", "Veendam",
             "Pekela", "Stadskanaal", "Westerwolde"],
    "ZK10": ["Den Haag", "Leidschendam-Voorburg", "Rijswijk", "Wassenaar", "Zoetermeer", "Pijnacker-Nootdorp"],
    "ZK11": ["Haarlem", "Zandvoort", "Heemstede", "Bloemendaal", "Velsen", "Beverwijk", "Heemskerk"],
    "ZK12": ["Tilburg", "Dongen", "Goirle", "Hilvarenbeek", "Loon op Zand", "Oisterwijk", "Waalwijk", "Gilze en Rijen"],
    "ZK13": ["Gouda", "Bodegraven-Reeuwijk", "Krimpenerwaard", "Waddinxveen", "Zuidplas"],
    "ZK14": ["Deventer", "Olst-Wijhe", "Raalte"],
    "ZK16": ["Nijmegen", "Berg en Dal", "Beuningen", "Druten", "Heumen", "Wijchen", "Mook en Middelaar",
             "West Maas en Waal"],
    "ZK17": ["Venlo", "Venray", "Roermond", "Weert", "Peel en Maas", "Horst aan de Maas", "Leudal", "Maasgouw",
             "Echt-Susteren", "Roerdalen", "Beesel"],
    "ZK18": ["Alkmaar", "Den Helder", "Hoorn", "Enkhuizen", "Schagen", "Dijk en Waard", "Hollands Kroon", "Medemblik",
             "Drechterland", "Stede Broec", "Koggenland", "Castricum", "Heiloo", "Texel"],
    "ZK19": ["'s-Hertogenbosch", "Oss", "Meierijstad", "Bernheze", "Maashorst", "Land van Cuijk", "Boxtel", "Vught",
             "Sint-Michielsgestel", "Heusden"],
    "ZK20": ["Rotterdam", "Capelle aan den IJssel", "Krimpen aan den IJssel", "Lansingerland", "Maassluis", "Schiedam",
             "Vlaardingen", "Barendrecht", "Ridderkerk", "Albrandswaard"],
    "ZK21": ["Hilversum", "Gooise Meren", "Huizen", "Blaricum", "Laren", "Wijdemeren", "Eemnes"],
    "ZK22": ["Enschede", "Hengelo", "Almelo", "Oldenzaal", "Borne", "Haaksbergen", "Hof van Twente", "Rijssen-Holten",
             "Wierden", "Twenterand", "Tubbergen", "Dinkelland", "Losser", "Hellendoorn"],
    "ZK23": ["Utrecht", "Amersfoort", "Nieuwegein", "Zeist", "Houten", "Veenendaal", "De Bilt", "Stichtse Vecht",
             "IJsselstein", "Woerden", "Soest", "Rhenen", "Wijk bij Duurstede", "Utrechtse Heuvelrug", "Leusden",
             "Lopik", "Montfoort", "Oudewater", "Baarn", "Bunschoten", "Woudenberg", "Vijfheerenlanden"],
    "ZK24": ["Dordrecht", "Gorinchem", "Alblasserdam", "Hardinxveld-Giessendam", "Hendrik-Ido-Ambacht", "Molenlanden",
             "Papendrecht", "Sliedrecht", "Zwijndrecht"],
    "ZK25": ["Breda", "Roosendaal", "Bergen op Zoom", "Etten-Leur", "Oosterhout", "Moerdijk", "Halderberge", "Zundert",
             "Rucphen", "Steenbergen", "Woensdrecht", "Drimmelen", "Geertruidenberg", "Altena", "Alphen-Chaam",
             "Baarle-Nassau"],
    "ZK26": ["Zaanstad", "Purmerend", "Edam-Volendam", "Waterland", "Landsmeer", "Oostzaan", "Wormerland"],
    "ZK27": ["Middelburg", "Vlissingen", "Goes", "Terneuzen", "Schouwen-Duiveland", "Hulst", "Sluis", "Veere",
             "Borsele", "Kapelle", "Reimerswaal", "Noord-Beveland", "Tholen"],
    "ZK28": ["Leiden", "Alphen aan den Rijn", "Katwijk", "Leiderdorp", "Oegstgeest", "Teylingen", "Noordwijk",
             "Hillegom", "Lisse", "Kaag en Braassem", "Nieuwkoop", "Voorschoten", "Zoeterwoude"],
    "ZK29": ["Nissewaard", "Hoeksche Waard", "Voorne aan Zee", "Goeree-Overflakkee"],
    "ZK30": ["Eindhoven", "Helmond", "Veldhoven", "Geldrop-Mierlo", "Best", "Nuenen", "Son en Breugel", "Waalre",
             "Valkenswaard", "Heeze-Leende", "Cranendonck", "Someren", "Asten", "Deurne", "Gemert-Bakel", "Laarbeek",
             "Oirschot", "Eersel", "Bergeijk", "Bladel"],
    "ZK31": ["Maastricht", "Heerlen", "Sittard-Geleen", "Kerkrade", "Landgraaf", "Brunssum", "Beekdaelen", "Stein",
             "Beek", "Meerssen", "Eijsden-Margraten", "Gulpen-Wittem", "Vaals", "Valkenburg aan de Geul", "Simpelveld",
             "Voerendaal"],
    "ZK32": ["Zwolle", "Kampen", "Dalfsen", "Hardenberg", "Ommen", "Staphorst", "Steenwijkerland", "Zwartewaterland",
             "Hattem", "Heerde", "Oldebroek", "Elburg", "Nunspeet"],
    "ZK33": ["Delft", "Westland", "Midden-Delfland"],
}
assert set(MUNICIPALITIES) == {code for code, _ in REGIONS}

ZORGKANTOOR_OF = {
    "ZK01": "Zilveren Kruis", "ZK02": "Zilveren Kruis", "ZK03": "Menzis", "ZK04": "Menzis", "ZK06": "Zilveren Kruis",
    "ZK07": "Zilveren Kruis", "ZK08": "De Friesland", "ZK09": "Menzis", "ZK10": "CZ", "ZK11": "VGZ", "ZK12": "CZ",
    "ZK13": "Zilveren Kruis", "ZK14": "Zilveren Kruis", "ZK16": "VGZ", "ZK17": "VGZ", "ZK18": "VGZ", "ZK19": "VGZ",
    "ZK20": "Zilveren Kruis", "ZK21": "Zilveren Kruis", "ZK22": "Menzis", "ZK23": "Zilveren Kruis",
    "ZK24": "Zilveren Kruis", "ZK25": "CZ", "ZK26": "Zilveren Kruis", "ZK27": "CZ", "ZK28": "Zorg en Zekerheid",
    "ZK29": "Zilveren Kruis", "ZK30": "VGZ", "ZK31": "CZ", "ZK32": "Zilveren Kruis", "ZK33": "DSW",
}
INSURERS = ["Zilveren Kruis", "Menzis", "CZ", "VGZ", "DSW", "Zorg en Zekerheid", "ONVZ", "De Friesland",
            "Salland Zorgverzekeringen", "Eno"]

PROVIDERS = [
    "Opella", "Cordaan", "Amsta", "Amstelring", "Zorgcirkel", "Evean", "Omring", "Vivium Zorggroep", "Inovum", "Careyn",
    "Laurens", "Aafje", "Argos Zorggroep", "WZH", "Florence", "Haagse Wijk- en Woonzorg", "Saffier", "Topaz",
    "Marente", "Activite", "Zorggroep Elde", "ViVa! Zorggroep", "Kennemerhart", "Zorgbalans", "SHDH",
    "Zorggroep Tellens", "Thebe", "Volckaert", "De Riethorst Stromenland", "Vitalis WoonZorg Groep", "Zuidzorg",
    "Archipel Zorggroep", "Zorggroep Sint Maarten", "Savant Zorg", "ZuidOostZorg", "Axion Continu", "Beweging 3.0",
    "Warande", "Vecht en IJssel", "Zorggroep Charim", "Zinzia Zorggroep", "ZZG zorggroep", "Sensire",
    "Attent Zorg en Behandeling", "Liemerije", "Vilente", "Zorggroep Apeldoorn", "TriviumMeulenbeltZorg",
    "Carintreggeland", "ZorgAccent", "Zorggroep Noorderboog", "Zonnehuisgroep Noord", "Interzorg", "Icare",
    "Zorggroep Alliade", "Patyna", "De Hoven", "Dignis Lentis", "Zonnehuisgroep Vlaardingen", "Humanitas",
    "Pieter van Foreest", "Rijnhoven", "Vierstroom Zorg Thuis", "Zorgpartners Midden-Holland", "Lelie zorggroep",
    "Waardeburgh", "Zorggroep Maas & Waal", "Pantein", "Sint Jozefoord", "Laverhof", "ZorgSaam", "Allévo", "SVRZ",
    "Envida", "Sevagram", "MeanderGroep Zuid-Limburg", "Zuyderland", "Proteion", "Land van Horne",
    "Buurtzorg Nederland", "Tante Louise", "Thuiszorg West-Brabant", "Surplus", "Groenhuysen", "Mijzo", "De Wever",
    "Schakelring", "Zorgboog", "Vitalis", "Joris Zorg", "Woonzorg Flevoland", "Coloriet", "Zorggroep Almere",
    "Zorggroep De Vijf Gasthuizen", "Stichting Oosterlengte", "Zorggroep Oude en Nieuwe Land",
    "Zorgcentrum De Zonnehoeve", "Woonzorgcentrum Het Hooge Huys", "Het Baken Zorggroep", "Rosengaerde",
]
CLIENT_ORGS = ["KBO-PCOB", "MantelzorgNL", "Per Saldo", "Alzheimer Nederland", "Zorgbelang Brabant Zeeland",
               "Zorgbelang Groningen", "Zorgbelang Gelderland", "Zorgbelang Inclusief", "Ieder(in)", "LOC Zeggenschap in zorg",
               "Cliëntenbelang Utrecht", "Cliëntenbelang Amsterdam", "Netwerk Dementie Friesland"]
KNOWLEDGE = ["Vilans", "Movisie", "Nivel", "Trimbos-instituut", "Pharos", "Hogeschool Utrecht", "Hanzehogeschool Groningen",
             "Radboudumc", "Amsterdam UMC", "Erasmus School of Health Policy & Management", "Universiteit Maastricht",
             "Academische Werkplaats Ouderenzorg Limburg", "Universitair Kennisnetwerk Ouderenzorg Nijmegen",
             "Tranzo, Tilburg University", "Fontys Hogescholen", "HAN University of Applied Sciences", "Saxion",
             "NHL Stenden", "Avans Hogeschool", "Hogeschool Rotterdam", "Hogeschool Leiden", "Windesheim",
             "Kenniscentrum Sport & Bewegen", "UMCG", "Leyden Academy on Vitality and Ageing"]
OTHER_ORGS = ["Ministerie van VWS", "Significant", "Berenschot", "Woonstad Rotterdam", "Ymere", "Portaal", "Vivare",
              "Talis", "Woonbedrijf", "Lefier", "Elkien", "Woonzorg Nederland", "Habion", "Domijn", "Woonbron", "Mitros",
              "Stadgenoot", "Havensteder", "Wonen Limburg", "Area Wonen", "Trudo", "Zayaz", "Servatius",
              "Rabobank Foundation", "Oranje Fonds", "Fonds Sluyterman van Loo", "Stichting Zorgboerderijen Nederland",
              "Gupta Strategists", "Kwiz", "Stichting Knarrenhof"]
PROVINCE_OF = {"ZK01": "Noord-Holland", "ZK02": "Noord-Holland", "ZK03": "Gelderland", "ZK04": "Gelderland",
               "ZK06": "Drenthe", "ZK07": "Flevoland", "ZK08": "Friesland", "ZK09": "Groningen", "ZK10": "Zuid-Holland",
               "ZK11": "Noord-Holland", "ZK12": "Brabant", "ZK13": "Zuid-Holland", "ZK14": "Overijssel",
               "ZK16": "Gelderland", "ZK17": "Limburg", "ZK18": "Noord-Holland", "ZK19": "Brabant",
               "ZK20": "Zuid-Holland", "ZK21": "Noord-Holland", "ZK22": "Overijssel", "ZK23": "Utrecht",
               "ZK24": "Zuid-Holland", "ZK25": "Brabant", "ZK26": "Noord-Holland", "ZK27": "Zeeland",
               "ZK28": "Zuid-Holland", "ZK29": "Zuid-Holland", "ZK30": "Brabant", "ZK31": "Limburg", "ZK32": "Overijssel",
               "ZK33": "Zuid-Holland"}

# Concepts per type, for titles.
CONCEPTS = {
    "centraal-persoon": ["Arrangeur", "Leefcoach", "Dorpsregisseur", "Casemanager ouderen", "Wijkcoach", "Vaste contactpersoon",
                         "Ouderenadviseur", "Levensloopcoach", "Maotwarker", "Zorgregisseur", "Dorpsondersteuner"],
    "sociale-benadering-dementie": ["Sociale benadering dementie", "Dementievriendelijke wijk", "Trajectbegeleiding dementie",
                                    "Odensehuis", "Vertrouwenspersoon dementie", "Dementienetwerk", "Samen dementievriendelijk",
                                    "Social trial dementie", "Maatjesproject dementie", "Dementiecoach"],
    "geclusterd-wonen": ["PlusWonen", "Hofje", "Kangoeroewonen", "Woongroep voor ouderen", "Knarrenhof", "Zorgzame buurt",
                         "Seniorenhof", "Thuishuis", "Levensloopbestendige woonstraat", "Tussenvoorziening wonen"],
    "tijdelijk-verblijf": ["Coördinatiepunt tijdelijk verblijf", "Eerstelijnsverblijf", "Crisisbedden ouderen", "Herstelhotel",
                           "Kortdurend verblijf", "Tijdelijk verblijf na ziekenhuisopname", "Spoedplaatsen ouderen",
                           "Regionaal bedbureau"],
    "respijtzorg": ["Logeerhuis", "Weekendopvang", "Respijt op de zorgboerderij", "Vakantieopvang", "Respijthuis",
                    "Mantelzorgmakelaar", "Respijtzorg aan huis", "Logeeropvang", "Oppas aan huis"],
    "clientondersteuning": ["Cliëntondersteuning", "Onafhankelijke ouderenconsulent", "Expertisecentrum blijvende zorg",
                            "Wlz-wegwijzer", "Keukentafelgesprek", "Informatiepunt langdurige zorg", "Ouderenadvies",
                            "Cliëntondersteuner Wlz"],
    "zorginnovatie": ["Innovatielab", "Zorgtechnologie thuis", "Slimme sensoren", "Beeldbellen", "Leefstijlmonitor",
                      "Medicijndispenser", "Valdetectie", "Digitale huiskamer", "Zorgrobot", "Leefpatroonmonitoring"],
    "ontmoeting": ["Ontmoetingscentrum", "Buurtkamer", "Alzheimer Café", "Ontmoetingsplek", "Huiskamer van de wijk",
                   "Eettafel", "Ontmoetingsboerderij", "Dorpshuiskamer", "Samen aan tafel"],
    "overig": ["Valpreventie", "Vroegsignalering", "Beweegprogramma", "Preventief huisbezoek", "Gezamenlijke inkoop",
               "Samenwerkingsagenda", "Ouderenakkoord", "Zorgzame gemeenschap", "Medicatiebeoordeling thuis"],
}
assert set(CONCEPTS) == set(TYPES)
TYPE_NOUNS = {
    "centraal-persoon": [("arrangeur", "arrangeurs", "de"), ("leefcoach", "leefcoaches", "de"),
                         ("casemanager", "casemanagers", "de"), ("dorpsregisseur", "dorpsregisseurs", "de")],
    "sociale-benadering-dementie": [("dementieconsulent", "dementieconsulenten", "de"), ("mantelzorger", "mantelzorgers", "de"),
                                    ("geheugenpoli", "geheugenpoli's", "de")],
    "geclusterd-wonen": [("woning", "woningen", "de"), ("hofje", "hofjes", "het"), ("huurder", "huurders", "de")],
    "tijdelijk-verblijf": [("bed", "bedden", "het"), ("spoedplaats", "spoedplaatsen", "de"), ("ziekenhuis", "ziekenhuizen", "het")],
    "respijtzorg": [("mantelzorger", "mantelzorgers", "de"), ("logeerhuis", "logeerhuizen", "het"),
                    ("zorgboerderij", "zorgboerderijen", "de"), ("gast", "gasten", "de")],
    "clientondersteuning": [("cliëntondersteuner", "cliëntondersteuners", "de"), ("ondersteuning", "ondersteuningen", "de"),
                            ("zorgkantoor", "zorgkantoren", "het")],
    "zorginnovatie": [("sensor", "sensoren", "de"), ("tablet", "tablets", "de"), ("app", "apps", "de")],
    "ontmoeting": [("ontmoetingscentrum", "ontmoetingscentra", "het"), ("buurtkamer", "buurtkamers", "de"),
                   ("mantelzorger", "mantelzorgers", "de")],
    "overig": [("zorgkantoor", "zorgkantoren", "het"), ("valrisico", "valrisico's", "het")],
}
QUALIFIERS = ["", "", "", "voor kwetsbare ouderen", "voor thuiswonende ouderen", "in de wijk", "op het platteland",
              "voor alleenstaande ouderen", "voor ouderen met een migratieachtergrond", "en netwerkzorg",
              "voor ouderen na ontslag", "met vrijwilligers"]
TYPE_QUALIFIERS = {"sociale-benadering-dementie": ["voor mensen met dementie", "voor jonge mensen met dementie"],
                   "respijtzorg": ["voor mantelzorgers", "voor mensen met dementie"],
                   "ontmoeting": ["voor mensen met dementie", "voor mantelzorgers"]}
DISTRICTS = ["Noord", "Zuid", "Oost", "West", "Centrum", "Binnenstad", "de Hoven", "Kerkwijk", "Nieuwland",
             "het Hoogveld", "de Akkers", "Molenwijk", "de Vaart", "Buitenveld", "Oude Dorp", "de Brink", "Zuiderpark",
             "Tuindorp", "de Heuvel", "Schildersbuurt", "Componistenbuurt", "Rivierenwijk", "Bloemenbuurt",
             "Vogelwijk", "Stationskwartier", "de Kern", "Haven", "Kloosterveld", "Bosrijk", "Polderwijk"]

TAGS = ["dementie", "mantelzorg", "eenzaamheid", "respijtzorg", "wonen", "valpreventie", "domeinoverstijgend", "wmo",
        "wlz", "zvw", "arrangeur", "logeerhuis", "technologie", "vrijwilligers", "ontmoeting", "zorgkantoor", "preventie",
        "wijkverpleging", "huisarts", "dagbesteding", "casemanagement", "zorgboerderij", "bewegen", "voeding",
        "medicatie", "ziekenhuisopname", "crisis", "eerstelijnsverblijf", "cliëntondersteuning", "positieve gezondheid",
        "levensvragen", "zingeving", "digitale zorg", "beeldbellen", "sensoren", "leefstijl", "armoede", "migranten",
        "platteland", "krimpregio", "financiering", "businesscase", "spuk", "iza", "samenwerking", "netwerkzorg",
        "informele zorg", "sociale kaart", "ketenzorg", "ouderenzorg", "thuiszorg", "woningcorporatie",
        "zorgzame buurt", "burgerinitiatief", "coöperatie", "jonge mensen met dementie", "levensloop", "onderzoek",
        "opleiding", "arbeidsmarkt"]
TYPE_TAGS = {"centraal-persoon": ["arrangeur", "casemanagement", "domeinoverstijgend"],
             "sociale-benadering-dementie": ["dementie", "mantelzorg"], "geclusterd-wonen": ["wonen", "woningcorporatie"],
             "tijdelijk-verblijf": ["eerstelijnsverblijf", "crisis", "ziekenhuisopname"],
             "respijtzorg": ["respijtzorg", "mantelzorg", "logeerhuis"], "clientondersteuning": ["cliëntondersteuning", "wlz"],
             "zorginnovatie": ["technologie", "digitale zorg"], "ontmoeting": ["ontmoeting", "eenzaamheid"],
             "overig": ["preventie"]}

FIRST = ["Marieke", "Annelies", "Fatima", "Johan", "Pieter", "Sanne", "Ingrid", "Ahmed", "Esther", "Henk", "Lotte",
         "Mohamed", "Ria", "Gerrit", "Anouk", "Wim", "Noor", "Bas", "Yvonne", "Karin", "Jeroen", "Iris", "Thijs",
         "Sietske", "Bram", "Hanneke", "Lucas", "Mirjam", "Joost", "Saskia", "Erik", "Femke", "Ruud", "Chantal",
         "Kees", "Daphne", "Sjoerd", "Ilse", "Rachid", "Wendy", "Maarten", "Nadia", "Tjitske", "Gijs", "Loes",
         "Hüseyin", "Zoë", "Chloë", "René", "Noël", "Maëlle", "Jolanda", "Ellen", "Frank", "Marloes"]
LAST = ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
        "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
        "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan",
        "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Bruin", "van der Heijden",
        "Schouten", "van Beek", "Willems", "van Vliet", "Hoekstra", "Maas", "Verhoeven", "Koster", "Prins", "Yılmaz",
        "El Amrani", "Postma", "Wijnands", "Çelik", "Kuipers", "Groen", "Sanders", "Boersma"]
FUNCTIONS = ["projectleider", "programmamanager ouderen", "beleidsadviseur zorg", "coördinator", "teamleider wijkverpleging",
             "manager zorg", "adviseur langdurige zorg", "kwartiermaker", "regiocoördinator", "senior beleidsmedewerker"]
STOPPED_REASONS = [
    "De subsidie liep af en de partners vonden geen structurele financiering.",
    "Er meldden zich te weinig deelnemers om de aanpak voort te zetten.",
    "De coördinator vertrok en de organisatie kon de rol niet opnieuw invullen.",
    "De gemeente koos voor een andere aanpak in de hele regio.",
]
EVALUATORS = ["Significant", "Vilans", "Movisie", "Nivel", "Berenschot", "Gupta Strategists", "Kwiz", "Radboudumc",
              "Universiteit Maastricht", "Hogeschool Utrecht", "Tranzo", "Pharos"]

# --------------------------------------------------------------------------------------------
# Vocabulary

# Simple nouns: (singular, plural, article).
NOUNS = [
    ("cliënt", "cliënten", "de"), ("oudere", "ouderen", "de"),
    ("huisarts", "huisartsen", "de"), ("wijkverpleegkundige", "wijkverpleegkundigen", "de"),
    ("vrijwilliger", "vrijwilligers", "de"), ("gemeente", "gemeenten", "de"), ("zorgaanbieder", "zorgaanbieders", "de"),
    ("zorgverzekeraar", "zorgverzekeraars", "de"), ("naaste", "naasten", "de"),
    ("partner", "partners", "de"), ("buurtbewoner", "buurtbewoners", "de"), ("professional", "professionals", "de"),
    ("bestuurder", "bestuurders", "de"), ("verpleeghuis", "verpleeghuizen", "het"), ("opname", "opnames", "de"),
    ("indicatie", "indicaties", "de"), ("aanvraag", "aanvragen", "de"), 
    ("voorziening", "voorzieningen", "de"), ("wijk", "wijken", "de"), ("dorp", "dorpen", "het"), ("buurt", "buurten", "de"),
    ("gesprek", "gesprekken", "het"), ("plan", "plannen", "het"), ("afspraak", "afspraken", "de"), ("doel", "doelen", "het"),
    ("knelpunt", "knelpunten", "het"), ("kans", "kansen", "de"), ("risico", "risico's", "het"), ("resultaat", "resultaten", "het"),
    ("evaluatie", "evaluaties", "de"), ("besparing", "besparingen", "de"), ("investering", "investeringen", "de"),
    ("bijdrage", "bijdragen", "de"), ("financier", "financiers", "de"), ("regio", "regio's", "de"), ("instelling", "instellingen", "de"),
    ("bewoner", "bewoners", "de"), ("familielid", "familieleden", "het"),
    ("ziekenhuis", "ziekenhuizen", "het"), ("specialist", "specialisten", "de"), 
    ("consulent", "consulenten", "de"), ("coördinator", "coördinatoren", "de"), 
    
    
    ("technologie", "technologieën", "de"), ("idee", "ideeën", "het"), ("aanpak", "aanpakken", "de"),
    ("experiment", "experimenten", "het"), ("pilot", "pilots", "de"), ("subsidie", "subsidies", "de"),
    ("regeling", "regelingen", "de"), ("wet", "wetten", "de"), ("minister", "ministers", "de"),
    ("zorgvraag", "zorgvragen", "de"), ("behoefte", "behoeften", "de"), ("crisis", "crises", "de"),
    ("val", "vallen", "de"), ("heup", "heupen", "de"), ("medicijn", "medicijnen", "het"), ("maaltijd", "maaltijden", "de"),
    ("activiteit", "activiteiten", "de"), ("bijeenkomst", "bijeenkomsten", "de"), ("training", "trainingen", "de"),
    ("medewerker", "medewerkers", "de"), ("team", "teams", "het"), ("locatie", "locaties", "de"),
    ("werkgroep", "werkgroepen", "de"), ("stuurgroep", "stuurgroepen", "de"), ("kwartiermaker", "kwartiermakers", "de"),
    ("patiënt", "patiënten", "de"), ("financiën", "financiën", "de"), ("coöperatie", "coöperaties", "de"),
    ("geriater", "geriaters", "de"), ("fysiotherapeut", "fysiotherapeuten", "de"), ("ergotherapeut", "ergotherapeuten", "de"),
    ("apotheker", "apothekers", "de"), ("praktijkondersteuner", "praktijkondersteuners", "de"),
    ("woningcorporatie", "woningcorporaties", "de"), ("huurder", "huurders", "de"), ("kerk", "kerken", "de"),
    ("moskee", "moskeeën", "de"), ("vereniging", "verenigingen", "de"), ("sportclub", "sportclubs", "de"),
]
MODIFIERS = [
    "zorg", "ouderen", "mantelzorg", "wijk", "dementie", "welzijns", "thuis", "buurt", "huisartsen", "gemeente", "dorps",
    "respijt", "ontmoetings", "preventie", "val", "netwerk", "casus", "regie", "project", "samenwerkings",
    "financierings", "eenzaamheids", "woon", "leef", "vrijwilligers", "cliënt", "familie", "levensloop", "signalerings",
    "indicatie", "opname", "verpleeghuis", "ziekenhuis", "nazorg", "thuiszorg", "dagbestedings", "vervoers", "beweeg",
    "voedings", "medicatie", "technologie", "sensor", "beeldbel", "alarm", "domotica", "levensvragen", "schulden",
    "wijkteam", "keten", "kwaliteits", "personeels", "opleidings", "innovatie", "subsidie", "inkoop", "contract",
    "evaluatie", "registratie", "privacy", "informatie", "kennis", "onderzoeks", "implementatie", "borgings",
    "besparings", "kosten", "uitvoerings", "beleids", "bestuurs", "regio", "mobiliteits", "toegankelijkheids", "sport",
    "cultuur", "taal", "gezondheids", "armoede", "ontslag", "crisis", "logeer", "herstel", "dagopvang", "coördinatie",
    "cliëntondersteunings", "Wmo-", "Wlz-", "Zvw-", "zorgkantoor", "mantelzorgers", "ketenzorg", "huishoud",
    "boodschappen", "maaltijd", "valrisico", "geheugen", "slaap", "leefstijl", "zingevings", "rouw", "kwetsbaarheids",
]
HEADS = [
    ("plan", "plannen", "het"), ("team", "teams", "het"), ("coach", "coaches", "de"), 
    ("overleg", "overleggen", "het"), ("aanpak", "aanpakken", "de"), ("netwerk", "netwerken", "het"),
    ("budget", "budgetten", "het"), ("afspraak", "afspraken", "de"), ("traject", "trajecten", "het"),
    ("punt", "punten", "het"), ("loket", "loketten", "het"), ("gesprek", "gesprekken", "het"),
    ("consulent", "consulenten", "de"), ("functie", "functies", "de"), ("rol", "rollen", "de"), ("vraag", "vragen", "de"),
    ("aanbod", "aanbiedingen", "het"), ("beleid", "beleidsstukken", "het"), ("programma", "programma's", "het"),
    ("bijeenkomst", "bijeenkomsten", "de"), ("training", "trainingen", "de"), ("scholing", "scholingen", "de"),
    ("methodiek", "methodieken", "de"), ("werkwijze", "werkwijzen", "de"), ("model", "modellen", "het"),
    ("protocol", "protocollen", "het"), ("instrument", "instrumenten", "het"), ("systeem", "systemen", "het"),
    ("organisatie", "organisaties", "de"), ("coördinator", "coördinatoren", "de"), ("medewerker", "medewerkers", "de"),
    ("professional", "professionals", "de"), ("begeleider", "begeleiders", "de"), ("begeleiding", "begeleidingen", "de"),
    ("huis", "huizen", "het"), ("locatie", "locaties", "de"), ("ruimte", "ruimten", "de"),
    ("voorziening", "voorzieningen", "de"), ("cijfer", "cijfers", "het"), ("verslag", "verslagen", "het"),
    ("rapport", "rapporten", "het"), ("dossier", "dossiers", "het"), ("signaal", "signalen", "het"),
    ("besluit", "besluiten", "het"), ("regeling", "regelingen", "de"), ("fonds", "fondsen", "het"),
    ("pilot", "pilots", "de"), ("experiment", "experimenten", "het"), ("lab", "labs", "het"), ("tafel", "tafels", "de"),
    ("moment", "momenten", "het"), ("bezoek", "bezoeken", "het"), ("adviseur", "adviseurs", "de"),
    ("agenda", "agenda's", "de"), ("kaart", "kaarten", "de"), ("monitor", "monitors", "de"), ("pakket", "pakketten", "het"),
    ("keten", "ketens", "de"), ("opdracht", "opdrachten", "de"), ("werkplaats", "werkplaatsen", "de"),
    ("kamer", "kamers", "de"), ("dag", "dagen", "de"), ("uur", "uren", "het"), ("vergoeding", "vergoedingen", "de"),
    ("indicator", "indicatoren", "de"), ("doelgroep", "doelgroepen", "de"), ("partner", "partners", "de"),
]
ADJECTIVES = [
    ("kwetsbaar", "kwetsbare"), ("zelfstandig", "zelfstandige"), ("integraal", "integrale"),
    ("domeinoverstijgend", "domeinoverstijgende"), ("preventief", "preventieve"), ("structureel", "structurele"),
    ("financieel", "financiële"), ("sociaal", "sociale"), ("lokaal", "lokale"), ("regionaal", "regionale"),
    ("informeel", "informele"), ("formeel", "formele"), ("intensief", "intensieve"), ("tijdelijk", "tijdelijke"),
    ("duurzaam", "duurzame"), ("efficiënt", "efficiënte"), ("laagdrempelig", "laagdrempelige"),
    ("vroegtijdig", "vroegtijdige"), ("thuiswonend", "thuiswonende"), ("eenzaam", "eenzame"),
    ("overbelast", "overbelaste"), ("zorgzaam", "zorgzame"), ("onafhankelijk", "onafhankelijke"),
    ("gezamenlijk", "gezamenlijke"), ("praktisch", "praktische"), ("concreet", "concrete"), ("nieuw", "nieuwe"),
    ("bestaand", "bestaande"), ("breed", "brede"), ("klein", "kleine"), ("groot", "grote"), ("lang", "lange"),
    ("kort", "korte"), ("vast", "vaste"), ("persoonlijk", "persoonlijke"), ("medisch", "medische"),
    ("maatschappelijk", "maatschappelijke"), ("positief", "positieve"), ("kwalitatief", "kwalitatieve"),
    ("kwantitatief", "kwantitatieve"), ("ideëel", "ideële"), ("reëel", "reële"), ("geïntegreerd", "geïntegreerde"),
    ("gecoördineerd", "gecoördineerde"), ("geëvalueerd", "geëvalueerde"), ("essentieel", "essentiële"),
    ("potentieel", "potentiële"), ("dementievriendelijk", "dementievriendelijke"), ("digitaal", "digitale"),
    ("ambulant", "ambulante"), ("intramuraal", "intramurale"), ("extramuraal", "extramurale"),
    ("kleinschalig", "kleinschalige"), ("wijkgericht", "wijkgerichte"), ("cultuursensitief", "cultuursensitieve"),
]
# Verbs: (infinitive / plural present, 3rd person singular, plural past, participle).
VERBS = [
    ("ondersteunen", "ondersteunt", "ondersteunden", "ondersteund"), ("organiseren", "organiseert", "organiseerden", "georganiseerd"),
    ("signaleren", "signaleert", "signaleerden", "gesignaleerd"), ("voorkomen", "voorkomt", "voorkwamen", "voorkomen"),
    ("uitstellen", "stelt uit", "stelden uit", "uitgesteld"), ("verbeteren", "verbetert", "verbeterden", "verbeterd"),
    ("versterken", "versterkt", "versterkten", "versterkt"), ("ontlasten", "ontlast", "ontlastten", "ontlast"),
    ("begeleiden", "begeleidt", "begeleidden", "begeleid"), ("coördineren", "coördineert", "coördineerden", "gecoördineerd"),
    ("financieren", "financiert", "financierden", "gefinancierd"), ("evalueren", "evalueert", "evalueerden", "geëvalueerd"),
    ("verbinden", "verbindt", "verbonden", "verbonden"), ("regelen", "regelt", "regelden", "geregeld"),
    ("bespreken", "bespreekt", "bespraken", "besproken"), ("ontwikkelen", "ontwikkelt", "ontwikkelden", "ontwikkeld"),
    ("inzetten", "zet in", "zetten in", "ingezet"), ("opschalen", "schaalt op", "schaalden op", "opgeschaald"),
    ("borgen", "borgt", "borgden", "geborgd"), ("creëren", "creëert", "creëerden", "gecreëerd"),
    ("bereiken", "bereikt", "bereikten", "bereikt"), ("betrekken", "betrekt", "betrokken", "betrokken"),
    ("verminderen", "vermindert", "verminderden", "verminderd"), ("herkennen", "herkent", "herkenden", "herkend"),
    ("vergroten", "vergroot", "vergrootten", "vergroot"), ("afstemmen", "stemt af", "stemden af", "afgestemd"),
    ("meten", "meet", "maten", "gemeten"), ("registreren", "registreert", "registreerden", "geregistreerd"),
    ("delen", "deelt", "deelden", "gedeeld"), ("leren", "leert", "leerden", "geleerd"),
]
ADVERBS = ["vaak", "steeds vaker", "soms", "vooral", "juist", "nauwelijks", "duidelijk", "sneller", "eerder", "later",
           "gezamenlijk", "structureel", "tijdelijk", "voorlopig", "inmiddels", "opnieuw", "bovendien", "daarnaast",
           "tegelijkertijd", "uiteindelijk", "in de praktijk", "achteraf", "vanaf het begin", "per saldo", "gemiddeld"]
CONNECTORS = ["Daarnaast", "Bovendien", "Tegelijkertijd", "Daardoor", "Toch", "Ook", "Vervolgens", "Uiteindelijk",
              "In de praktijk", "Achteraf gezien", "Volgens de betrokkenen", "Opvallend genoeg", "Na een half jaar",
              "In het tweede jaar", "Vanaf de start", "Mede daardoor"]
LESSONS = ["Mensen maken het verschil", "Commitment op twee niveaus", "Mandaat is cruciaal", "Registreer vanaf dag één",
           "Financiering blijft kwetsbaar", "Begin klein", "Betrek naasten vroeg", "Investeer in de relatie",
           "Maak afspraken over data", "Houd het eenvoudig", "Zorg voor een onafhankelijke projectleider",
           "Vier successen"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]

SENTENCES = [
    "De gemeente {G} merkte dat {A} {Np} {adv} te laat in beeld kwamen bij {ORG}.",
    "{Cap_Np} {Vp} samen met {ORG} {eenAC}.",
    "{DeC} {V3} {A} {Np} en hun {Np2}.",
    "{CONN} {Vp} de {Np} {deC} {adv} zelf.",
    "Volgens {ORG} hebben {NUM} {Np} in {Y} {adv} gebruikgemaakt van {deC}.",
    "{CONN} bleek dat {eenAC} {adv} meer oplevert dan {eenAC2}.",
    "In {G} is {deC} {adv} {Vpp} door {ORG} en {ORG2}.",
    "{Cap_Np} gaven aan dat zij zich {adv} gehoord voelden en dat {deC} hen {Vpp_ontlast}.",
    "{DeC} kostte ongeveer € {EUR} per jaar, grotendeels aan uren van {Np}.",
    "Niet alles ging goed: {deC} liep {adv} vertraging op doordat {Np} moeilijk te vinden waren.",
    "{CONN} werd {deC} in {M} {Y} {Vpp} met {ORG}.",
    "Wie met {deC} begint, doet er goed aan de {Np} vanaf het begin te betrekken.",
    "{ORG} en {ORG2} maakten afspraken over {deC}, {deC2} en de verdeling van de {Np}.",
    "De {A} {Np} in {deC} {Vp} {adv} samen met {Np2} en {Np3}.",
    "Ongeveer {PCT} procent van de {Np} gaf {deC} een ruime voldoende.",
    "{CONN} zagen de {Np} dat {A} {Np2} {adv} minder vaak een beroep deden op de Wlz.",
    "{EenAC} maakt het mogelijk om {Np} {adv} te {Vinf}.",
    "{DeC} {V3} {adv} de verbinding tussen Wmo, Zvw en Wlz.",
    "In {Y} startte {ORG} met {eenAC} in {G}.",
    "{Cap_Np} die meededen, waren gemiddeld {AGE} jaar oud.",
    "De {Np} kregen {eenAC} met {NUM2} bijeenkomsten over {Np2} en {Np3}.",
    "{CONN} werkt {deC} nauw samen met {deC2} van de gemeente {G}.",
    "Door {deAC} {V3} {deC2} {adv} beter aan op de {Np}.",
    "{ORG} wil {deC} {adv} {Vinf} en zoekt daarvoor {A} {Np}.",
    "{DeC} in {G} is inmiddels {Vpp} in {NUM2} andere gemeenten in de regio.",
    "Bij de evaluatie {Vp} {ORG} {adv} {NUM} mini-businesscases.",
    "{EenAC} alleen is niet genoeg; er moet ook {eenAC2} komen.",
    "{Cap_Np} en {Np2} hadden eerder {adv} te maken met {A} {Cp}.",
    "Bij ruim {PCT} procent van de deelnemers werd een opname {Vpp_uitgesteld} of voorkomen.",
    "{DeC} is {Vpp} met geld uit de {FUND} en een bijdrage van {ORG}.",
]


# Sentences about the subject of one type; a write-up draws about a quarter of its sentences from
# the pools of its own types, so topic words cluster the way they do in real write-ups.
TOPIC_SENTENCES = {
    "centraal-persoon": [
        "De arrangeur {V3} samen met de {Np} {eenAC}.",
        "Eén vaste contactpersoon houdt het overzicht over Wmo, Zvw en Wlz en {V3} {deC}.",
        "Voor de ondersteuning van {A} {Np} was {eenAC} nodig die over de domeinen heen kijkt.",
        "De leefcoach gaat bij de oudere thuis langs en bespreekt ook met de naasten wat nodig is.",
        "Casemanagers en dorpsregisseurs {Vp} {adv} mee in {deC}.",
    ],
    "sociale-benadering-dementie": [
        "Mantelzorgondersteuning en dementiezorg kwamen samen in {eenAC}.",
        "Mensen met dementie bleven {adv} langer actief in hun eigen buurt.",
        "Niet de diagnose dementie maar het dagelijks leven stond centraal in {deC}.",
        "Mantelzorgers van mensen met dementie kregen {eenAC} en lotgenotencontact.",
        "De dementieconsulent {V3} {adv} samen met de familie wat nog wel kan.",
    ],
    "geclusterd-wonen": [
        "Wonen met zorg in de buurt maakt het {adv} makkelijker om {A} {Np} te {Vinf}.",
        "De bewoners van het hofje delen een gemeenschappelijke ruimte en {Vp} {adv} samen activiteiten.",
        "De woningcorporatie bouwde {NUM2} levensloopbestendige woningen rond een binnentuin.",
        "{CONN} konden {Np} dankzij {deC} {adv} langer zelfstandig wonen.",
        "Geclusterd wonen maakt zorg op afroep {adv} efficiënter.",
    ],
    "tijdelijk-verblijf": [
        "Het coördinatiepunt vindt binnen een dag een bed voor tijdelijk verblijf.",
        "Na een ziekenhuisopname {Vp} de ouderen {adv} in het eerstelijnsverblijf.",
        "Het doel was om {A} {Np} langer thuis te laten wonen en een opname in het {n_verpleeghuis} {adv} te {Vinf}.",
        "Crisisbedden en spoedplaatsen werden {adv} {Vpp} via één telefoonnummer.",
    ],
    "respijtzorg": [
        "De respijtzorg in het {n_logeerhuis} gaf {Np} {adv} de ruimte om op adem te komen.",
        "De logeerhuizen en ontmoetingscentra in {G} {Vp} {adv} meer {Np} dan verwacht.",
        "Overbelaste mantelzorgers konden een weekend per maand respijt krijgen.",
        "Het logeerhuis biedt plaats aan {NUM2} gasten tegelijk.",
        "Respijt op de zorgboerderij {V3} {adv} de mantelzorger én de oudere.",
    ],
    "clientondersteuning": [
        "De cliëntondersteuner {V3} de oudere bij het aanvragen van een Wlz-indicatie.",
        "Onafhankelijke cliëntondersteuning voorkomt dat mensen {adv} onvoorbereid in de Wlz belanden.",
        "Voor de ondersteuning van {A} {Np} was {eenAC} nodig die over de domeinen heen kijkt.",
        "Het keukentafelgesprek werd {adv} {Vpp} met hulp van {ORG}.",
    ],
    "zorginnovatie": [
        "Sensoren in huis {Vp} {adv} afwijkingen in het dagritme.",
        "Beeldbellen verving een deel van de huisbezoeken van de wijkverpleging.",
        "Het innovatielab {V3} nieuwe zorgtechnologie samen met medewerkers en cliënten.",
        "Slimme medicijndispensers {Vp} {adv} fouten bij het innemen van medicijnen.",
    ],
    "ontmoeting": [
        "Eenzaamheid en overbelasting van mantelzorgers worden {adv} {Vpp} in {deC}.",
        "Het ontmoetingscentrum is vier dagen per week open voor ouderen en hun mantelzorgers.",
        "In de buurtkamer {Vp} vrijwilligers {adv} een warme maaltijd.",
        "Eenzame ouderen vonden {adv} de weg naar het Alzheimer Café.",
    ],
    "overig": [
        "Het zorgkantoor ziet de besparingen terug in de Wlz, maar de kosten vallen {adv} bij de gemeente.",
        "Een valanalyse thuis {V3} {adv} de risico's van een gebroken heup.",
        "Het preventieve huisbezoek {V3} {adv} vroeg waar een oudere hulp nodig heeft.",
        "Zorgkantoor en gemeente {Vp} {adv} samen in één inkoopafspraak.",
    ],
}


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def money(n):
    return f"{n:,}".replace(",", ".")


def decimal(x):
    s = f"{x:.1f}".rstrip("0").rstrip(".")
    return s.replace(".", ",")


SAFE_PLAIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ0-9][^:#\[\]{},\"'&*!|>%@`]*$")


def y(s):
    """A YAML scalar for s: plain when that is unambiguous, else a JSON (= YAML) double-quoted string."""
    if (SAFE_PLAIN.match(s) and not s.endswith(" ") and not re.match(r"^[0-9.+-]+$", s)
            and s.lower() not in ("yes", "no", "true", "false", "null", "on", "off", "y", "n", "~")
            and not re.match(r"^\d{4}-\d\d-\d\d", s)):
        return s
    return json.dumps(s, ensure_ascii=False)


# --------------------------------------------------------------------------------------------

class Generator:
    def __init__(self, n, seed):
        self.n = n
        self.rng = random.Random(seed)
        rng = self.rng
        # Vocabulary: base nouns + a few thousand compounds.
        pairs = [(m, h) for m in MODIFIERS for h in HEADS]
        rng.shuffle(pairs)
        self.compounds = []
        for m, (sg, pl, art) in pairs[:2600]:
            self.compounds.append((m + sg, m + pl, art))
        # Zipf-like: a few compounds are common, most are rare (rank r has weight 1/(r+20)).
        self.compound_weights = [1 / (r + 20) for r in range(len(self.compounds))]
        self.org_pool = self.build_organisations()

    def build_organisations(self):
        rng = self.rng
        pool = {}
        for code, _ in REGIONS:
            munis = MUNICIPALITIES[code]
            province = PROVINCE_OF[code]
            region_name = dict(REGIONS)[code]
            providers = rng.sample(PROVIDERS, 4)
            welzijn = [f"Welzijn {m}" for m in munis[:3]] + [f"Stichting Welzijn Ouderen {munis[0]}",
                                                             f"MEE {region_name}", f"Humanitas {munis[-1]}"]
            clients = [f"Alzheimer Nederland afdeling {region_name}", f"Seniorenraad {munis[0]}",
                       f"Adviesraad Sociaal Domein {munis[-1]}", rng.choice(CLIENT_ORGS)]
            knowledge = rng.sample(KNOWLEDGE, 2)
            other = rng.sample(OTHER_ORGS, 3) + [f"Huisartsencoöperatie {region_name}",
                                                 f"Stichting Zorgboerderijen {province}"]
            pool[code] = {
                "gemeente": [f"Gemeente {m}" for m in munis],
                "zorgaanbieder": providers,
                "welzijn": welzijn,
                "clientvertegenwoordiging": clients,
                "kennisinstituut": knowledge,
                "overig": other,
                "zorgkantoor": [f"{ZORGKANTOOR_OF[code]} Zorgkantoor"],
                "zorgverzekeraar": [ZORGKANTOOR_OF[code]] + rng.sample(INSURERS, 1),
            }
        return pool

    # ---- metadata pass ---------------------------------------------------------------------

    def metadata(self):
        rng = self.rng
        titles, slugs = set(), set()
        items = []
        for i in range(self.n):
            code, region_name = REGIONS[i % len(REGIONS)] if i < len(REGIONS) else rng.choice(REGIONS)
            types = [TYPES[i % len(TYPES)] if i < len(TYPES) else rng.choice(TYPES)]
            if rng.random() < 0.15:
                other = rng.choice([t for t in TYPES if t != types[0]])
                types.append(other)
            munis = MUNICIPALITIES[code]
            muni = rng.choice(munis)
            concept = rng.choice(CONCEPTS[types[0]])
            qualifier = rng.choice(QUALIFIERS + TYPE_QUALIFIERS.get(types[0], []) * 2)
            base = f"{concept} {qualifier} in {muni}" if qualifier else f"{concept} in {muni}"
            title = base
            tries = 0
            while fold(title).lower() in titles:
                tries += 1
                if tries < 4:
                    title = f"{base}-{rng.choice(DISTRICTS)}" if tries == 1 else f"{base}, wijk {rng.choice(DISTRICTS)}"
                else:
                    title = f"{base} ({tries - 2})"
            titles.add(fold(title).lower())
            slug = slugify(title)
            k = 2
            while slug in slugs:
                slug = f"{slugify(title)}-{k}"
                k += 1
            slugs.add(slug)
            items.append({"slug": slug, "title": title, "types": types, "code": code, "region_name": region_name,
                          "muni": muni, "concept": concept})
        self.by_type = {}
        for idx, it in enumerate(items):
            self.by_type.setdefault(it["types"][0], []).append(idx)
        return items

    # ---- front matter ----------------------------------------------------------------------

    def front_matter(self, it):
        rng = self.rng
        code = it["code"]
        pool = self.org_pool[code]
        munis = MUNICIPALITIES[code]
        municipalities = [it["muni"]]
        if rng.random() < 0.4 and len(munis) > 1:
            municipalities += rng.sample([m for m in munis if m != it["muni"]], min(len(munis) - 1, rng.randint(1, 3)))

        # Business case first: it decides which partner kinds must be present.
        has_bc = rng.random() < 0.75
        zk_pays = has_bc and rng.random() < 0.5
        n_partners = rng.randint(2, 6)
        partners = [(rng.choice(pool["zorgaanbieder"]), "zorgaanbieder")]
        if zk_pays or rng.random() < 0.7:
            partners.append((f"Gemeente {it['muni']}", "gemeente"))
        if zk_pays:
            partners.append((pool["zorgkantoor"][0], "zorgkantoor"))
        extra_kinds = ["welzijn", "zorgverzekeraar", "clientvertegenwoordiging", "kennisinstituut", "overig",
                       "zorgaanbieder", "gemeente", "welzijn", "zorgkantoor"]
        guard = 0
        while len(partners) < n_partners and guard < 30:
            guard += 1
            kind = rng.choice(extra_kinds)
            name = rng.choice(pool[kind])
            if kind == "gemeente" and rng.random() < 0.5:
                name = f"Gemeente {rng.choice(municipalities)}"
            if any(name == p[0] for p in partners):
                continue
            partners.append((name, kind))
        if rng.random() < 0.01:
            partners.append(("Ministerie van Justitie en Veiligheid", "minister-rechtsbescherming"))
        kinds = [k for _, k in partners]

        funding = set()
        if "gemeente" in kinds:
            funding.add(rng.choice(["wmo", "spuk-dos", "wmo", "iza"]))
        if "zorgverzekeraar" in kinds:
            funding.add("zvw")
        if zk_pays:
            funding.add("flz")
        if rng.random() < 0.2:
            funding.add(rng.choice(["vws-experiment", "zonmw", "overig"]))
        funding = sorted(funding)

        bc = None
        if has_bc:
            investment = rng.choice([1000, 5000, 10000]) * rng.randint(3, 200)
            payers = sorted(set(kinds) - {"minister-rechtsbescherming"})
            if zk_pays:
                others = [k for k in payers if k != "zorgkantoor"]
                payers = ["zorgkantoor"] + rng.sample(others, rng.randint(1, min(3, len(others))))
            else:
                payers = [k for k in payers if k != "zorgkantoor"]
                payers = rng.sample(payers, rng.randint(1, min(3, len(payers))))
            # Split exactly: all but the last rounded to 1000, the last takes the rest.
            shares = [rng.random() + 0.2 for _ in payers]
            total = sum(shares)
            contributions, left = {}, investment
            for k, s in zip(payers[:-1], shares[:-1]):
                amount = min(left, int(investment * s / total) // 1000 * 1000)
                contributions[k] = amount
                left -= amount
            contributions[payers[-1]] = left
            contributions = {k: v for k, v in contributions.items() if v > 0} or {payers[-1]: investment}
            if sum(contributions.values()) != investment:  # pragma: no cover - guarded above
                contributions = {payers[0]: investment}
            zk = contributions.get("zorgkantoor", 0)
            expected = max(zk, investment) * rng.randint(110, 320) // 100 // 1000 * 1000 + 1000
            expected = max(expected, zk)
            bc = {"investment": investment, "contributions": contributions, "expected_wlz_savings": expected,
                  "horizon_years": rng.randint(1, 5)}
            if rng.random() < 0.4:
                bc["realised_wlz_savings"] = expected * rng.randint(50, 120) // 100 // 1000 * 1000

        status = rng.choice(["idee", "gestart", "lopend", "lopend", "geevalueerd", "geevalueerd", "structureel", "gestopt"])
        start_year = rng.randint(2014, 2025)
        start = f"{start_year}-{rng.randint(1, 12):02d}" if rng.random() < 0.8 else str(start_year)
        end = None
        if status in ("geevalueerd", "gestopt", "structureel") or rng.random() < 0.2:
            end_year = start_year + rng.randint(1, 4)
            end = f"{end_year}-{rng.randint(1, 12):02d}" if rng.random() < 0.8 else str(end_year)
        period = {"start": start, "end": end}

        results = None
        if status in ("geevalueerd", "structureel", "lopend", "gestopt") and rng.random() < 0.85:
            results = {"participants": rng.randint(8, 900)}
            if rng.random() < 0.8:
                results["admissions_prevented_or_delayed_pct"] = round(rng.uniform(10, 90), rng.choice([0, 1]))
            if rng.random() < 0.7:
                results["average_delay_months"] = rng.randint(2, 24)
            if rng.random() < 0.7:
                results["quality_of_life"] = self.sentence(it)
            if rng.random() < 0.6:
                results["caregiver_burden"] = self.sentence(it)
            if rng.random() < 0.7:
                results["evaluator"] = rng.choice(EVALUATORS)

        tags = set(rng.sample(TYPE_TAGS[it["types"][0]], 1))
        tags.update(rng.sample(TAGS, rng.randint(1, 5)))
        tags = sorted(tags)

        contact_org = partners[0][0]
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{slugify(first)}.{slugify(last).replace('-', '')}@voorbeeld.nl"
        contact = {"name": f"{first} {last}", "organisation": contact_org, "email": email}

        sources = []
        for _ in range(rng.randint(1, 2)):
            r = rng.random()
            if r < 0.3:
                nr = rng.randint(400, 700)
                sources.append((f"Kamerstuk 31 765, nr. {nr}", f"https://zoek.officielebekendmakingen.nl/kst-31765-{nr}.html"))
            elif r < 0.6:
                org = rng.choice(EVALUATORS)
                sources.append((f"Evaluatie {it['concept'].lower()} {it['muni']} ({org})",
                                f"https://www.{slugify(org)}.nl/publicaties/{it['slug']}"))
            else:
                sources.append((f"Projectplan {it['title']}", f"https://www.voorbeeld.nl/projecten/{it['slug']}.pdf"))

        updated = f"{rng.randint(2020, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        evidence = rng.choice([None, "geen", "goed-beschreven", "goed-beschreven", "goed-onderbouwd", "effectief"])

        it.update(municipalities=municipalities, partners=partners, funding=funding, bc=bc, status=status,
                  period=period, results=results, tags=tags, contact=contact, sources=sources, updated=updated,
                  evidence=evidence)
        return it

    def render_front_matter(self, it, hugo=False):
        out = ["---", f"title: {y(it['title'])}", f"summary: {y(it['summary'])}"]
        types = it["types"]
        out.append(f"type: {types[0]}" if len(types) == 1 else f"type: [{', '.join(types)}]")
        out.append(f"region: {y(it['region_ref'])}")
        out.append(f"municipalities: [{', '.join(y(m) for m in it['municipalities'])}]")
        out.append(f"status: {it['status']}")
        if it["status"] == "gestopt":
            # kb warns about a stop without its reason; chosen without the random generator, so
            # the rest of the corpus stays as it was.
            out.append(f"stopped_reason: {y(STOPPED_REASONS[len(it['slug']) % len(STOPPED_REASONS)])}")
        p = it["period"]
        start = p["start"] if "-" in p["start"] else f'"{p["start"]}"'
        if p["end"]:
            end = p["end"] if "-" in p["end"] else f'"{p["end"]}"'
            out.append(f"period: {{start: {start}, end: {end}}}")
        else:
            out.append(f"period: {{start: {start}}}")
        out.append("partners:")
        for name, kind in it["partners"]:
            out.append(f"  - {{name: {y(name)}, kind: {kind}}}")
        if it["funding"]:
            out.append(f"funding: [{', '.join(it['funding'])}]")
        bc = it["bc"]
        if bc:
            out.append("business_case:")
            out.append(f"  investment: {bc['investment']}")
            out.append("  contributions: {" + ", ".join(f"{k}: {v}" for k, v in bc["contributions"].items()) + "}")
            out.append(f"  expected_wlz_savings: {bc['expected_wlz_savings']}")
            out.append(f"  horizon_years: {bc['horizon_years']}")
            if "realised_wlz_savings" in bc:
                out.append(f"  realised_wlz_savings: {bc['realised_wlz_savings']}")
        r = it["results"]
        if r:
            out.append("results:")
            for key in ("participants", "admissions_prevented_or_delayed_pct", "average_delay_months"):
                if key in r:
                    out.append(f"  {key}: {r[key]}")
            for key in ("quality_of_life", "caregiver_burden", "evaluator"):
                if key in r:
                    out.append(f"  {key}: {y(r[key])}")
        if it["evidence"]:
            out.append(f"evidence_level: {it['evidence']}")
        out.append(f"tags: [{', '.join(y(t) for t in it['tags'])}]")
        out.append("sources:")
        for title, url in it["sources"]:
            out.append(f"  - {{title: {json.dumps(title, ensure_ascii=False)}, url: {json.dumps(url)}}}")
        c = it["contact"]
        out.append(f"contact: {{name: {y(c['name'])}, organisation: {y(c['organisation'])}, email: {c['email']}}}")
        out.append(f"updated: {it['updated']}")
        if hugo:
            out.append(f"regions: [{y(it['region_name'])}]")
            out.append(f"types: [{', '.join(types)}]")
        out.append("---")
        return "\n".join(out) + "\n"

    # ---- text ------------------------------------------------------------------------------

    def vocabulary(self, it):
        """The words one write-up draws from: the generic nouns plus its types' nouns (weighted
        up), its types' topic sentences, and a small set of compounds it keeps coming back to."""
        if "_vocab" not in it:
            type_nouns = [noun for t in it["types"] for noun in TYPE_NOUNS[t]]
            nouns = NOUNS + type_nouns * 4
            topics = [tpl for t in it["types"] for tpl in TOPIC_SENTENCES[t]]
            compounds = self.rng.choices(self.compounds, weights=self.compound_weights, k=24)
            it["_vocab"] = (nouns, topics, compounds)
        return it["_vocab"]

    def sentence(self, it):
        rng = self.rng
        nouns, topics, compounds = self.vocabulary(it)
        tpl = rng.choice(topics) if rng.random() < 0.25 else rng.choice(SENTENCES)
        n = rng.choice(nouns)
        c = rng.choice(compounds)
        v = rng.choice(VERBS)
        c2 = rng.choice(compounds)
        adj, adj2 = rng.choice(ADJECTIVES), rng.choice(ADJECTIVES)
        values = {
            "G": it["muni"], "A": rng.choice(ADJECTIVES)[1], "A2": rng.choice(ADJECTIVES)[1],
            "Np": rng.choice(nouns)[1], "Np2": rng.choice(nouns)[1], "Np3": rng.choice(nouns)[1],
            "Cap_Np": n[1][:1].upper() + n[1][1:], "C": c[0], "C2": c2[0],
            "deC": f"{c[2]} {c[0]}", "DeC": f"{c[2].capitalize()} {c[0]}", "deC2": f"{c2[2]} {c2[0]}",
            "eenAC": f"een {adj[0] if c[2] == 'het' else adj[1]} {c[0]}",
            "EenAC": f"Een {adj[0] if c[2] == 'het' else adj[1]} {c[0]}", "deAC": f"{c[2]} {adj[1]} {c[0]}",
            "eenAC2": f"een {adj2[0] if c2[2] == 'het' else adj2[1]} {c2[0]}",
            "Cp": c[1], "V3": v[1], "Vp": v[2], "Vpp": v[3], "Vinf": v[0],
            "Vpp_ontlast": "ontlastte", "Vpp_uitgesteld": "uitgesteld", "adv": rng.choice(ADVERBS),
            "CONN": rng.choice(CONNECTORS), "ORG": rng.choice(it["partners"])[0] if "partners" in it else "de gemeente",
            "ORG2": rng.choice(it["partners"])[0] if "partners" in it else "het zorgkantoor",
            "NUM": rng.randint(12, 480), "NUM2": rng.randint(2, 9), "PCT": rng.randint(20, 85), "Y": rng.randint(2015, 2024),
            "M": rng.choice(MONTHS), "EUR": money(rng.randint(20, 900) * 1000), "AGE": rng.randint(72, 88),
            "FUND": rng.choice(["SPUK-DOS", "IZA-middelen", "Wmo", "Flz", "ZonMw-subsidie", "regiobudget"]),
            "n_verpleeghuis": "verpleeghuis", "n_logeerhuis": "logeerhuis",
        }
        s = tpl.format(**values)
        return s[:1].upper() + s[1:]

    def paragraph(self, it, lo=3, hi=6):
        return " ".join(self.sentence(it) for _ in range(self.rng.randint(lo, hi)))

    def link(self, it, items, idx, anchor_chance=0.35):
        rng = self.rng
        bucket = self.by_type[it["types"][0]]
        for _ in range(5):
            j = rng.choice(bucket) if rng.random() < 0.7 else rng.randrange(len(items))
            if j != idx:
                break
        else:
            j = (idx + 1) % len(items)
        if j == idx:
            return None
        target = items[j]
        anchor = ""
        r = rng.random()
        if r < anchor_chance:
            anchor = "#geleerde-lessen"
        elif r < anchor_chance + 0.1:
            anchor = rng.choice(["#aanpak", "#resultaten", "#businesscase"])
        text = target["muni"] if rng.random() < 0.5 else target["title"].lower()[:1] + target["title"][1:]
        if anchor == "#geleerde-lessen":
            text = f"de lessen uit {target['muni']}"
        return f"[{text}]({target['slug']}.md{anchor})"

    def body(self, it, items, idx):
        rng = self.rng
        target = int(min(8000, max(3000, rng.lognormvariate(7.85, 0.27))))
        bc = it["bc"]
        r = it["results"]
        sections = {"Aanleiding": [], "Aanpak": [], "Resultaten": [], "Businesscase": [], "Geleerde lessen": []}
        # Aanleiding
        sections["Aanleiding"].append(self.paragraph(it, 2, 4))
        link = self.link(it, items, idx)
        if link:
            sections["Aanleiding"].append(
                f"De aanpak is geïnspireerd op {link}. " + self.paragraph(it, 1, 3))
        # Aanpak: numbered steps, sometimes a ### and a task list
        sections["Aanpak"].append(self.paragraph(it, 1, 3))
        steps = rng.sample(["Verkennen", "Gewenste situatie bepalen", "Plan opstellen", "Regelen en volgen",
                            "Signaleren", "Huisbezoek", "Netwerk in kaart brengen", "Afspraken vastleggen",
                            "Evalueren", "Opschalen", "Overdragen"], rng.randint(3, 5))
        sections["Aanpak"].append("\n".join(
            f"{k}. **{s}.** {self.sentence(it)}" for k, s in enumerate(steps, 1)))
        if rng.random() < 0.5:
            sub = rng.choice(["Wie doet mee?", "Rol van de vrijwilligers", "Samenwerking met de huisarts",
                              "Werkwijze in de praktijk", "Doelgroep", "Inzet van technologie", "Organisatie"])
            sections["Aanpak"].append(f"### {sub}\n\n" + self.paragraph(it, 2, 4))
        if rng.random() < 0.25:
            tasks = rng.sample(["Projectplan vastgesteld", "Financiering rond", "Arrangeurs geschoold",
                                "Eerste cliënten ingestroomd", "Tussenevaluatie gereed", "Besluit over structurele inbedding",
                                "Afspraken met het zorgkantoor", "Privacyprotocol opgesteld"], rng.randint(3, 5))
            sections["Aanpak"].append("### Stand van zaken\n\n" + "\n".join(
                f"- [{'x' if rng.random() < 0.6 else ' '}] {t}" for t in tasks))
        # Resultaten: table in most
        sections["Resultaten"].append(self.paragraph(it, 1, 3))
        if rng.random() < 0.85:
            rows = [("Deelnemers", str(r["participants"]) if r else str(rng.randint(10, 300)))]
            if r and "admissions_prevented_or_delayed_pct" in r:
                rows.append(("Opname voorkomen of uitgesteld", decimal(r["admissions_prevented_or_delayed_pct"]) + "%"))
            if r and "average_delay_months" in r:
                rows.append(("Gemiddeld uitstel van opname", f"{r['average_delay_months']} maanden"))
            rows += [(rng.choice(["Tevredenheid cliënten", "Ervaren ontlasting naasten", "Bereik in de wijk",
                                  "Aantal vrijwilligers", "Doorverwijzingen huisarts"]),
                      rng.choice(["positief", "hoog", "gemiddeld", f"{rng.randint(5, 95)}%", f"{rng.randint(3, 60)}"]))
                     for _ in range(rng.randint(1, 3))]
            sections["Resultaten"].append("| Indicator | Uitkomst |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows))
        # Businesscase
        if bc:
            zk = bc["contributions"].get("zorgkantoor", 0)
            text = (f"De investering van € {money(bc['investment'])} over {bc['horizon_years']} jaar bestaat vooral uit "
                    f"uren van {rng.choice(self.vocabulary(it)[0])[1]}, scholing en projectleiding. De verwachte besparing in de Wlz is "
                    f"€ {money(bc['expected_wlz_savings'])}.")
            if zk:
                text += f" Het zorgkantoor draagt € {money(zk)} bij, samen met {', '.join(k for k in bc['contributions'] if k != 'zorgkantoor')}."
            sections["Businesscase"].append(text + " " + self.paragraph(it, 1, 2))
            if rng.random() < 0.5:
                posts = rng.sample(["Inzet professionals", "Projectleiding", "Scholing en intervisie", "Registratie en evaluatie",
                                    "Huisvesting", "Technologie", "Vrijwilligersvergoeding", "Communicatie"], rng.randint(2, 4))
                left, lines = bc["investment"], []
                for p in posts[:-1]:
                    amount = left * rng.randint(20, 60) // 100 // 1000 * 1000
                    lines.append((p, amount))
                    left -= amount
                lines.append((posts[-1], left))
                sections["Businesscase"].append(
                    "| Post | Bedrag |\n|---|---|\n" + "\n".join(f"| {p} | € {money(a)} |" for p, a in lines)
                    + f"\n| **Totaal** | **€ {money(bc['investment'])}** |")
        else:
            sections["Businesscase"].append(
                "Er is (nog) geen volledige businesscase opgesteld. " + self.paragraph(it, 1, 3))
        # Geleerde lessen: bullets + links
        lessons = [f"- **{lesson}.** {self.sentence(it)}" for lesson in rng.sample(LESSONS, rng.randint(3, 5))]
        sections["Geleerde lessen"].append("\n".join(lessons))
        links = [l for l in (self.link(it, items, idx) for _ in range(rng.randint(1, 3))) if l]
        if links:
            sections["Geleerde lessen"].append(
                "Wie een vergelijkbare aanpak wil starten, kan ook kijken naar " + " en ".join(links) + ". " + self.sentence(it))
        if rng.random() < 0.1:
            sections["Geleerde lessen"].append(f"~~Een landelijke uitrol is gepland.~~ {self.sentence(it)}")

        def size():
            return sum(len(p) + 2 for ps in sections.values() for p in ps) + 120
        fill = ["Aanleiding", "Aanpak", "Resultaten", "Geleerde lessen", "Aanpak"]
        k = 0
        while size() < target:
            sec = fill[k % len(fill)]
            k += 1
            sections[sec].insert(len(sections[sec]) if sec != "Geleerde lessen" else 0, self.paragraph(it, 2, 4))
        parts = []
        for name, paras in sections.items():
            parts.append(f"## {name}\n\n" + "\n\n".join(paras))
        c = it["contact"]
        contact = f"{c['name']}, {rng.choice(FUNCTIONS)} bij {c['organisation']} – {c['email']}."
        if rng.random() < 0.2:
            contact += f" Meer informatie: https://www.voorbeeld.nl/initiatieven/{it['slug']}"
        footnote = ""
        if rng.random() < 0.1:
            parts[0] += "[^1]"
            footnote = f"\n\n[^1]: Zie de evaluatie door {rng.choice(EVALUATORS)} uit {rng.randint(2016, 2024)}."
        parts.append("## Contact\n\n" + contact + footnote)
        return "\n\n".join(parts) + "\n"

    def summary(self, it):
        s = (f"{it['concept']} in {it['muni']}: " + self.sentence(it) + " " + self.sentence(it))
        if len(s) > 300:
            s = s[:296].rsplit(" ", 1)[0].rstrip(",;:") + " …"
        return s

    # ---- driver ----------------------------------------------------------------------------

    def generate(self):
        items = self.metadata()
        for it in items:
            self.front_matter(it)
            it["summary"] = self.summary(it)
            it["region_ref"] = it["code"] if self.rng.random() < 0.5 else it["region_name"]
        for idx, it in enumerate(items):
            it["body"] = self.body(it, items, idx)
        return items


def write_site(items, out_dir, gen):
    folder = Path(out_dir) / "content" / "initiatieven"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    total = 0
    for it in items:
        data = (gen.render_front_matter(it) + "\n" + it["body"]).encode("utf-8")
        total += len(data)
        (folder / f"{it['slug']}.md").write_bytes(data)
    return total


# --------------------------------------------------------------------------------------------
# Hugo site

HUGO_CONFIG = """\
# Hugo site equivalent to kb's output (benchmark only). Related content can be switched off with
#   hugo --config config.toml,norelated.toml     or     HUGO_PARAMS_RELATED=false hugo
baseURL = "/"
languageCode = "nl"
defaultContentLanguage = "nl"
title = "Kennisbank goede praktijken langdurige zorg (Hugo)"
enableRobotsTXT = true
disableHugoGeneratorInject = true
enableGitInfo = false
enableEmoji = false
# What kb does not do is switched off: no per-section or per-term feeds (kb has one feed, a
# sitemap and robots.txt), no aliases, no typographer, no syntax highlighting, no raw HTML.
# Tag pages stay (the tag taxonomy feeds the related index); kb renders organisation pages instead.
disableAliases = true
timeout = "600s"

[taxonomies]
  region = "regions"
  type = "types"
  tag = "tags"

[outputs]
  home = ["HTML", "JSON", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
  page = ["HTML"]

[markup]
  defaultMarkdownHandler = "goldmark"
  [markup.goldmark.renderer]
    unsafe = false
  [markup.goldmark.extensions]
    typographer = false
    definitionList = false
    linkify = true
    table = true
    strikethrough = true
    taskList = true
    footnote = true
  [markup.goldmark.parser]
    autoHeadingID = true
    autoHeadingIDType = "github"
  [markup.highlight]
    codeFences = false
  [markup.tableOfContents]
    startLevel = 2
    endLevel = 2

[related]
  includeNewer = true
  threshold = 80
  toLower = false
  [[related.indices]]
    name = "types"
    weight = 100
  [[related.indices]]
    name = "regions"
    weight = 80
  [[related.indices]]
    name = "tags"
    weight = 60

[params]
  related = true
"""

# Third config file: `hugo --config config.toml,related10.toml` ranks related pages with the
# threshold the benchmark used before 2026-12 (10); Hugo's default, which its users run, is 80.
HUGO_RELATED10 = HUGO_CONFIG[HUGO_CONFIG.index("[related]"):HUGO_CONFIG.index("[params]")].replace(
    "threshold = 80", "threshold = 10")

HUGO_NORELATED = """\
# Second config file: `hugo --config config.toml,norelated.toml` renders no related content.
[params]
  related = false
"""

HUGO_BASEOF = """\
<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} – {{ .Site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Summary | plainify | truncate 160 }}{{ end }}">
<link rel="stylesheet" href="{{ "kb.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav><a href="{{ "/initiatieven/" | relURL }}">Initiatieven</a> <a href="{{ "/regions/" | relURL }}">Regio's</a>
<a href="{{ "/types/" | relURL }}">Typen</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ .Site.Title }}</p></footer>
</body>
</html>
"""

HUGO_SINGLE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="inleiding">{{ .Params.summary }}</p>
<dl class="feiten">
<dt>Regio</dt><dd>{{ range .GetTerms "regions" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Type</dt><dd>{{ range $i, $t := .GetTerms "types" }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</dd>
<dt>Status</dt><dd>{{ .Params.status }}</dd>
<dt>Periode</dt><dd>{{ .Params.period.start }}{{ with .Params.period.end }} – {{ . }}{{ end }}</dd>
{{ with .Params.municipalities }}<dt>Gemeenten</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
</dl>
<h2>Partners</h2>
<ul class="partners">
{{ range .Params.partners }}<li><a href="{{ printf "/organisatie/%s/" (urlize .name) | relURL }}">{{ .name }}</a> <span>{{ .kind }}</span></li>
{{ end }}</ul>
{{ with .Params.business_case }}
{{ $zk := 0 }}{{ with .contributions }}{{ with .zorgkantoor }}{{ $zk = . }}{{ end }}{{ end }}
<section class="businesscase">
<h2>Businesscase</h2>
<table>
<tr><th>Investering</th><td>€ {{ lang.FormatNumberCustom 0 .investment "- , ." }}</td></tr>
{{ range $kind, $amount := .contributions }}<tr><th>Bijdrage {{ $kind }}</th><td>€ {{ lang.FormatNumberCustom 0 $amount "- , ." }}</td></tr>
{{ end }}<tr><th>Verwachte Wlz-besparing</th><td>€ {{ lang.FormatNumberCustom 0 .expected_wlz_savings "- , ." }}</td></tr>
{{ with .horizon_years }}<tr><th>Horizon</th><td>{{ . }} jaar</td></tr>{{ end }}
{{ with .realised_wlz_savings }}<tr><th>Gerealiseerde besparing</th><td>€ {{ lang.FormatNumberCustom 0 . "- , ." }}</td></tr>{{ end }}
</table>
<p class="oordeel">{{ if ge .expected_wlz_savings $zk }}Positieve businesscase{{ else }}Geen positieve businesscase{{ end }}{{ if gt $zk 0 }}: € {{ lang.FormatNumberCustom 2 (div (float .expected_wlz_savings) $zk) "- , ." }} besparing per euro van het zorgkantoor{{ end }}.</p>
</section>
{{ end }}
{{ with .Params.results }}
<section class="resultaten"><h2>Resultaten</h2><dl>
{{ with .participants }}<dt>Deelnemers</dt><dd>{{ . }}</dd>{{ end }}
{{ with .admissions_prevented_or_delayed_pct }}<dt>Opname voorkomen of uitgesteld</dt><dd>{{ lang.FormatNumberCustom 1 . "- , ." }}%</dd>{{ end }}
{{ with .average_delay_months }}<dt>Gemiddeld uitstel</dt><dd>{{ . }} maanden</dd>{{ end }}
{{ with .quality_of_life }}<dt>Kwaliteit van leven</dt><dd>{{ . }}</dd>{{ end }}
{{ with .caregiver_burden }}<dt>Mantelzorgers</dt><dd>{{ . }}</dd>{{ end }}
{{ with .evaluator }}<dt>Evaluatie</dt><dd>{{ . }}</dd>{{ end }}
</dl></section>
{{ end }}
<div class="tekst">{{ .Content }}</div>
{{ with .Params.sources }}<h2>Bronnen</h2><ul>{{ range . }}<li><a href="{{ .url }}">{{ .title }}</a></li>{{ end }}</ul>{{ end }}
{{ if .Site.Params.related }}
{{ $related := .Site.RegularPages.Related . | first 5 }}
{{ with $related }}<h2>Vergelijkbare initiatieven</h2><ul class="gerelateerd">
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span>{{ delimit .Params.regions ", " }}</span></li>{{ end }}
</ul>{{ end }}
{{ end }}
</article>
{{ end }}
"""

HUGO_LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $sum := 0 }}{{ range .Pages }}{{ with .Params.business_case }}{{ $sum = add $sum .investment }}{{ end }}{{ end }}
<p>{{ len .Pages }} initiatieven, samen € {{ lang.FormatNumberCustom 0 $sum "- , ." }} geïnvesteerd.</p>
<table class="sorteerbaar">
<thead><tr><th>Initiatief</th><th>Regio</th><th>Type</th><th>Status</th><th>Start</th></tr></thead>
<tbody>
{{ range .Pages.ByTitle }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ delimit .Params.regions ", " }}</td><td>{{ delimit .Params.types ", " }}</td><td>{{ .Params.status }}</td><td>{{ .Params.period.start }}</td></tr>
{{ end }}</tbody></table>
{{ end }}
"""

HUGO_TERMS = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"""

HUGO_INDEX = """\
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<p>{{ len .Site.RegularPages }} initiatieven in {{ len .Site.Taxonomies.regions }} regio's.</p>
<h2>Nieuwste initiatieven</h2>
<ul>{{ range first 10 (sort .Site.RegularPages "Params.updated" "desc") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<h2>Per regio</h2>
<ul>{{ range .Site.Taxonomies.regions.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
<h2>Per type</h2>
<ul>{{ range .Site.Taxonomies.types.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"""

HUGO_INDEX_JSON = """\
{{- $items := slice -}}
{{- range .Site.RegularPages -}}
{{- $items = $items | append (dict "slug" .File.ContentBaseName "url" .RelPermalink "title" .Title "summary" .Params.summary "types" .Params.types "region" .Params.regions "status" .Params.status "period" .Params.period "partners" .Params.partners "funding" .Params.funding "business_case" .Params.business_case "results" .Params.results "tags" .Params.tags "updated" .Params.updated) -}}
{{- end -}}
{{- dict "version" 1 "count" (len $items) "initiatives" $items | jsonify -}}
"""

HUGO_RENDER_LINK = """\
{{- $u := urls.Parse .Destination -}}
{{- $href := .Destination -}}
{{- if and (not $u.IsAbs) (strings.HasSuffix $u.Path ".md") -}}
{{- $href = relref .Page $u.Path -}}
{{- with $u.Fragment }}{{ $href = printf "%s#%s" $href . }}{{ end -}}
{{- end -}}
<a href="{{ $href | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
{{- /* no trailing newline */ -}}
"""


def write_hugo(items, hugo_dir, gen):
    hugo_dir = Path(hugo_dir)
    if hugo_dir.exists():
        shutil.rmtree(hugo_dir)
    folder = hugo_dir / "content" / "initiatieven"
    folder.mkdir(parents=True)
    (hugo_dir / "content" / "initiatieven" / "_index.md").write_text("---\ntitle: Initiatieven\n---\n", encoding="utf-8")
    for it in items:
        (folder / f"{it['slug']}.md").write_bytes((gen.render_front_matter(it, hugo=True) + "\n" + it["body"]).encode("utf-8"))
    (hugo_dir / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (hugo_dir / "norelated.toml").write_text(HUGO_NORELATED, encoding="utf-8")
    (hugo_dir / "related10.toml").write_text(HUGO_RELATED10, encoding="utf-8")
    layouts = hugo_dir / "layouts" / "_default"
    (layouts / "_markup").mkdir(parents=True)
    (layouts / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    (layouts / "terms.html").write_text(HUGO_TERMS, encoding="utf-8")
    (layouts / "_markup" / "render-link.html").write_text(HUGO_RENDER_LINK.rstrip("\n"), encoding="utf-8")
    (hugo_dir / "layouts" / "index.html").write_text(HUGO_INDEX, encoding="utf-8")
    (hugo_dir / "layouts" / "index.json").write_text(HUGO_INDEX_JSON, encoding="utf-8")
    (hugo_dir / "static").mkdir()
    css = ROOT / "Sources" / "KnowledgeBase" / "Resources" / "assets" / "kb.css"
    if css.exists():
        shutil.copy(css, hugo_dir / "static" / "kb.css")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of write-ups")
    parser.add_argument("out", help="site folder to write (content/initiatieven/ is replaced)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--hugo", metavar="HUGO_SITE_DIR", help="also write an equivalent Hugo site here (replaced)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    gen = Generator(args.n, args.seed)
    items = gen.generate()
    total = write_site(items, args.out, gen)
    if args.hugo:
        write_hugo(items, args.hugo, gen)
    print(f"{args.n} beschrijvingen, {total / 1e6:.1f} MB in {Path(args.out) / 'content' / 'initiatieven'}"
          + (f"; Hugo-site in {args.hugo}" if args.hugo else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
