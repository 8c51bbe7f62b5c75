"""UI strings of the goals follow-up (Tavoitteet page, the form, sign-in, start-page block)."""

TITLE = "Tavoitteet"
INTRO = (
    "Hyvinvointisopimuksen yhteiset, mitattavat tavoitteet indikaattoreittain. Tila lasketaan "
    "aineistosta: uusin arvo lähtövuoden jälkeen verrataan suoraan polkuun lähtötasosta tavoitteeseen."
)

# Cooperation areas of the strategic cooperation agreement (order as in the agreement).
COOPERATION_AREAS = (
    "hyvinvoinnin, terveyden ja turvallisuuden edistäminen",
    "osallisuus ja järjestöyhteistyö",
    "työllistymisen tukeminen",
    "maahanmuuttajien kotoutumisen edistäminen",
    "asuminen ja maankäyttö",
    "sivistyspalvelujen sekä sosiaali- ja terveystalouden yhteistyö",
    "liikenne ja kuljetuspalvelut",
    "tiedolla johtaminen",
    "TKI-yhteistyö",
    "edunvalvonta ja strateginen suunnittelu",
    "varautuminen häiriötilanteisiin ja poikkeusoloihin",
)
RESPONSIBLE_KINDS = {
    "kunta": "kunta",
    "hyvinvointialue": "hyvinvointialue",
    "maakuntaliitto": "maakuntaliitto",
    "muu": "muu nimetty toimija",
}

STATUS_WORDS = {
    "achieved": "saavutettu",
    "on_track": "oikealla suunnalla",
    "behind": "jäljessä",
    "no_new_data": "ei uutta tietoa",
}
STATUS_SYMBOLS = {"achieved": "✔", "on_track": "↗", "behind": "✖", "no_new_data": "?"}
STATUS_HELP = {
    "achieved": "uusin arvo on tavoitteen tasolla tai sen paremmalla puolella",
    "on_track": "uusin arvo on vähintään suoran polun tasolla lähtötasosta tavoitteeseen",
    "behind": "uusin arvo on suoran polun huonommalla puolella",
    "no_new_data": "lähtövuoden jälkeen ei ole tullut uutta tietoa",
}
EXAMPLE_MARK = "ESIMERKKI – ei todellinen tavoite"

# --- Sentences on a goal card ---------------------------------------------------------------
BASELINE_TARGET = "Lähtötaso {baseline} ({baseline_year}) → tavoite {target} vuonna {target_year}."
LATEST_ON_PATH = "Uusin tieto {latest} ({latest_year}); suoralla polulla arvo olisi {path} vuonna {latest_year}."
LATEST_ACHIEVED = "Uusin tieto {latest} ({latest_year}) on tavoitteen tasolla tai paremmin."
NO_NEW_DATA = "Lähtövuoden {baseline_year} jälkeen ei ole vielä uutta tietoa."
DIRECTION = {
    "higher": "suurempi on parempi",
    "lower": "pienempi on parempi",
    "up": "tavoitteena kasvu",
    "down": "tavoitteena lasku",
}
RESPONSIBLE = "Vastuussa: {who}"
COOPERATION = "Yhteistyöalue: {area}"
BASELINE_REVISED = (
    "Aineistossa lähtövuoden arvo on nyt {now} (tallennettu {stored}); tila lasketaan tallennetusta lähtötasosta."
)
LAST_CHANGED = "Muokattu {when} ({who}), versio {version}"

# --- List and filters -----------------------------------------------------------------------
FILTER_COOPERATION = "Yhteistyöalue"
FILTER_AREA = "Alue"
FILTER_STATUS = "Tila"
ALL = "kaikki"
NO_GOALS = (
    "Tavoitteita ei ole vielä kirjattu. Tavoitteet kirjaa kirjautunut muokkaaja; ne voi myös tuoda CSV-tiedostosta."
)
NO_MATCH = "Valinnoilla ei löydy tavoitteita."
COUNT = "{n} tavoitetta: {counts}"
COUNT_ONE = "1 tavoite: {counts}"
CHART_ALT = (
    "{indicator}, {area}: toteutuneet arvot {first}–{last} ja suora polku lähtötasosta "
    "{baseline} ({baseline_year}) tavoitteeseen {target} ({target_year})."
)
TRACE_ACTUAL = "Toteutunut"
TRACE_PATH = "Suora polku tavoitteeseen"
TRACE_TARGET = "Tavoite"
TRACE_BASELINE = "Lähtötaso"
AXIS_YEAR = "Vuosi"
COL_TITLE = "Tavoite"
COL_STATUS = "Tila"
COL_AREA = "Alue"
COL_INDICATOR = "Indikaattori"
COL_YEAR = "Vuosi"
COL_VALUE = "Arvo"
COL_PATH = "Suora polku"
CHART_FILENAME = "tavoite_{goal_id}.csv"

# --- Sign-in ----------------------------------------------------------------------------------
SIGN_IN_HEADER = "Muokkaajan kirjautuminen"
SIGN_IN_NAME = "Nimi (näkyy muutoslokissa)"
SIGN_IN_SECRET = "Salasana"
SIGN_IN_BUTTON = "Kirjaudu"
SIGN_OUT_BUTTON = "Kirjaudu ulos"
SIGNED_IN = "Kirjautuneena muokkaajana: {name}"
SIGN_IN_FAILED = "Nimi tai salasana on väärin."
SIGN_IN_WAIT = "Liian monta epäonnistunutta yritystä. Odota {seconds} s ja yritä uudelleen."
SIGN_IN_NAME_MISSING = "Kirjoita nimesi: se tallentuu muutoslokiin."
READ_ONLY = (
    "Tavoitteita voi vain lukea: muokkaajan salasanaa ei ole asetettu. Ylläpitäjä ottaa "
    "muokkauksen käyttöön lisäämällä tiedostoon `.streamlit/secrets.toml` rivin "
    '`editor_password_hash = "…"`, jonka komento `python -m tilannekuva goals hash-password` '
    "tulostaa, ja käynnistämällä sovelluksen uudelleen."
)
SECRET_MALFORMED = (
    "Muokkaajan salasanan tiiviste tiedostossa `.streamlit/secrets.toml` ei ole "
    "kelvollinen; tee uusi komennolla `python -m tilannekuva goals hash-password`."
)
EDIT_NEEDS_SIGN_IN = "Tavoitteiden lisääminen ja muokkaus vaatii kirjautumisen."

# --- Form -------------------------------------------------------------------------------------
FORM_ADD_HEADER = "Lisää tavoite"
FORM_EDIT_HEADER = "Muokkaa tavoitetta"
FORM_PICK_GOAL = "Muokattava tavoite"
FORM_NEW = "(uusi tavoite)"
F_TITLE = "Otsikko"
F_DESCRIPTION = "Kuvaus"
F_COOPERATION = "Yhteistyöalue"
F_INDICATOR = "Indikaattori"
F_AREA = "Alue"
F_BASELINE_YEAR = "Lähtövuosi"
F_BASELINE_VALUE = "Lähtöarvo aineistosta: {value}"
F_BASELINE_NONE = "Valitulla alueella ei ole tälle indikaattorille arvoja."
F_TARGET_YEAR = "Tavoitevuosi"
F_TARGET_VALUE = "Tavoitearvo ({unit})"
F_TARGET_NO_UNIT = "arvo"  # in F_TARGET_VALUE when the indicator has no unit
F_TARGET_HELP = "Desimaalipilkku tai -piste käy, esim. 12,5. Oletuksena lähtöarvo."
F_RESPONSIBLE_KIND = "Vastuutaho"
F_RESPONSIBLE_NAME = "Vastuutahon nimi (esim. kunnan tai toimielimen nimi)"
F_SAVE = "Tallenna tavoite"
F_DELETE = "Poista tavoite"
F_DELETE_CONFIRM = "Vahvistan poiston"
SAVED = "Tavoite tallennettu: {title}"
DELETED = "Tavoite poistettu: {title}"
FORM_ERRORS = "Tavoitetta ei tallennettu:"

# --- Validation messages (one per rule) -----------------------------------------------------
V_TITLE_MISSING = "Anna tavoitteelle otsikko."
V_TITLE_LONG = "Otsikko on liian pitkä (enintään {max} merkkiä)."
V_DESCRIPTION_LONG = "Kuvaus on liian pitkä (enintään {max} merkkiä)."
V_COOPERATION = "Valitse yhteistyöalue sopimuksen yhteistyöalueista."
V_INDICATOR_UNKNOWN = "Indikaattoria '{indicator}' ei ole aineistossa."
V_INDICATOR_MONTHLY = "Indikaattori '{name}' on kuukausisarja; tavoitteet asetetaan vuositason indikaattoreille."
V_AREA_UNKNOWN = "Aluetta '{area}' ei ole aineistossa."
V_AREA_LEVEL = "Tavoitteen alue on kunta, Pohden alue, Pohde tai Pohjois-Pohjanmaa (ei '{area}')."
V_BASELINE_NO_DATA = "Alueella {area} ei ole indikaattorin arvoa lähtövuodelta {year}; valitse vuosi, jolta arvo on."
V_BASELINE_MISMATCH = (
    "Lähtöarvo {given} ei vastaa aineistoa: vuoden {year} arvo on {data}. Lähtöarvo otetaan aina aineistosta."
)
V_TARGET_YEAR = "Tavoitevuoden ({target_year}) on oltava lähtövuoden ({baseline_year}) jälkeen."
V_TARGET_YEAR_FAR = "Tavoitevuosi {target_year} on liian kaukana (enintään {max_year})."
V_TARGET_MISSING = "Anna tavoitearvo numerona."
V_TARGET_PERCENT = "Tavoitearvon on oltava 0–100, koska yksikkö on prosentti (annettu {value})."
V_TARGET_NEGATIVE = "Tavoitearvo ei voi olla negatiivinen tällä indikaattorilla (annettu {value})."
V_TARGET_IMPLAUSIBLE = (
    "Tavoitearvo {value} on epäuskottavan kaukana aineiston arvoista (alueen suurin "
    "havaittu arvo {largest}); tarkista desimaalit ja yksikkö ({unit})."
)
V_TARGET_SAME = (
    "Tavoitearvo on sama kuin lähtöarvo, eikä indikaattorilla ole suuntaa (suurempi tai "
    "pienempi parempi): anna tavoite, joka muuttaa tasoa."
)
V_RESPONSIBLE_KIND = "Valitse vastuutaho: kunta, hyvinvointialue, maakuntaliitto tai muu nimetty toimija."
V_RESPONSIBLE_NAME = "Kirjoita nimetyn vastuutahon nimi."
V_DUPLICATE = (
    "Samalle indikaattorille ja alueelle on jo tavoite vuodelle {target_year}: '{title}'. "
    "Muokkaa sitä tai valitse toinen tavoitevuosi."
)

# --- Store errors -----------------------------------------------------------------------------
CONFLICT = (
    "{who} tallensi tähän tavoitteeseen muutoksen ({when}) sillä välin, kun muokkasit sitä. "
    "Muutostasi ei tallennettu, jotta kenenkään työ ei katoa: lataa tavoite uudelleen, "
    "tarkista muutokset ja tee omasi uudestaan."
)
GONE = "Tavoitetta ei enää ole: joku on poistanut sen. Muutostasi ei tallennettu."
CONFLICT_SOMEONE, CONFLICT_JUST_NOW = "Toinen muokkaaja", "juuri nyt"  # when the store cannot say who/when
WRITE_FAILED = "Tallennus epäonnistui, eikä mitään muutettu: {error}"
DUPLICATE_IN_STORE = "Samalle indikaattorille, alueelle ja tavoitevuodelle on jo tavoite; muutosta ei tallennettu."

# --- CSV --------------------------------------------------------------------------------------
CSV_HEADER = "Vienti ja tuonti (CSV)"
CSV_EXPORT = "Lataa tavoitteet (CSV)"
CSV_EXPORT_NOTE = "UTF-8, erottimena puolipiste, desimaalipilkku – avautuu suoraan Exceliin."
CSV_IMPORT = "Tuo tavoitteita CSV-tiedostosta"
CSV_IMPORT_BUTTON = "Tuo"
CSV_IMPORTED = "Tuotiin {created} uutta ja päivitettiin {updated} tavoitetta ({unchanged} ennallaan)."
CSV_IMPORT_FAILED = "Tiedostoa ei tuotu, eikä mitään muutettu:"
CSV_ROW = "rivi {line}: {message}"
CSV_BAD_FILE = "Tiedosto ei ole kelvollinen CSV (UTF-8, erottimena puolipiste): {error}"
CSV_EMPTY_FILE = "tyhjä tiedosto"
CSV_YES, CSV_NO = "kyllä", "ei"  # the example column as written
CSV_TRUE_CELLS = ("kyllä", "kylla", "1", "true", "x")  # what an imported example cell may say for yes
CSV_MISSING_COLUMNS = "Tiedostosta puuttuu sarakkeita: {columns}"
CSV_BAD_NUMBER = "'{value}' ei ole luku (sarake {column})"
CSV_FILENAME = "tavoitteet.csv"
# Column headers of the CSV (also the import's expected columns).
CSV_COLUMNS = {
    "goal_id": "tunniste",
    "version": "versio",
    "title": "otsikko",
    "description": "kuvaus",
    "cooperation_area": "yhteistyöalue",
    "indicator_id": "indikaattori",
    "indicator_name": "indikaattorin nimi",
    "area_code": "aluekoodi",
    "area_name": "alue",
    "baseline_year": "lähtövuosi",
    "baseline_value": "lähtöarvo",
    "target_year": "tavoitevuosi",
    "target_value": "tavoitearvo",
    "responsible_kind": "vastuutaho",
    "responsible_name": "vastuutahon nimi",
    "is_example": "esimerkki",
    "status": "tila",
    "updated_at": "muokattu",
    "updated_by": "muokkaaja",
}

# --- Change log -------------------------------------------------------------------------------
LOG_HEADER = "Muutosloki"
LOG_ACTIONS = {"create": "lisäsi", "update": "muutti", "delete": "poisti", "import": "toi"}
LOG_LINE = "{when} – {who} {action} tavoitteen ”{title}”{fields}"
LOG_EMPTY = "Ei muutoksia."

# --- Start page block -------------------------------------------------------------------------
BLOCK_HEADER = "Alueen tavoitteet"
BLOCK_NONE = "Alueelle {area} ei ole kirjattu tavoitteita."
BLOCK_LINK = "Kaikki tavoitteet"
BLOCK_LINE = "{symbol} **{status}** – {title}: {sentence}"
