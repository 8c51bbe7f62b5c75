"""Finnish strings of the area profile reports (PDF, PPTX), the chart and table exports and the
report download buttons (tilannekuva/report/, tilannekuva/export.py, tilannekuva/ui/report_buttons.py)."""

# Profile ---------------------------------------------------------------------------------------
DOC_TITLE = "Tilannekuvaprofiili"
TITLE = "Tilannekuvaprofiili – {area}"
SUBTITLE = "Hyvinvoinnin tilannekuva, Pohjois-Pohjanmaa"
DATA_DATE = "Tietokanta koottu {built}. Uusin tieto vuodelta {newest}; vanhimmat tiedot vuodelta {oldest}."
DATA_DATE_NO_BUILD = "Uusin tieto vuodelta {newest}; vanhimmat tiedot vuodelta {oldest}."
MADE = "Raportti tehty {date}."
COMPARED_WITH = "Vertailualueet: {benchmarks}."
NO_ROWS = "Alueelle ei ole vuositietoja yhdessäkään indikaattorissa."

SUMMARY = "Yhteenveto"
CONCERNS = "✖ Huolenaiheet"
STRENGTHS = "✔ Vahvuudet"
OVERVIEW = "Yleiskuva: kaikki ajankohtaiset indikaattorit"
KEY_CHARTS = "Keskeiset indikaattorit"
TREND_CAPTION = "Kehitys: {name}"
RANKING_CAPTION = "Kuntien järjestys {year}: {name}"
RANKING_TITLE = "{name} – kuntien järjestys {year}"
TABLE = "Kaikki indikaattorit"
TABLE_INTRO = (
    "Arvo on alueen uusin arvo; vertailuarvo on samalta vuodelta. Merkit: ✔ parempi · ✖ heikompi · "
    "= ei merkitsevää eroa · ▲ korkeampi / ▼ matalampi (suuntaa ei arvoteta) · suluissa: eroa ei "
    "voitu testata · ⚠ tieto on vähintään {stale} vuotta vanha."
)
GOALS = "Alueen tavoitteet"
GOALS_INTRO = (
    "Tavoitteet on kirjattu Tilannekuvan Tavoitteet-sivulle; tila lasketaan indikaattorin uusimmasta "
    "arvosta ja suorasta polusta lähtötasolta tavoitteeseen."
)
GOALS_NONE = "Alueelle {area} ei ole kirjattu tavoitteita Tilannekuvaan (tilanne {date})."
GOAL_HEADING = "{symbol} {status} – {title}{example}"
GOAL_EXAMPLE = " ({mark})"
GOAL_META = "{indicator} · {cooperation} · vastuu: {responsible}"
GOAL_CHART = "Tavoite: {title}"
GOALS_MORE = "Lisäksi {n} tavoitetta: katso Tilannekuvan Tavoitteet-sivu."
THEME_SLIDE = "{theme}"
THEME_PART = "{theme} ({part}/{parts})"
THEME_OLD_LEFT_OUT = "Lisäksi {n} yli {old} vuotta vanhaa tietoa (katso PDF-profiilin taulukko)."
METHOD = "Menetelmä"
METHOD_LINES = (
    "Alueen uusinta arvoa verrataan vertailualueen saman vuoden arvoon; ero on ”merkitsevä”, kun se ei "
    "selity satunnaisvaihtelulla (95 %:n luottamusväli, kun osoittaja ja nimittäjä tunnetaan).",
    "Kehitys on viiden viimeisen vuoden testattu suunta: lukumääristä trenditesti 99,8 %:n varmuudella, ilman "
    "lukumääriä (tai kun arvot poikkeavat suorasta) regressiosuoran 95 %:n luottamusväli; muuten ”ei "
    "merkitsevää muutosta”. Alueiden arvot on laskettu kuntien luvuista (summa, osuus tai painotettu "
    "keskiarvo), arviot merkitty, kuten Tietoa-sivulla kerrotaan.",
)
SOURCES = "Lähteet ja lisenssi"
LICENCE_LINE = (
    "Aineistot: THL Sotkanet, Tilastokeskus, TEM, Maanmittauslaitos – avoin data, lisenssi CC BY 4.0 "
    "(https://creativecommons.org/licenses/by/4.0/deed.fi)."
)
PAGE = "Sivu {page}/{pages}"
FOOTER = "Tilannekuva · {area} · {date}"
NOTES_SOURCES = "Lähteet: {sources}"

COL_NAME = "Indikaattori"
COL_YEAR = "Vuosi"
COL_VALUE = "Arvo"
COL_TREND = "Kehitys 5 v"
COL_BENCHMARK = "vrt. {name}"
COL_AGE = "Ikä (v)"
COL_THEME = "Teema"
COL_UNIT = "Yksikkö"
COL_SOURCE = "Lähde"
COL_JUDGEMENT = "{column}: arvio"  # the judgement words beside a benchmark's value column

# Exports ----------------------------------------------------------------------------------------
CONTEXT_SUBTITLE = "{area} · {year}"
DOWNLOAD_PNG = "Kuva (PNG)"
DOWNLOAD_SVG = "Kuva (SVG)"
DOWNLOAD_CSV = "Taulukko (CSV, Excel)"
DOWNLOAD_XLSX = "Taulukko (XLSX)"
DOWNLOAD_HELP_IMAGE = "Kuvassa on otsikko, alue, vuosi ja lähde. Kuvan tekeminen kestää muutaman sekunnin."
DOWNLOAD_HELP_CSV = "Puolipiste erottimena, desimaalipilkku, UTF-8 (avautuu suomenkielisessä Excelissä sarakkeina)."
EXPORT_FAILED = "Kuvan tekeminen epäonnistui: {error}"
SHEET = "Taulukko"

# Report buttons ---------------------------------------------------------------------------------
BUTTONS_HEADER = "Tilannekuvaprofiili seminaariin"
BUTTONS_HELP = (
    "Koko alueen profiili: yhteenveto, keskeiset kuvaajat, kaikki indikaattorit, lähteet. "
    "Tekeminen kestää noin 10–20 sekuntia."
)
DOWNLOAD_PDF = "Lataa profiili (PDF)"
DOWNLOAD_PPTX = "Lataa diat (PPTX)"
REPORT_FAILED = "Profiilin tekeminen epäonnistui: {error}"
FILE_STEM = "tilannekuvaprofiili_{area}_{date}"
#: the words in the profile's file names (export.file_stem makes them ASCII)
PROFILE_STEM = "tilannekuvaprofiili"
CHART_STEMS = {"ranking": "sijoitus", "overview": "yleiskuva", "goal": "tavoite"}
