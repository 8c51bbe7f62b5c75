"""Finnish strings of the start page "Tilannekuva" (pages/start.py, tilannekuva/situation.py)."""

TITLE = "Tilannekuva – {area}"
INTRO = "{area} verrattuna: {benchmarks}. Arvot ovat koko väestöstä (kaikki sukupuolet), vuositietoja."
INTRO_NO_BENCHMARK = "{area}: arvot ovat koko väestöstä (kaikki sukupuolet), vuositietoja. Vertailualuetta ei ole."
SAME_AS_PARENT = (
    "{parent} on sama alue kuin {area} (samat kunnat), joten sitä ei käytetä vertailualueena: "
    "alue ei voi olla oma vertailukohtansa."
)
SAME_TERRITORY = (
    "{area} on sama alue kuin {member}: luvut ovat samat kuin sivulla {member}, myös ne, joille "
    "alueille ei muuten lasketa arvoa."
)
AGE_OVERVIEW = (
    "**Tietojen ikä:** {n} indikaattoria, joista **{recent}** vuodelta {recent_from} tai uudempi, "
    "{middle} vuosilta {old_before}–{middle_to} ja **{old} vanhempia kuin {old_before}**."
)
NO_ROWS = "Alueelle ei ole vuositietoja yhdessäkään indikaattorissa."

# Summary ------------------------------------------------------------------------------------------
SUMMARY_HEADER = "Yhteenveto"
CONCERNS_HEADER = "✖ Huolenaiheet"
STRENGTHS_HEADER = "✔ Vahvuudet"
NO_CONCERNS = (
    "Tiedoista vuodesta {first} alkaen ei löytynyt vertailualuetta heikompia eikä merkitsevästi "
    "heikkeneviä indikaattoreita."
)
NO_STRENGTHS = (
    "Tiedoista vuodesta {first} alkaen ei löytynyt vertailualuetta parempia indikaattoreita, "
    "jotka eivät samalla heikkene."
)
SUMMARY_NOTE = (
    "Yhteenveto vertaa alueen arvoa {benchmark_illative} samana vuonna. Mukana tiedot vuodesta "
    "{first} alkaen (enintään {old} vuotta vanhat), kustakin asiasta vain uusin mittari. Järjestys: "
    "ensin tuoreimmat tiedot (enintään 3, 6 ja {old} vuotta vanhat), niiden sisällä vahvin näyttö: "
    "merkitsevä ero ja samansuuntainen kehitys, merkitsevä ero, merkitsevästi heikkenevä kehitys "
    "(myös kun taso on vielä parempi), testaamaton ero (vähintään 3 % vertailuarvosta). "
    "”Merkitsevästi” = ero ei selity "
    "satunnaisvaihtelulla (95 %). Kehitys = viiden viimeisen vuoden testattu suunta. Suuren osan "
    "vertailualueestaan muodostavaa aluetta verrataan vertailualueen muuhun osaan."
)
SUMMARY_NOTE_TREND_ONLY = (
    "Vertailualuetta ei ole, joten yhteenveto kertoo vain viiden viimeisen vuoden "
    "merkitsevästä heikkenemisestä. Mukana vain tiedot vuodesta {first} alkaen."
)

# Sentence pieces. {benchmark_*}: the benchmark's name in the needed case.
S_LEAD = "{value} vuonna {year}"
S_YEAR_AGED = "{year} (⚠ {age} v)"
# A benchmark without the area itself: (nominative, partitive, illative) around the benchmark's nominative.
REST_FORMS = ("muu {name}", "muuta {name}", "muuhun {name}")
S_TESTED = "merkitsevästi {benchmark_partitive} {word} ({benchmark_value})"
S_UNTESTED = "{benchmark_partitive} {word} ({benchmark_value}; eroa ei voitu testata)"
S_NO_DIFFERENCE = "ei merkitsevää eroa {benchmark_illative} ({benchmark_value})"
S_SAME = "samaa tasoa kuin {benchmark_nominative} ({benchmark_value})"
S_NO_BENCHMARK = "vertailuarvoa ({benchmark_nominative}) ei ole vuodelta {year}"
S_TREND = "{conj} se {word} ({first}–{last})"
S_TREND_ONLY = "se {word} ({first}–{last})"
S_TREND_NONE = "; viiden vuoden kehityksessä ei merkitsevää muutosta ({first}–{last})"
AND, BUT = "ja", "mutta"

# Grammatical forms of the benchmarks used in sentences (nominative, partitive, illative).
BENCHMARK_FORMS = {
    "MK17": ("Pohjois-Pohjanmaa", "Pohjois-Pohjanmaata", "Pohjois-Pohjanmaahan"),
    "SSS": ("koko maa", "koko maata", "koko maahan"),
    "HVA19": ("Pohde", "Pohdea", "Pohteeseen"),
    "koillismaa": ("Koillismaa", "Koillismaata", "Koillismaahan"),
    "oulunkaari": ("Oulunkaari", "Oulunkaarta", "Oulunkaareen"),
    "oulu": ("Oulun alue", "Oulun aluetta", "Oulun alueeseen"),
    "lakeus": ("Lakeus", "Lakeutta", "Lakeuteen"),
    "etelainen": ("Eteläinen alue", "Eteläistä aluetta", "Eteläiseen alueeseen"),
    "rannikkoseutu": ("Rannikkoseutu", "Rannikkoseutua", "Rannikkoseutuun"),
}
BENCHMARK_FALLBACK = ("vertailualue {name}", "vertailualuetta {name}", "vertailualueeseen {name}")

# Overview chart ---------------------------------------------------------------------------------
OVERVIEW_HEADER = "Kaikki ajankohtaiset indikaattorit yhdellä silmäyksellä"
OVERVIEW_INTRO = (
    "Jokainen rivi: alueen arvo (merkki) kuntien arvojen vaihteluvälillä samana vuonna (harmaa palkki; "
    "tummempi osa = keskimmäinen puolikas kunnista) sekä {markers}. **Oikealla parempi**, kun "
    "indikaattorilla on suunta; arvottamattomissa oikealla suurempi. "
    "Merkin muoto ja väri: vertailu {benchmark_illative} samana vuonna. "
    "Vuosi on jokaisen rivin perässä, arvo oikealla. Mukana kustakin asiasta uusin mittari, "
    "enintään {old} vuotta vanha tieto; lukumäärät (esim. väkiluku) vain taulukoissa."
)
OVERVIEW_REGION_MARK = "{name} (musta pystyviiva)"
OVERVIEW_COUNTRY_MARK = "{name} (harmaa salmiakki)"
OVERVIEW_NO_MARKS = "ei vertailualueita"
OVERVIEW_MARKS_AND = " ja "  # between the region's and the country's marker
OVERVIEW_EMPTY = "Alueelle ei ole ajankohtaisia tietoja, joita voisi verrata kuntien vaihteluväliin."
OVERVIEW_RANGE = "kuntien vaihteluväli"
OVERVIEW_MIDDLE = "keskimmäinen puolikas kunnista"
OVERVIEW_WORSE_END = "← heikompi (pienempi)"
OVERVIEW_BETTER_END = "parempi (suurempi) →"
OVERVIEW_LEGEND = {
    "better": "✔ merkitsevästi parempi",
    "worse": "✖ merkitsevästi heikompi",
    "similar": "= ei merkitsevää eroa",
    "better_untested": "(✔) parempi, ei testattu",
    "worse_untested": "(✖) heikompi, ei testattu",
    "neutral": "▲▼ korkeampi / matalampi (ei arvoteta)",
    "no_data": "? ei vertailuarvoa",
}
OVERVIEW_TITLE = "Kaikki ajankohtaiset indikaattorit kuntien vaihteluvälillä"
OVERVIEW_TABLE_COLUMNS = {
    "name": "Indikaattori",
    "year": "Vuosi",
    "value": "Arvo",
    "judgement": "vrt. {benchmark}",
    "range": "Kuntien vaihteluväli",
    "n": "Kuntia",
}
OVERVIEW_FILENAME = "tilannekuva_yleiskuva_{area}.csv"
OVERVIEW_HOVER_JUDGEMENT = "vrt. {benchmark}"
OVERVIEW_HOVER_RANGE = "kunnat"
OVERVIEW_ALT = (
    "Yleiskuva: {n} indikaattoria. Merkitsevästi heikompi kuin {benchmark}: {worse}. Merkitsevästi parempi: {better}."
)

# Table ------------------------------------------------------------------------------------------
SHOW_OLD = "Näytä myös yli {old} vuotta vanhat tiedot"
SHOW_OLD_HELP = (
    "Vanhat tiedot (uusin arvo ennen vuotta {first}) näytetään kunkin teeman lopussa. "
    "Vuosi ja tiedon ikä näkyvät jokaisella rivillä."
)
HIDDEN_OLD = "{n} indikaattoria piilotettu, koska niiden uusin tieto on ennen vuotta {first}."
TABLES_HEADER = "Kaikki indikaattorit teemoittain"
TABLES_INTRO = (
    "Tuoreimmat tiedot ensin. Vertailusarakkeissa vertailualueen arvo **samalta vuodelta** ja arvio: "
    "✔ parempi · ✖ heikompi · = ei merkitsevää eroa · ▲ korkeampi / ▼ matalampi (kun suuntaa ei "
    "arvoteta) · suluissa = eroa ei voitu testata tilastollisesti · ⚠ tieto on vähintään {stale} "
    "vuotta vanha (vuoden perässä sen ikä). Valitse rivi (ruutu rivin alussa): siitä tulee "
    "valittu indikaattori, ja taulukon yläpuolelle tulee linkki sen kehitykseen."
)
OPEN_TRENDS = "Näytä kehitys vuosittain: {name}"
THEME_CAPTION = "{n} indikaattoria · uusin tieto {newest}, vanhin {oldest}"
NO_BENCHMARK_DATA = "{names}: ei vertailuarvoja tämän teeman indikaattoreille, sarake jätetty pois."
THEME_EMPTY = "Tässä teemassa ei ole näytettäviä tietoja."

COL_NAME = "Indikaattori"
COL_YEAR = "Vuosi (ikä)"
COL_VALUE = "Arvo"
COL_CHANGE_1 = "Muutos 1 v"
COL_CHANGE_5 = "Muutos 5 v"
COL_TREND = "Kehitys 5 v"
COL_BENCHMARK = "vrt. {name}"

HELP_YEAR = (
    "Vuosi, jolta alueen uusin arvo on, ja sen ikä vuosina. ⚠ = vähintään {stale} vuotta vanha; "
    "”vanha” = yli {old} vuotta vanha."
)
HELP_VALUE = "Alueen uusin arvo indikaattorin yksikössä."
HELP_CHANGE_1 = (
    "Uusin arvo miinus edellisen vuoden arvo (prosenttiluvuissa %-yksikköä). "
    "”ei laskettavissa”: vertailuvuoden arvo puuttuu."
)
HELP_CHANGE_5 = (
    "Uusin arvo miinus viisi vuotta vanhempi arvo (prosenttiluvuissa %-yksikköä). "
    "”ei laskettavissa”: vertailuvuoden arvo puuttuu."
)
HELP_TREND = (
    "Viiden viimeisen vuoden testattu suunta: χ²-trenditesti lukumääristä (99,8 %) tai "
    "regressiosuoran 95 %:n luottamusväli. ✔ paranee, ✖ heikkenee, → ei merkitsevää muutosta; "
    "”ei laskettavissa”, jos jokin vuosi puuttuu."
)
HELP_BENCHMARK = (
    "Vertailualueen arvo samalta vuodelta kuin alueen arvo, ja arvio erosta. Ero on testattu "
    "95 %:n luottamusvälillä, kun osoittaja ja nimittäjä tunnetaan; muuten suunta on suluissa."
)
NOTES_EXPANDER = "Huomautukset ({n})"

CHANGE_NOT_COMPUTABLE = "ei laskettavissa"
BENCHMARK_NO_YEAR = "? ei tietoa v. {year}"
REST_CELL = "(ilman aluetta {value})"
NEWER_MEASURE = (
    "Samasta asiasta on uudempi mittari: {name} (tiedot vuoteen {last}); tämä vanhempi mittari ei ole "
    "mukana yhteenvedossa."
)
YEAR_FRESH = "{year} ({age} v)"
YEAR_STALE = "{year} (⚠ {age} v)"
YEAR_OLD = "{year} (⚠ {age} v, vanha)"

FILENAME = "tilannekuva_{area}_{theme}.csv"
EXPORT_COLUMNS = {
    "name": "Indikaattori",
    "year": "Vuosi",
    "value": "Arvo",
    "unit": "Yksikkö",
    "method": "Laskenta (merkki)",
    "benchmark_value": "{name}: arvo",
    "benchmark_judgement": "{name}: arvio",
    "trend": "Kehitys 5 v",
    "change_1": "Muutos 1 v",
    "change_5": "Muutos 5 v",
}
