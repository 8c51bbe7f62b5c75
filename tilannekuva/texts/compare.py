"""Finnish strings of the Vertailu page (ranking, area profile, spread inside the areas)."""

from __future__ import annotations

TITLE = "Vertailu"
INTRO = (
    "Kunnat järjestyksessä, yhden alueen kunnat rinnakkain kaikilla indikaattoreilla ja kuntien väliset erot "
    "alueiden sisällä. Jokaisen luvun vuosi näkyy; vertailukohta on Pohjois-Pohjanmaa samana vuonna."
)
TABS = ("Kuntien järjestys", "Alueen profiili", "Erot alueiden sisällä")

NO_INDICATOR = "Valitse indikaattori vasemmalta."
NO_YEAR = "Indikaattorilla ei ole tietoa yhdeltäkään vuodelta."

# --- ranking -------------------------------------------------------------------------------
RANKING_HEADING = "{name}, {year}"
RANKING_BARS = "Kunnat"
ORDER = {
    "higher": "**Paras ylimpänä:** tässä indikaattorissa suurempi arvo on parempi.",
    "lower": "**Paras ylimpänä:** tässä indikaattorissa pienempi arvo on parempi.",
    "neutral": (
        "**Suurin arvo ylimpänä.** Indikaattori ei ole arvottava: järjestys kertoo vain, missä arvo on "
        "korkeampi ja missä matalampi."
    ),
}
COLOUR_NOTE = {
    "directional": (
        "Väri ja merkki: ero Pohjois-Pohjanmaahan samana vuonna. ✔ parempi / ✖ heikompi = "
        "tilastollisesti merkitsevä ero (95 %:n luottamusväli), = ei merkitsevää eroa, "
        "(✔)/(✖) = suunta ilman tilastollista testiä."
    ),
    "neutral": (
        "Väri ja merkki: ero Pohjois-Pohjanmaahan samana vuonna. ▲ korkeampi / ▼ matalampi = "
        "tilastollisesti merkitsevä ero, = ei merkitsevää eroa, (▲)/(▼) = suunta ilman testiä."
    ),
    "count": "Lukumääriä ei arvioida paremmaksi tai heikommaksi; pylväät ovat harmaita.",
    "no_benchmark": "Pohjois-Pohjanmaan arvoa ei ole tältä vuodelta, joten kuntia ei verrata siihen.",
}
REFERENCE_NOTE = "Pystyviivat: Pohjois-Pohjanmaa (katkoviiva) ja koko maa (pisteviiva), kun arvo on saatavilla."
NO_REFERENCES = "Pohjois-Pohjanmaan ja koko maan arvoa ei ole tältä vuodelta."
COUNT_NO_REFERENCE = (
    "Lukumäärä: yhteismääriä ({totals}) ei piirretä kuntien rinnalle – ne eivät ole "
    "vertailukohta yhden kunnan määrälle."
)
HIGHLIGHT_ONE = "▶ ja musta reunus: valittu kunta {name}."
HIGHLIGHT_AREA = "▶ ja musta reunus: alueen {name} kunnat."
MISSING_NOTE = "Ei tietoa ({n} kuntaa): {names}. Puuttuva arvo ei ole nolla, eikä sille piirretä pylvästä."
POINT_NOTE = (
    "Järjestys perustuu lukuihin sellaisinaan; pienissä kunnissa satunnaisvaihtelu on suurta, joten "
    "lähekkäiset sijat eivät välttämättä eroa todellisesti."
)
MONTH_NOTE = "Kuukausisarja: luvut ovat vuoden {year} viimeisimmältä kuukaudelta ({month}/{year})."
RANKING_ALT = (
    "Vaakapylväskaavio: Pohjois-Pohjanmaan {n} kuntaa järjestettynä indikaattorin {name} mukaan vuonna "
    "{year}. Ensimmäisenä {first} ({first_value}), viimeisenä {last} ({last_value}).{missing}"
)
RANKING_ALT_MISSING = " Ei tietoa: {n} kuntaa."
RANKING_SUMMARY = "Ylimpänä **{first}** ({first_value}), alimpana **{last}** ({last_value})."
NO_VALUES = "Yhdelläkään kunnalla ei ole arvoa tältä vuodelta."

# --- profile -------------------------------------------------------------------------------
PROFILE_AREA_LABEL = "Alue"
PROFILE_AREA_HELP = "Oletuksena valitun kunnan tai alueen Pohden alue."
PROFILE_THEME_LABEL = "Teema"
ALL_THEMES = "Kaikki teemat"
PROFILE_HEADING = "{area}: kunnat rinnakkain"
PROFILE_INTRO = (
    "Jokainen vuositason indikaattori sen uusimmalta vuodelta, jolta alueen kunnilla on tietoa "
    "(vuosi näkyy rivillä; tuoreimmat ylimpänä). Solussa on kunnan arvo ja merkki, joka kertoo eron "
    "Pohjois-Pohjanmaahan samana vuonna. ▶ = vasemmalla valittu indikaattori."
)
PROFILE_LEGEND = (
    "**Merkit:** ✔ parempi / ✖ heikompi (▲ korkeampi / ▼ matalampi arvottamattomissa) = "
    "tilastollisesti merkitsevä ero, värillinen solu · = ei merkitsevää eroa tai sama taso · "
    "(✔) (✖) (▲) (▼) = suunta, ei testattu · – = lukumäärä, ei verrata · "
    "? = Pohjois-Pohjanmaan arvo puuttuu · ei tietoa = kunnan arvo puuttuu · "
    "(vanha) = tieto on {years} vuotta vanha tai vanhempi."
)
PROFILE_TESTED_NOTE = (
    "Luottamusväli voidaan laskea vain {n} indikaattorille (osoittaja ja nimittäjä tiedossa). "
    "Muissa ero on pelkkä suunta, eikä sitä ole testattu."
)
PROFILE_STALE_NOTE = "{n}/{total} indikaattorin uusin tieto on {years} vuotta vanha tai vanhempi, merkitty (vanha)."
PROFILE_ALT = (
    "Taulukko: alueen {area} kunnat ({members}) rinnakkain {n} indikaattorilla; jokaisessa solussa arvo ja "
    "arviomerkki verrattuna Pohjois-Pohjanmaahan samana vuonna."
)
PROFILE_EMPTY = "Alueen kunnille ei löytynyt vuositason tietoja."
PROFILE_CSV_NOTE = "CSV sisältää jokaisen solun lukuna, Pohjois-Pohjanmaan arvon ja arvion sanoin."
PROFILE_BENCHMARK = "Pohjois-Pohjanmaa"

# --- spread --------------------------------------------------------------------------------
SPREAD_HEADING = "Kuntien väliset erot alueiden sisällä: {name}"
SPREAD_INTRO = (
    "Viiva on alueen kuntien suurimman ja pienimmän arvon erotus vuosittain. Alueen sisäiset erot "
    "kertovat, missä kunnassa tilanne poikkeaa naapureista."
)
SPREAD_SENTENCE = (
    "**{area} {year}:** suurin {max_name} ({max_value}), pienin {min_name} ({min_value}); ero {range_value} {unit}."
)
SPREAD_INCOMPLETE = " Arvo puuttuu {missing} kunnalta."
SPREAD_SELECTED = "▶, paksu viiva ja lihavointi: valitun kunnan tai alueen alue ({name})."
SPREAD_ONE_MEMBER = "Oulun alueessa on vain yksi kunta (Oulu), joten alueen sisäistä eroa ei ole."
SPREAD_GAPS = (
    "Vuodet, joilta jonkin alueen kunnan arvo puuttuu, jäävät viivaan aukoiksi: osasta kunnista "
    "laskettu ero näyttäisi todellista pienemmältä. Taulukossa näkyy, monellako kunnalla arvo on."
)
SPREAD_MONTHLY = (
    "Kuukausisarjasta ei lasketa vuosittaista eroa. Valitse vuositason indikaattori, esimerkiksi "
    "työttömät työnhakijat, % työvoimasta (TEM, 12 kk keskiarvo)."
)
SPREAD_EMPTY = "Tälle indikaattorille ei ole kuntien arvoja, joista eron voisi laskea."
SPREAD_ALT = (
    "Viivakaavio: kuntien suurimman ja pienimmän arvon erotus alueittain vuosina {years}, indikaattori "
    "{name}. {sentences}"
)
SPREAD_Y = "Ero ({unit})"
HAILUOTO_NOTE = "Lakeuden luvuissa on mukana Hailuoto, jonka aluejako on epävarma (ks. Tietoa-sivu)."


def diff_unit(unit: str) -> str:
    """The unit of a difference: percentages differ by percentage points."""
    return "%-yksikköä" if unit.strip() == "%" else unit


def month_label(month: int | None, year: int) -> str:
    return f"{month}/{year}" if month else str(year)


EXCL_VAALA_NOTE = (
    "† Pohjois-Pohjanmaan luku on lähteen oma vuoden 2013 aluejaon mukainen luku (ilman Vaalaa), koska "
    "sitä ei voi laskea nykyisistä 30 kunnasta."
)
EXCL_VAALA_LABEL = " (ilman Vaalaa)"

# The spread chart's hover (a plotly template: %{...} are plotly's; {name} and {decimals} are filled first).
SPREAD_HOVER = (
    "{name} %{{x}}: ero %{{y:.{decimals}f}}<br>suurin %{{customdata[0]}}, pienin %{{customdata[1]}}"
    "<br>arvo %{{customdata[2]}}/%{{customdata[3]}} kunnalla<extra></extra>"
)

# --- table headers (shown and downloaded; comparison.ranking_table / profile_wide / profile_csv /
# spread_table). {benchmark}: the benchmark's name.
RANKING_COLUMNS = {
    "rank": "Sija",
    "name": "Kunta",
    "year": "Vuosi",
    "value": "Arvo",
    "note": "Huomio",
    "judgement": "Verrattuna: {benchmark}",
    "highlight": "Valittu",
}
PROFILE_COLUMNS = {
    "indicator": "Indikaattori",
    "year": "Vuosi",
    "unit": "Yksikkö",
    "municipality": "Kunta",
    "value": "Arvo",
    "symbol": "Merkki",
    "judgement": "Arvio",
    "tested": "Testattu luottamusvälillä",
}
#: beside a year whose data is STALE_YEARS old or more (text: renders everywhere)
STALE_MARK = "(vanha)"
SPREAD_COLUMNS = {
    "area": "Alue",
    "year": "Vuosi",
    "max": "Suurin",
    "max_name": "Suurin kunta",
    "min": "Pienin",
    "min_name": "Pienin kunta",
    "range": "Ero (suurin − pienin)",
    "ratio": "Suhde (suurin / pienin)",
    "n_values": "Kuntia, joilla arvo",
}
RANKING_FILENAME = "vertailu_{indicator}_{year}.csv"
PROFILE_FILENAME = "profiili_{area}.csv"
SPREAD_FILENAME = "erot_alueiden_sisalla_{indicator}.csv"
