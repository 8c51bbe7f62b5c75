"""Finnish strings of the Indikaattorit page (the indicator catalogue)."""

from __future__ import annotations

TITLE = "Indikaattorit"
INTRO = (
    "Kaikki Tilannekuvan indikaattorit: mitä ne mittaavat, mistä tieto tulee, miltä vuosilta sitä on, miten "
    "alueiden luvut lasketaan ja kumpi suunta on parempi. {n} indikaattoria, joista {n_data} sisältää tietoja "
    "tässä versiossa."
)
SEARCH_LABEL = "Hae sanalla"
SEARCH_PLACEHOLDER = "esim. diabetes, työttömät, 683"
SEARCH_HELP = "Haku kohdistuu nimeen, tunnisteeseen, aiheeseen, lähteeseen ja huomioihin."
THEME_LABEL = "Teema"
TOPIC_LABEL = "Aihe"
POLARITY_LABEL = "Suunta"
ALL = "Kaikki"
ONLY_DATA_LABEL = "Vain indikaattorit, joilla on tietoja"
SHOWN = "Näytetään {n}/{total} indikaattoria."
NONE_FOUND = "Hakuehdoilla ei löytynyt indikaattoreita."
DOWNLOAD_NAME = "indikaattorit.csv"

POLARITY_FILTER = {"higher": "suurempi on parempi", "lower": "pienempi on parempi", "neutral": "ei arvottava"}
POLARITY_EXPLAINED = {
    "higher": "Suurempi arvo on parempi.",
    "lower": "Pienempi arvo on parempi.",
    "neutral": "Ei arvottava: arvo on vain korkeampi tai matalampi, ei parempi tai huonompi.",
}
VALUE_TYPES = {
    "percent": "osuus (%)",
    "rate": "suhdeluku",
    "index": "indeksi tai tunnusluku",
    "count": "lukumäärä",
    "currency": "euroa",
}
AGGREGATION_EXPLAINED = {
    "sum": "Alueen luku on kuntien lukujen summa.",
    "ratio": (
        "Alueen luku lasketaan kuntien osoittajien ja nimittäjien summista (Σ osoittaja / Σ nimittäjä × "
        "{scale}), ei kuntien lukujen keskiarvona."
    ),
    "weighted": (
        "Alueen luku on kuntien lukujen painotettu keskiarvo, painona {weight}. Luku on merkitty "
        "painotetuksi keskiarvoksi."
    ),
    "none": (
        "Alueille ei lasketa lukua (esimerkiksi mediaani, kerroin, ikävakioitu tai ikäryhmän luku): "
        "kuntien luvuista sitä ei voi laskea oikein. Pohjois-Pohjanmaan ja koko maan luku on lähteen oma, "
        "jos lähde sen julkaisee."
    ),
}
AGGREGATION_SHORT = {  # the table's short form; the full sentence is in the details below it
    "sum": "kuntien summa",
    "ratio": "Σ osoittaja / Σ nimittäjä × {scale} (ei kuntien keskiarvo)",
    "weighted": "painotettu keskiarvo, painona {weight}",
    "none": "ei aluelukua (ei laskettavissa kunnista)",
}
ALL_MEMBERS_NOTE = " Alueen luku lasketaan vain, kun jokaisella alueen kunnalla on arvo."
WEIGHT_UNKNOWN = "indikaattori {id}"
CI_EXPLAINED = {
    "wilson": "95 %:n luottamusväli Wilsonin menetelmällä (osuus).",
    "byar": "95 %:n luottamusväli Byarin menetelmällä (tapausmäärään perustuva suhdeluku).",
    None: "Ei luottamusväliä: erot ovat suuntia, joita ei ole testattu.",
}
CERTAINTY = {"high": "varma", "medium": "melko varma", "low": "epävarma"}
NO_DATA_YEARS = "ei dataa"
NO_DATA_HINT = (
    "Indikaattorille ei ole toimitettu tietoja. Sotkanetin indikaattorit voi hakea komennolla "
    "`python -m tilannekuva update` (vaatii verkkoyhteyden)."
)
FREQUENCY = {"year": "vuosittain", "month": "kuukausittain"}

COLUMNS = {
    "name": "Indikaattori",
    "id": "Tunniste",
    "theme": "Teema",
    "topic": "Aihe",
    "unit": "Yksikkö",
    "source": "Lähde",
    "years": "Vuodet",
    "aggregation": "Alueiden luku",
    "polarity": "Suunta",
    "licence": "Lisenssi",
    "caveat": "Huomio",
    "sotkanet": "Sotkanet",
    "certainty": "Tunnisteen varmuus",
}
SOTKANET_LINK_TEXT = "Sotkanet ↗"
SOTKANET_URL = "https://sotkanet.fi/sotkanet/fi/metadata/indicators/{id}"

DETAIL_LABEL = "Näytä indikaattorin tiedot"
DETAIL_HELP = "Voit myös valita rivin taulukosta."
DETAIL_ROWS = {
    "id": "Tunniste",
    "unit": "Yksikkö ja tyyppi",
    "theme": "Teema ja aihe",
    "source": "Lähde",
    "years": "Vuodet",
    "frequency": "Tiheys",
    "aggregation": "Alueiden luku",
    "polarity": "Suunta",
    "ci": "Tilastollinen testi",
    "licence": "Lisenssi",
    "certainty": "Tunnisteen varmuus",
    "caveat": "Huomio",
}
OPEN_MAP = "Avaa kartalla"
OPEN_MAP_HELP = "Valitsee indikaattorin ja avaa Kartta-sivun; alue säilyy."
OPEN_MAP_DISABLED = "Ei tietoja kartalle."
SOTKANET_DETAIL = "Indikaattorin kuvaus Sotkanetissa: {url}"
LICENCE_TEXT = "CC BY 4.0 – lähde mainittava (https://creativecommons.org/licenses/by/4.0/deed.fi)"
#: how the weight indicator's name is quoted in the aggregation texts
WEIGHT_QUOTED = "”{name}”"
