"""UI strings shared by every page (Finnish)."""

import re

APP_TITLE = "Tilannekuva – hyvinvoinnin tilannekuva, Pohjois-Pohjanmaa"
APP_SHORT = "Tilannekuva"

PAGE_TITLES = {
    "tilannekuva": "Tilannekuva",
    "kartta": "Kartta",
    "kehitys": "Kehitys",
    "vertailu": "Vertailu",
    "indikaattorit": "Indikaattorit",
    "tietoa": "Tietoa",
}

LEVEL_NAMES = {
    "kunta": "kunta",
    "alue": "Pohden alue",
    "hyvinvointialue": "hyvinvointialue",
    "maakunta": "maakunta",
    "maa": "koko maa",
}

THEMES_ORDER = ("lapset ja nuoret", "työikäiset", "ikääntyneet", "koko väestö")

SIDEBAR_HEADER = "Valinnat"
AREA_LABEL = "Alue"
AREA_HELP = "Kunta, jokin Pohden kuudesta alueesta tai koko Pohjois-Pohjanmaa. Valinta säilyy sivulta toiselle."
INDICATOR_LABEL = "Indikaattori"
INDICATOR_HELP = "Kirjoita hakusana. Suluissa uusimman tiedon vuosi."
YEAR_LABEL = "Vuosi"
GENDER_LABEL = "Sukupuoli"
GENDER_NAMES = {"total": "kaikki", "male": "miehet", "female": "naiset"}
LINK_HINT = "Osoiterivin linkki avaa täsmälleen tämän näkymän – kopioi ja jaa."

BUILDING_DB = "Rakennetaan tietokantaa toimitetusta aineistosta (ensimmäinen käynnistys, noin 10 s)…"
BUILD_FAILED = "Tietokannan rakentaminen epäonnistui: {error}"
DB_MISSING = "Tietokantaa ei löydy. Aja `python -m tilannekuva build`."

TABLE_EXPANDER = "Näytä taulukkona"
DOWNLOAD_CSV = "Lataa CSV"
SOURCE_PREFIX = "Lähde"
LICENCE = "CC BY 4.0"
YEARS_LABEL = "Vuodet"  # in the source line (export.years_of reads the years back after it)
NO_DATA = "ei tietoa"
SUPPRESSED = "salattu (pieni määrä)"
MISSING = "puuttuu"
YES, NO = "kyllä", "ei"  # a true/false column in a download

NEWEST_DATA = "Uusin tieto: {year}"
STALE_DATA = "Tieto on vanhaa: uusin arvo on vuodelta {year} ({age} vuotta sitten)."
STALE_YEARS = 3  # an indicator whose newest value is this many years old or more is flagged

# How a value was made (observation.method) -> the mark shown right after the value, everywhere a
# value is shown; METHOD_LEGEND explains them. A published value ('source') has no mark.
METHOD_MARKS = {
    "sum": "(Σ)",
    "ratio": "(Σ)",
    "weighted": "(≈)",
    "estimate": "(arvio)",
    "source_excl_vaala": "(2013 rajat)",
}
METHOD_LEGEND = (
    "Merkit arvon perässä: (Σ) laskettu kuntien luvuista (summa tai Σ osoittaja / Σ nimittäjä) · "
    "(≈) kuntien painotettu keskiarvo, likiarvo · (arvio) arvioitu, koska lukumääriä ei ole "
    "(menetelmä: Tietoa-sivu) · (2013 rajat) lähteen luku vuoden 2013 aluejaolla, ilman Vaalaa. "
    "Ilman merkkiä: lähteen julkaisema luku."
)
PRELIMINARY = "ennakkotieto"

HAILUOTO_DOUBT = (
    "Hailuodon aluejako on epävarma: se on tässä Lakeuden alueella, mutta lähteistä ei löytynyt "
    "vahvistusta – se voi kuulua Oulun alueeseen."
)


def area_label(name: str, level: str) -> str:
    """'Oulu (kunta)', 'Oulu (Pohden alue)' … – the same name exists on several levels."""
    if level in ("maakunta", "maa") or (level == "hyvinvointialue" and "hyvinvointialue" in name):
        return name
    return f"{name} ({LEVEL_NAMES.get(level, level)})"


def format_number(value: float | None, decimals: int = 1) -> str:
    """Finnish number format (the one in tilannekuva.format; this name stays for the callers)."""
    from ..format import format_number as formatted  # format reads NO_DATA from here: import late

    return formatted(value, decimals)


def source_line(sources: list[str], years: str) -> str:
    names = ", ".join(dict.fromkeys(s for s in sources if s)) or "THL Sotkanet"
    return f"{SOURCE_PREFIX}: {names}, {LICENCE}. {YEARS_LABEL}: {years}."


def stale_note(last_year: int | None, this_year: int) -> str | None:
    if last_year is None:
        return None
    age = this_year - last_year
    return STALE_DATA.format(year=last_year, age=age) if age >= STALE_YEARS else None


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$:&@!])")
_WORD_JOINER = "\u2060"
_WHITESPACE_RUN = re.compile(r"[^\S\u00a0\u202f]+")
_LINE_START_MARKER = re.compile(r"^(\s*\d*)([-+=.)])")  # "- x", "+ x", "1. x", "1) x"


def escape_markdown(value) -> str:
    """Any value from the URL, a form, a file or the data as literal text inside Streamlit
    Markdown (st.markdown, captions, alerts, help texts, headers), also with unsafe_allow_html:
    no links or autolinks, images, emphasis, `:color[...]`/`:icon:` directives, math, HTML or
    entities; one line. Plain text looks exactly the same after escaping."""
    # Newlines could start headings, lists, quotes: all whitespace runs become one space, except
    # the no-break spaces of numbers ('12,3 %', '15 386', tilannekuva.format), which stay unbroken.
    text = _WHITESPACE_RUN.sub(" ", str(value)).strip()
    # GFM turns bare URLs, www.… and e-mail addresses into links whatever the backslashes: an
    # invisible word joiner inside each pattern keeps them text (the browser test checks).
    text = text.replace("://", f":{_WORD_JOINER}//").replace("@", f"{_WORD_JOINER}@")
    text = re.sub(r"(?i)\b(www)\.", rf"\1{_WORD_JOINER}.", text)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START_MARKER.sub(r"\1\\\2", text)


RUN_FAILED = (
    "Sivua ei voitu näyttää odottamattoman virheen vuoksi. Yritä hetken päästä uudelleen tai "
    "avaa etusivu. Jos virhe toistuu, kerro ylläpidolle virhetunnus {reference}."
)

# A link's parameters that could not be used (viewstate.parse_params): the view falls back and says so.
LINK_AREA_UNKNOWN = "Aluetta '{area}' ei tunneta; näytetään Pohjois-Pohjanmaa."
LINK_INDICATOR_UNKNOWN = "Indikaattoria '{indicator}' ei löydy tai sillä ei ole tietoja; näytetään oletusindikaattori."
LINK_YEAR_INVALID = "Vuosi '{year}' ei ole kelvollinen; näytetään uusin vuosi."
LINK_YEAR_NO_DATA = "Indikaattorilla ei ole tietoa vuodelta {year}; näytetään uusin vuosi {latest}."
LINK_GENDER_UNKNOWN = "Sukupuolivalintaa '{gender}' ei ole tälle indikaattorille; näytetään kaikki."
LINK_COMPARE_UNKNOWN_ONE = "Vertailualuetta {codes} ei tunneta; se jätettiin pois."
LINK_COMPARE_UNKNOWN = "{n} vertailualuetta ei tunneta ({codes}); ne jätettiin pois."
LINK_COMPARE_CUT = "Vertailualueiden lista oli liian pitkä (yli {items} koodia tai {chars} merkkiä); loppua ei luettu."
LINK_COMPARE_MAX = "Vertailuun otettiin {n} ensimmäistä aluetta."
LINK_LAYER_UNKNOWN = "Karttatasoa '{layer}' ei ole; näytetään kunnat."
LINK_LANG_UNKNOWN = "Kieltä '{lang}' ei ole; näytetään suomeksi."
LINK_MORE_ONE = " ja 1 muu"  # after a few quoted examples of a list
LINK_MORE = " ja {n} muuta"

# The judgements' words (tilannekuva.judgements: comparison with a benchmark, trend), by kind.
JUDGEMENT_WORDS = {
    # comparison, tested with a confidence interval (or no test needed)
    "better": "parempi",
    "worse": "heikompi",
    "higher": "korkeampi",
    "lower": "matalampi",
    "no_difference": "ei merkitsevää eroa",
    # comparison, no interval available: direction only, labelled not tested
    "better_untested": "parempi (ei testattu)",
    "worse_untested": "heikompi (ei testattu)",
    "higher_untested": "korkeampi (ei testattu)",
    "lower_untested": "matalampi (ei testattu)",
    "same": "sama taso",
    "not_comparable": "ei vertailukelpoinen",
    "no_data": "ei tietoa",
    # trend
    "trend_up_improving": "kasvaa ja paranee",
    "trend_up_worsening": "kasvaa ja heikkenee",
    "trend_down_improving": "laskee ja paranee",
    "trend_down_worsening": "laskee ja heikkenee",
    "trend_up": "kasvaa",
    "trend_down": "laskee",
    "trend_no_change": "ei merkitsevää muutosta",
    "trend_not_computable": "ei laskettavissa",
}
