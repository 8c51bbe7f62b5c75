"""UI strings of the trends page (Kehitys), Finnish. Month names: texts.map.MONTHS."""

TITLE = "Kehitys"
INTRO = (
    "Indikaattorin kehitys valitulla alueella. Katkoviiva on Pohjois-Pohjanmaa, pisteviiva koko maa. "
    "Viiva katkeaa, kun vuodelta puuttuu tieto."
)

COMPARE_LABEL = "Vertaa muihin alueisiin"
COMPARE_HELP = "Lisää enintään {max} kuntaa tai Pohden aluetta. Valinta säilyy linkissä."
COMPARE_PLACEHOLDER = "Valitse kunta tai alue"

REFERENCE_SUFFIX = " (vertailu)"
SUBTITLE_YEARS = "{first}–{last}"
SUBTITLE_MONTHS = "Kuukausittain {first}–{last}"
AXIS_YEAR = "Vuosi"
AXIS_MONTH = "Kuukausi"
SELECTED_YEAR = "valittu vuosi"
TREND_WINDOW = "trendijakso {years}"

HOVER_MONTH = "{month} {year}"
EXCL_VAALA_SHORT = "vuoden 2013 aluejako, ilman Vaalaa"
ESTIMATE_SHORT = "arvio (kuntien osuuksista, ks. Tietoa)"
EXCL_VAALA_NOTE = (
    "○ Avoin ympyrä: {name} vuosina {years} on lähteen (THL Sotkanet) vuoden 2013 aluejaon mukainen "
    "Pohjois-Pohjanmaa, josta puuttuu Vaala. Arvo ei ole täysin vertailukelpoinen myöhempien vuosien "
    "kanssa."
)

TREND_HEADER = "Suunta viimeisen viiden vuoden aikana"
TREND_HEADER_MONTHLY = "Suunta viimeisen viiden vuoden aikana ({month}n arvoista)"
TREND_LINE = "{name}: {label} ({years})"
TREND_GAP = "{name}: – ei laskettavissa (vuosilta {years} puuttuu tietoja)"
TREND_NONE = "{name}: – ei tietoa"
TREND_EXPLAIN = (
    "Suunta lasketaan viiden peräkkäisen vuoden pienimmän neliösumman suorasta, joka päättyy alueen "
    "viimeisimpään vuoteen. Alle 2 %:n muutos jaksolla on ”pysyy ennallaan”. "
    "Parempi/heikompi seuraa indikaattorin suuntaa: {polarity}"
)

TABLE_YEAR = "vuosi"
TABLE_MONTH = "kuukausi"
TABLE_NOTE = "huomautus"

ALT = "Viivakaavio: {indicator}, {period}. {main}: {trend}. Vertailuviivat: {references}."
ALT_COMPARE = " Muut alueet: {names}."
ALT_NO_DATA = "Viivakaavio: {indicator}. Valituille alueille ei ole arvoja."
FILENAME = "kehitys_{indicator}_{area}.csv"
NO_DATA = "Valituille alueille ei ole tälle indikaattorille yhtään arvoa."
