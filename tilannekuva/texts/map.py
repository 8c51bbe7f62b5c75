"""UI strings of the map page (Kartta), Finnish."""

TITLE = "Kartta"
INTRO = (
    "Väri kertoo indikaattorin arvon valittuna vuonna. Harmaa alue on ilman tietoa – se ei ole pieni arvo. "
    "Napsauta kuntaa tai aluetta: se valitaan myös muille sivuille."
)

LAYER_LABEL = "Karttataso"
LAYER_NAMES = {"kunta": "Kunnat (30)", "alue": "Pohden alueet (6)"}
LAYER_HELP = "Kunnat tai Pohden kuusi aluetta. Alueiden rajat näkyvät kummallakin tasolla paksuina viivoina."

# Level words: (plural nominative for the figure subtitle, elative plural "kunnasta" for coverage).
LEVEL_PLURAL = {"kunta": "Kunnat", "alue": "Pohden alueet"}
LEVEL_ELATIVE = {"kunta": "kunnasta", "alue": "alueesta"}

MONTHS = (
    "tammikuu",
    "helmikuu",
    "maaliskuu",
    "huhtikuu",
    "toukokuu",
    "kesäkuu",
    "heinäkuu",
    "elokuu",
    "syyskuu",
    "lokakuu",
    "marraskuu",
    "joulukuu",
)

# Legend and colour bar.
LEGEND_MISSING = "ei tietoa"
LEGEND_SUPPRESSED = "salattu (pieni määrä)"
LEGEND_AREA_BORDER = "Pohden alueen raja"
LEGEND_SELECTED = "valittu: {name}"
DARK_MEANS = {
    "lower": "tumma = heikompi (suurempi arvo)",
    "higher": "tumma = heikompi (pienempi arvo)",
    "neutral": "tumma = suurempi arvo",
}
POLARITY_NOTE = {
    "lower": "Pienempi arvo on parempi.",
    "higher": "Suurempi arvo on parempi.",
    "neutral": "Arvoon ei liity hyvä–huono-tulkintaa.",
}

# Hover.
HOVER_RANK = "Sija {rank}/{n} (1 = suurin arvo)"
HOVER_RANK_TIED = "Jaettu sija {rank}/{n} (1 = suurin arvo)"
HOVER_REGION = "{region}: {value}"
HOVER_STATUS = {"missing": "ei tietoa", "suppressed": "salattu (pieni määrä)"}

# Written finding beside the map.
FINDING_HEADER = "Havainnot – {period}"
FINDING_HIGHEST = "**Suurin arvo{tag}:** {names} {value}"
FINDING_LOWEST = "**Pienin arvo{tag}:** {names} {value}"
TAG_HIGH = {"lower": " (heikoin)", "higher": " (paras)", "neutral": ""}
TAG_LOW = {"lower": " (paras)", "higher": " (heikoin)", "neutral": ""}
FINDING_REGION = "**{region}:** {value}"
FINDING_SPREAD = "**Ero suurimman ja pienimmän välillä:** {difference}"
FINDING_RATIO = "; suurin arvo on {ratio}-kertainen pienimpään verrattuna"
FINDING_COVERAGE = "**Tieto:** {n} / {total} {elative}"
FINDING_MISSING = "Ei tietoa: {names}."
FINDING_SUPPRESSED = "Salattu (pieni määrä): {names}."
FINDING_SELECTED = "**Valittu – {name}:** {value}, {rank}"
FINDING_SELECTED_NO_RANK = "**Valittu – {name}:** {value}"
FINDING_NO_DATA = "Tälle vuodelle ei ole arvoja yhdellekään alueelle."
FINDING_MONTH_NOTE = "Kuukausitilasto: kartalla on vuoden {year} viimeinen kuukausi, {month}."
FINDING_MONTHS_DIFFER = "Kuukausitilasto: alueiden viimeinen kuukausi vaihtelee ({months})."
NAMES_AND = " ja "
PERCENT_POINTS = "prosenttiyksikköä"

TABLE_COLUMNS = {
    "area_code": "koodi",
    "name": "alue",
    "value": "arvo",
    "unit": "yksikkö",
    "rank": "sija (1 = suurin arvo)",
    "status": "tila",
    "year": "vuosi",
    "month": "kuukausi",
    "method": "laskenta (ks. merkit)",
}
TABLE_STATUS = {"ok": "ok", "missing": "ei tietoa", "suppressed": "salattu"}
TABLE_REFERENCE = "{name} (vertailu)"

ALT = (
    "Teemakartta: {indicator}, {period}. {level} väritetty arvon mukaan ({dark}). "
    "Suurin arvo {highest}, pienin {lowest}. {region} {region_value}. Tieto {n}/{total} {elative}."
)
ALT_NO_DATA = "Teemakartta: {indicator}, {period}. Yhdelläkään alueella ei ole arvoa."
FILENAME = "kartta_{indicator}_{period}_{layer}.csv"
NO_YEAR = "Indikaattorilla ei ole yhtään arvoa – karttaa ei voi piirtää."
NO_GEOMETRY = "Karttapohjaa ei löytynyt tietokannasta. Aja `python -m tilannekuva build`."
