"""UI strings of "Mitä on muuttunut" (what changed since the last seminar)."""

TITLE = "Mitä on muuttunut – {area}"
INTRO = (
    "Mitä Tilannekuva päätteli aiemmin ja mitä se päättelee nyt: uusi tieto, muuttuneet "
    "vertailuarviot ja kehityssuunnat sekä tavoitteiden tila. Valitse vertailukohta: aiempi "
    "koontiversio tai aineiston vuosi."
)

PICK_MODE = "Vertailukohta"
MODE_SNAPSHOT = "aiempi koontiversio"
MODE_YEAR = "aineiston vuosi"
PICK_SNAPSHOT = "Koontiversio"
PICK_YEAR = "Aineisto vuoteen"
PICK_YEAR_HELP = (
    "Näyttää, mitä aineisto kertoi, kun sen uusin vuosi oli tämä: myöhemmät vuodet "
    "jätetään pois ja arviot lasketaan samoin kuin nyt."
)
NO_SNAPSHOTS = (
    "Aiempia koontiversioita ei vielä ole: jokainen tietokannan rakennus tallentaa "
    "yhden (kansio data/history/). Vertailu tehdään aineiston vuoden mukaan."
)

SNAPSHOT_LABEL = "koontiversio {when}"
SNAPSHOT_OPTION = "{when} (aineisto {sha})"
YEAR_LABEL = "aineisto vuoteen {year} asti"
SNAPSHOT_GENITIVE = "koontiversion {when}"
YEAR_GENITIVE = "vuoteen {year} ulottuneen aineiston"
NOW_LABEL = "nykyinen aineisto (koottu {when})"

LEAD = "{area}: {since} jälkeen {parts}."
LEAD_NOTHING = "{area}: ei muutoksia {since} jälkeen."
PART_NEW = "{n} indikaattoria sai uutta tietoa"
PART_NEW_ONE = "1 indikaattori sai uutta tietoa"
PART_JUDGEMENTS = "{n} vertailuarviota muuttui"
PART_JUDGEMENTS_ONE = "1 vertailuarvio muuttui"
PART_DIRECTIONS = " ({parts})"
PART_WORSE = "{n} heikompaan"
PART_BETTER = "{n} parempaan"
PART_DIRECTION_TAIL = " suuntaan"
PART_TRENDS = "{n} kehityssuuntaa muuttui"
PART_TRENDS_ONE = "1 kehityssuunta muuttui"
PART_GOALS = "{n} tavoitteen tila muuttui"
AND = " ja "

NEW_DATA_HEADER = "Uutta tietoa"
JUDGEMENTS_HEADER = "Muuttuneet vertailuarviot"
TRENDS_HEADER = "Muuttuneet kehityssuunnat"
GOALS_HEADER = "Tavoitteiden tila"
NONE_HERE = "Ei muutoksia."

S_NEW_DATA = "**{name}**: uusi tieto vuodelta {year} – {value} (aiemmin uusin {old_year}: {old_value})."
S_FIRST_DATA = "**{name}**: ensimmäinen tieto, {value} ({year})."
S_REVISED = "**{name}**: vuoden {year} arvo on tarkentunut: {old_value} → {value}."
S_GONE = "**{name}**: tieto puuttuu nyt (aiemmin {old_value}, {old_year})."
S_JUDGEMENT = "**{name}**: {benchmark} verrattuna nyt *{new}* (aiemmin {old}; {year})."
S_JUDGEMENT_NO_DATA = (
    "**{name}**: {benchmark} ei voi nyt verrata – vertailuarvoa ei ole vuodelta {year} (aiemmin {old})."
)
S_TREND = "**{name}**: kehitys nyt *{new}* (aiemmin {old})."
S_GOAL = "**{title}** ({indicator}): nyt *{new}* (aiemmin {old})."
GOALS_NONE = "Alueelle ei ole kirjattu tavoitteita."
GOALS_LINK = "Tavoitteet ja niiden tila"

# Trend words for snapshots that stored no word of their own (the word is normally stored).
TREND_WORDS = {
    "improving": "paranee",
    "worsening": "heikkenee",
    "increasing": "kasvaa",
    "decreasing": "laskee",
    "stable": "pysyy ennallaan",
    "no_change": "ei merkitsevää muutosta",
    "not_computable": "ei laskettavissa",
}
DIRECTION_MARKS = {"worse": "✖ ", "better": "✔ ", "neutral": ""}

PINNED = "Tämä linkki näyttää tilanteen {pinned} mukaan."
PINNED_NEWER = (
    "Aineistoon on tämän jälkeen tullut uutta tietoa ({now}). Ajantasainen näkymä: avaa sivu ilman kiinnitystä."
)
PINNED_CURRENT = "Tämä on myös uusin aineisto."
PIN_UNKNOWN = "Linkin koontiversiota '{snapshot}' ei löydy; näytetään nykyinen aineisto."
SINCE_UNKNOWN = "Vertailukohtaa '{since}' ei löydy; vertailu tehdään aineiston vuoden mukaan."
OPEN_CURRENT = "Avaa ajantasainen näkymä"
PIN_LINK = "Linkki tähän vertailuun (kiinnitetty koontiversioon): "
PIN_HELP = "Kiinnitetty linkki näyttää saman tilanteen myös myöhemmin, ja kertoo, jos uutta tietoa on tullut."

NAV_TITLE = "Mitä on muuttunut"
