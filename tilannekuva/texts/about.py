"""Finnish strings of the Tietoa page: what Tilannekuva is, sources and attribution, area
membership and its doubts, how judgements and area values are computed, build information."""

from __future__ import annotations

TITLE = "Tietoa"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.fi"

WHAT_HEADING = "Mikä Tilannekuva on"
WHAT = (
    "Tilannekuva on Pohjois-Pohjanmaan hyvinvoinnin tilannekuva. Se tukee hyvinvointisopimuksen mukaista "
    "**tietoon perustuvaa johtamista yhteisillä indikaattoreilla**: kunnat, Pohjois-Pohjanmaan hyvinvointialue "
    "(Pohde) ja maakunnan toimijat katsovat samoja lukuja samalla tavalla laskettuina.\n\n"
    "Luvut näytetään Pohjois-Pohjanmaan 30 kunnalle, Pohden kuudelle alueelle (Koillismaa, Oulunkaari, Oulu, "
    "Lakeus, Eteläinen, Rannikkoseutu), koko Pohjois-Pohjanmaalle ja koko maalle – aina vuoden ja lähteen kanssa. "
    "Sivut: **Tilannekuva** (alue yhdellä silmäyksellä), **Kartta**, **Kehitys** (aikasarjat), **Vertailu** "
    "(kuntien järjestys, alueen profiili, erot alueiden sisällä), **Indikaattorit** (luettelo) ja tämä sivu."
)

SOURCES_HEADING = "Tietolähteet ja lisenssit"
SOURCES_INTRO = (
    "Kaikki luvut ovat avointa dataa, jonka lisenssi on **Creative Commons Nimeä 4.0 (CC BY 4.0)**: "
    f"{LICENCE_URL}. Lähde on mainittava, kun lukuja käytetään. Tilannekuva ei keksi, mallinna eikä "
    "täydennä lukuja."
)
SOURCES = (
    (
        "**Tilasto- ja indikaattoripankki Sotkanet, Terveyden ja hyvinvoinnin laitos (THL).** Indikaattoreita "
        "tuottavat THL, Tilastokeskus, Kela ja muut. Viittausmalli: ”Tilasto- ja indikaattoripankki Sotkanet. "
        "Terveyden ja hyvinvoinnin laitos. <indikaattorin nimi> (ind. <tunniste>). Viitattu <päivämäärä>.” "
        "– CC BY 4.0"
    ),
    (
        "**Tilastokeskus:** Kuntien avainluvut, kuntien välinen muuttoliike, taulukot 118w (käytettävissä olevat "
        "rahatulot) ja 11ra (väestörakenne) sekä kuntaluokitukset. – CC BY 4.0"
    ),
    "**Työ- ja elinkeinoministeriö (TEM) / Tilastokeskus:** Työnvälitystilasto, taulukko 12r5. – CC BY 4.0",
    "**Maanmittauslaitos (MML):** kuntarajat 2023 (yleistystaso 1:4,5 milj.). © Maanmittauslaitos – CC BY 4.0",
    (
        "**Kartan rantaviiva:** GSHHG 2.3.7 (Wessel, P. & Smith, W. H. F., A Global Self-consistent, "
        "Hierarchical, High-resolution Geography Database) – LGPL-3.0. Sillä leikataan meri pois kuntarajoista "
        "(rantaviiva, Hailuoto saarena); se ei muuta yhtään lukua."
    ),
)
SOURCES_OUTRO = (
    "Aluejako (kunta → Pohden alue), indikaattorien suunta ja alueiden laskentasäännöt ovat "
    "Tilannekuvan omia, perusteltuja valintoja; ne näkyvät alla ja Indikaattorit-sivulla."
)

AGE_HEADING = "Tietojen ikä"
AGE_TEXT = (
    "**Suuri osa tiedoista on vanhaa.** Puolella niistä {n_data} indikaattorista, joilla on tietoja, uusin "
    "tieto on vuodelta {median} tai vanhempi, ja {n_old} indikaattorin uusin tieto on vähintään {stale} vuotta "
    "vanha; monet sarjat päättyvät vuosiin 2011–2017. Siksi jokaisen luvun vuosi näkyy aina, ja vanhat tiedot "
    "merkitään. Uusimmat tiedot ovat vuodelta {newest}."
)
AGE_EXPANDER = "Indikaattorit uusimman tietovuoden mukaan"
AGE_TABLE = {"year": "Uusin vuosi", "n": "Indikaattoreita"}
AGE_UPDATE = (
    "Sotkanetin indikaattorit voi päivittää komennolla `python -m tilannekuva update` (vaatii "
    "verkkoyhteyden); päivitys rakentaa tietokannan uudelleen vain, jos haku onnistuu kokonaan."
)

UNEMPLOYMENT_HEADING = "Kolme työttömyysmittaria – ei yhdistetä"
UNEMPLOYMENT_TEXT = (
    "Työttömyydestä on kolme eri mittaria, jotka pidetään erillisinä indikaattoreina. Niitä **ei "
    "saa yhdistää yhdeksi aikasarjaksi**: ne perustuvat eri rekistereihin, ajankohtiin ja "
    "työvoiman määritelmiin, joten sarjan vaihtuminen näyttäisi muutokselta, jota ei ole "
    "tapahtunut."
)

AREAS_HEADING = "Kunnat ja Pohden alueet"
AREAS_INTRO = (
    "Pohden kuuden alueen malli on julkaistu, mutta yhtään julkista sivua, joka luettelisi jokaisen "
    "alueen kunnat, ei löytynyt. Jäsenyys noudattaa siksi virallisia seutukuntia, jotka vastaavat "
    "alueiden nimiä Oulun ja Lakeuden jakoa lukuun ottamatta. Epävarmuudet näytetään, ei piiloteta."
)
LAKEUS_DOUBT = (
    "**Lakeuden jäsenyys on päätelty (varmuus keskitaso):** Lakeus = Oulun seutukunta ilman Oulua, "
    "koska Oulu muodostaa oman alueensa. Lähdettä, joka luettelisi Lakeuden kunnat, ei löytynyt."
)
MEMBERSHIP_IS_DATA = (
    "Aluejako on dataa eikä koodia: sen voi korjata tiedostoon `data/area_membership.csv` "
    "(rivi kunnittain) ja rakentaa tietokannan uudelleen (`python -m tilannekuva build`)."
)
MEMBERSHIP_COLUMNS = {
    "name": "Kunta",
    "code": "Kuntanumero",
    "area": "Pohden alue",
    "confidence": "Varmuus",
    "evidence": "Peruste (lähteiden kielellä)",
}
AREA_COLUMNS = {
    "name": "Alue",
    "members": "Kunnat",
    "confidence": "Varmuus",
    "evidence": "Peruste (lähteiden kielellä)",
}
DOUBT_MARK = "⚠ "
CONFIDENCE_WORDS = {"high": "korkea", "medium-high": "melko korkea", "medium": "keskitaso", "low": "matala"}

JUDGEMENT_HEADING = "Miten arviot lasketaan"
JUDGEMENT_TEXT = (
    "**Vertailu** (esimerkiksi kunta verrattuna Pohjois-Pohjanmaahan samana vuonna):\n\n"
    "- Indikaattorin **suunta** tulee indikaattoriluettelosta: suurempi on parempi, pienempi on parempi tai ei "
    "arvottava. Arvottamattomassa indikaattorissa sanotaan vain ”korkeampi” tai ”matalampi”.\n"
    "- Kun luvun osoittaja ja nimittäjä tunnetaan ja indikaattorille on määritelty menetelmä, luvulle lasketaan "
    "**95 %:n luottamusväli** (z = {z}): osuuksille **Wilsonin** väli, tapausmääriin perustuville suhdeluvuille "
    "**Byarin** approksimaatio. Jos vertailuarvo on välin ulkopuolella, ero on tilastollisesti merkitsevä "
    "(parempi/heikompi). Jos se on välin sisällä: **”ei merkitsevää eroa”**.\n"
    "- Väliä käytetään vain, kun osoittaja / nimittäjä × kerroin vastaa julkaistua lukua ({rtol} %:n "
    "tarkkuudella); esimerkiksi ikävakioidut luvut jäävät siksi testaamatta.\n"
    "- Ilman luottamusväliä mitään ei keksitä: näytetään eron suunta merkinnällä **”(ei testattu)”**, ja "
    "näyttötarkkuudella yhtä suuret luvut ovat ”sama taso”. Lukumääriä (esimerkiksi väkiluku) ei arvioida "
    "paremmaksi tai heikommaksi.\n\n"
    "- **Alue ei ole koskaan oma vertailukohtansa:** Pohdea (samat 30 kuntaa kuin Pohjois-Pohjanmaa) verrataan "
    "koko maahan, ja Oulun kaupungin vertailusta jää pois Oulun alue (sama alue).\n"
    "- **Suuri osa vertailualuetta:** kun alueen nimittäjä on vähintään {rest_share} % vertailualueen "
    "nimittäjästä (esimerkiksi Oulu on noin puolet Pohjois-Pohjanmaasta), aluetta verrataan vertailualueen "
    "**muuhun osaan** (vertailualue ilman aluetta) kahden otoksen testillä osoittajista ja nimittäjistä; "
    "muuten ero näyttäisi todellista pienemmältä. Lause kertoo tämän (”muuta Pohjois-Pohjanmaata parempi”).\n\n"
    "**Kehitys:** viiden ({window}) peräkkäisen vuoden jakso, uusimpaan vuoteen, jolta on arvo. Jos jokin vuosi "
    "puuttuu väliltä, kehitystä ei lasketa (”ei laskettavissa”). Suunta on aina **testattu**:\n\n"
    "- kun osoittajat ja nimittäjät tunnetaan, **χ²-testi lineaariselle trendille** (Cochran–Armitage, kuten "
    "UK Fingertips) tiukalla **99,8 %:n** tasolla; jos pisteet poikkeavat suorasta selvästi enemmän kuin sattuma "
    "selittää (esimerkiksi yhden vuoden piikki), ratkaisee alla oleva regressiotesti;\n"
    "- muuten pienimmän neliösumman suoran kulmakerroin ja sen **95 %:n luottamusväli** (t-jakauma); suunta "
    "vain, jos väli ei sisällä nollaa.\n\n"
    "Muuten: **”ei merkitsevää muutosta”**. Yhteenvedossa merkitsevästi heikkenevä kehitys on huolenaihe, "
    "vaikka taso olisi vielä vertailualuetta parempi.\n\n"
    "**Arviot ja merkit:** työttömyyden kuukausiluvut marraskuusta 2023 alkaen (StatFin 12r5) ovat vain "
    "kuntien osuuksia ilman lukumääriä. Alueiden ja Pohjois-Pohjanmaan luvut niiltä kuukausilta ovat **arvioita**: "
    "kuntien osuuksien keskiarvo painotettuna kunkin kunnan työvoimalla viimeiseltä kuukaudelta, jolta lukumäärät "
    "on (lokakuu 2023). Vuosien 2023–2024 12 kuukauden keskiarvot ovat kunnille kuukausiosuuksien keskiarvoja "
    "(arvio) ja alueille samoin painotettuja arvioita (painona vuoden 2022 työvoima); koko maan arvoa niiltä "
    "vuosilta ei ole. Arvio näkyy merkinnällä **(arvio)** kaikkialla, eikä sille tehdä tilastollista testiä. "
    "Muut merkit: **(Σ)** laskettu kuntien luvuista, **(≈)** painotettu keskiarvo, **(2013 rajat)** lähteen "
    "luku ilman Vaalaa. Ennakkoväkiluku (StatFin 11lj) on merkitty nimessään **ennakkotiedoksi**.\n\n"
    "Väri ei ole koskaan ainoa merkki: jokaisella arviolla on sana ja symboli. Värit ovat värisokeille sopivasta "
    "Okabe–Ito-paletista."
)
LEGEND_COLUMNS = {"symbol": "Merkki", "word": "Arvio", "meaning": "Tarkoittaa"}
LEGEND_MEANINGS = {
    "better": "tilastollisesti merkitsevä ero parempaan suuntaan",
    "worse": "tilastollisesti merkitsevä ero huonompaan suuntaan",
    "higher": "merkitsevästi korkeampi (arvottamaton indikaattori)",
    "lower": "merkitsevästi matalampi (arvottamaton indikaattori)",
    "no_difference": "luottamusväli sisältää vertailuarvon",
    "better_untested": "parempi suunta, ei testattu (ei luottamusväliä)",
    "worse_untested": "huonompi suunta, ei testattu",
    "higher_untested": "korkeampi, ei testattu",
    "lower_untested": "matalampi, ei testattu",
    "same": "sama näyttötarkkuudella, ei testattu",
    "not_comparable": "lukumäärä, ei arvioida",
    "no_data": "arvo tai vertailuarvo puuttuu",
}

AGGREGATION_HEADING = "Miten alueiden luvut lasketaan"
AGGREGATION_TEXT = (
    "- **Lukumäärät (summa):** jäsenkuntien luvut lasketaan yhteen.\n"
    "- **Suhdeluvut ja osuudet, joiden osoittaja ja nimittäjä tunnetaan:** Σ osoittaja / Σ nimittäjä × kerroin – "
    "ei koskaan kuntien lukujen keskiarvona. Jos lähde antaa suhdeluvun ja tapausmäärän, nimittäjä johdetaan "
    "niistä.\n"
    "- **Asukasta kohden lasketut luvut ja muut osuudet:** **väestöllä** (tai muulla perusjoukolla, esimerkiksi "
    "työllisellä työvoimalla tai asuntokunnilla) **painotettu keskiarvo**, joka on merkitty painotetuksi. Jos "
    "paino ei ole luvun oma perusjoukko, luku on arvio, ja indikaattorin huomio kertoo sen.\n"
    "- **Ei aluelukua:** mediaanit, kertoimet, ikävakioidut ja ikäryhmäkohtaiset luvut sekä tulo- ja "
    "lähtömuutto, joita ei voi laskea kuntien luvuista oikein.\n"
    "- **Alueen luku lasketaan vain, kun jokaisella jäsenkunnalla on arvo.** Osasta kuntia laskettu summa ei "
    "koskaan esiinny kokonaislukuna.\n"
    "- Kun lähde julkaisee oman alueluvun (esimerkiksi diabetes 683, TEM:n työttömyys), näytetään lähteen luku ja "
    "omaa laskelmaa käytetään tarkistuksena (taulukko alla)."
)
VAALA_TEXT = (
    "**Vaala:** Sotkanetin vuoden 2013 poiminnassa Pohjois-Pohjanmaa on vuoden 2013 aluejaon mukainen, eli siitä "
    "puuttuu Vaala (Vaala siirtyi Kainuusta Pohjois-Pohjanmaahan 2016). Kun indikaattorin voi laskea kunnista, "
    "Pohjois-Pohjanmaan luku lasketaan nykyisistä 30 kunnasta; muuten lähteen luku säilyy ja on merkitty "
    "(”ilman Vaalaa”)."
)
METHOD_SENTENCE = (
    "Tietokannassa Pohjois-Pohjanmaan luvuista {computed} on laskettu kunnista, {source} on lähteen "
    "omia ja {excl} on vuoden 2013 aluejaon mukaisia (ilman Vaalaa, {excl_ind} indikaattoria)."
)
CHECKS_HEADING = "Aluelukujen tarkistus"
CHECKS_INTRO = (
    "Kun lähde julkaisee alueluvun ja se voidaan myös laskea kunnista, molemmat tallennetaan ja "
    "verrataan. Jos luvut eivät täsmää pyöristystarkkuudella, tietokannan rakentaminen keskeytyy. "
    "”Ei vertailukelpoinen” tarkoittaa, että lähteen luku on piirretty toisella aluejaolla (ilman Vaalaa)."
)
CHECK_COLUMNS = {
    "name": "Indikaattori",
    "area": "Alue",
    "years": "Vuodet",
    "compared": "Verrattu (vuotta/kk)",
    "agree": "Täsmää",
    "not_comparable": "Ei vertailukelpoinen",
    "disagree": "Ei täsmää",
    "diff": "Suurin ero",
    "note": "Huomio",
}
CHECKS_SUMMARY = (
    "{n_agree_rows} indikaattori–alue-paria täsmää kaikilta verratuilta ajankohdilta; "
    "{n_nc_rows} on ei-vertailukelpoisia (aluejako 2013); ristiriitoja {n_disagree}."
)

BUILD_HEADING = "Tietokannan rakentaminen"
BUILD_TEXT = (
    "Tietokanta rakennetaan toimitetuista tiedostoista komennolla `python -m tilannekuva build`: "
    "väliaikaiseen tiedostoon, tarkistetaan ja vaihdetaan vasta sitten käyttöön."
)
BUILD_KEYS = {
    "built_at": "Rakennettu",
    "tilannekuva_version": "Tilannekuvan versio",
    "duckdb_version": "DuckDB-versio",
    "observations": "Havaintoja",
    "data_sha256": "Lähdeaineiston tiiviste (SHA-256)",
}
BUILD_COLUMNS = {"key": "Tieto", "value": "Arvo"}
FILES_HEADING = "Lähdetiedostot"
FILE_COLUMNS = {"path": "Tiedosto", "bytes": "Koko (tavua)", "sha256": "SHA-256"}


def confidence_fi(value: str | None) -> str:
    """'medium (Hailuoto low)' -> 'keskitaso (Hailuoto matala)'."""
    if not value:
        return "–"
    text = value
    for en, fi in sorted(CONFIDENCE_WORDS.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(en, fi)
    return text


# Download file names of the Tietoa tables
MEMBERSHIP_FILENAME = "aluejako.csv"
CHECKS_FILENAME = "aluelukujen_tarkistus.csv"
