# Det centrale organs skrivebord: skabeloner og adfærdskodekser, kladder, udgivelse,
# import og eksport, tilslutningsoversigt. Og platformens drift: organisationer.

nav-templates = Skabeloner
nav-organisations = Organisationer
version-status-DRAFT = Kladde
version-status-PUBLISHED = Udgivet
version-status-WITHDRAWN = Trukket tilbage
obligation-MUST = Skal
obligation-SHOULD = Bør

## Skabeloner
central-templates-title = Skabeloner og adfærdskodekser
central-templates-intro = Jeres skabeloner til konsekvensanalyser og jeres adfærdskodekser med deres versioner og antal tilsluttede.
central-templates-caption = Jeres skabeloner og adfærdskodekser
central-templates-none = I har ingen skabeloner endnu. Importér en version nedenfor.
central-col-kind = Type
central-col-versions = Versioner
central-col-adopters = Tilsluttede
central-col-published = Udgivet
central-col-changelog = Ændringslog
central-col-actions = Handlinger
central-col-key = Nøgle
central-kind-DPIA = Skabelon til konsekvensanalyse
central-kind-CODE_OF_CONDUCT = Adfærdskodeks
central-adopters-n = { $count ->
    [one] 1 tilsluttet
   *[other] { $count } tilsluttede
}
central-withheld = Skjult (lille gruppe)
central-small-group-rule = Grupper under { $min } vises ikke: I ser kun tal, der ikke kan udpege en enkelt dataansvarlig.
central-small-group-some = Nogle tal er skjult, fordi de er under grænsen, eller fordi de kunne regnes ud fra de andre.
central-small-group-whole = Der er færre end { $min } tilsluttede, så kun deres antal vises.
central-edit-draft = Redigér kladden
central-read-version = Læs versionen
central-before-publishing = Før udgivelse
central-export = Eksportér som JSON
central-withdraw = Træk tilbage
central-new-draft = Ny kladde ud fra den seneste udgivne version
central-overview-link = Se tilslutningsoversigten
central-import-title = Importér en version
central-import-intro = Vælg en fil i det dokumenterede JSON-format (en eksporteret version), eller indsæt dens tekst. Den bliver en ny kladde af en ny skabelon eller af en af jeres egne.
central-import-file = JSON-fil
central-import-document = … eller indsæt JSON-dokumentet
central-import-submit = Importér som kladde

## Kladde
central-validation-title = Kontrol af versionen
central-validation-ok = Versionen overholder alle regler og kan udgives.
central-section-risks = Risikokatalog
central-section-recommendations = Anbefalinger
central-section-clauses = Bestemmelser
central-col-detail-risks = Sandsynlighed × konsekvens
central-col-detail-recommendations = Forpligtelse
central-col-detail-clauses = Forpligtelse
central-edit-item = Redigér
central-edit-title = Redigér: { $kind }
central-key-kept = Nøglen ændres aldrig, så de tilsluttede beholder deres tilpasninger:
central-field-title-RISK = Trussel
central-field-title-RECOMMENDATION = Titel
central-field-title-CLAUSE = Afsnit
central-field-description-RISK = Beskrivelse
central-field-description-RECOMMENDATION = Tekst
central-field-description-CLAUSE = Bestemmelsens tekst
central-field-clause-number = Nummer
central-field-likelihood = Sandsynlighed (standard)
central-field-consequence = Konsekvens (standard)
central-field-rationale = Begrundelse for vurderingen
central-field-obligation = Forpligtelse
central-field-addresses = Risici, som anbefalingen imødegår
central-current-level = Risikoniveau nu: { $level }.
central-stale-draft = Kladden blev ændret af en anden, mens du arbejdede. Dine indtastninger står her; gem igen for at skrive dem oven på den nye udgave.

## Før udgivelse
central-publish-title = Før udgivelse af version { $n }
central-what-adopters-see = Det, de tilsluttede vil se
central-diff-against = Sammenlignet med version { $n }: { $count ->
    [one] 1 ændring.
   *[other] { $count } ændringer.
}
central-diff-first = Det er den første version; alt er nyt for de tilsluttede.
central-diff-nothing = Intet er ændret i forhold til den seneste udgivne version.
central-diff-added = Ny { $kind }:
central-diff-removed = Fjernet { $kind }:
central-diff-changed = Ændret { $kind }:
central-diff-field = { $field }: «{ $before }» bliver til «{ $after }»
central-publish-action = Udgiv
central-changelog = Ændringslog
central-changelog-hint = Skriv kort, hvad der er ændret, og hvorfor. De tilsluttede ser teksten, når de opgraderer.
central-publish-submit = Udgiv version { $n }

## Tilslutningsoversigt
central-overview-title = Tilslutning: { $title }
central-overview-total = { $count ->
    [one] 1 tilsluttet i alt.
   *[other] { $count } tilsluttede i alt.
}
central-per-version-title = Tilsluttede pr. version
central-no-adopters = Ingen tilsluttede endnu.
central-adopters-title = Tilsluttede dataansvarlige
central-table-recommendations = Svar på anbefalingerne
central-table-risks = Behandling af risiciene
central-table-clauses = Efterlevelse af bestemmelserne
central-col-overrides = Tilpasninger
central-col-lowered = Sænkede risici
central-col-residual-high = Høje restrisici
central-col-unanswered = Ubesvarede anbefalinger
central-col-errors = Fejl
central-col-warnings = Advarsler
central-col-response-UNADDRESSED = Ubesvaret
central-col-response-IMPLEMENTED = Gennemført
central-col-response-PARTIALLY_IMPLEMENTED = Delvist gennemført
central-col-response-PLANNED = Planlagt
central-col-response-ALTERNATIVE = Alternativ
central-col-response-NOT_APPLICABLE = Ikke relevant
central-col-risk-lowered = Sænket
central-col-risk-residual-high = Høj restrisiko
central-col-risk-not-applicable = Ikke relevant
central-col-risk-untreated = Ubehandlet
central-col-clause-UNADDRESSED = Ubesvaret
central-col-clause-COMPLIANT = Overholdt
central-col-clause-DEVIATION = Afvigelse
central-col-clause-NOT_APPLICABLE = Ikke relevant

## Platformens drift
operator-title = Organisationer
operator-col-admins = Administratorer
operator-col-users = Brugere
operator-col-created = Oprettet
operator-new-title = Ny organisation med dens første administrator
operator-field-name = Organisationens navn
operator-field-admin-name = Administratorens navn
operator-field-admin-email = Administratorens e-mailadresse
operator-field-admin-password = Administratorens første adgangskode
operator-create = Opret organisationen
org-kind-PLATFORM = Platformen
org-kind-CENTRAL_BODY = Centralt organ
org-kind-CONTROLLER = Dataansvarlig
org-kind-SUPERVISORY_AUTHORITY = Tilsynsmyndighed

## Kladdeeditoren: beskrivelse, nødvendighed, nye elementer, kontrolgrænser
central-section-activities = Systematisk beskrivelse: behandlingsaktiviteter
central-section-questions = Nødvendighed og proportionalitet
central-col-detail-activities = Område
central-col-detail-questions = Princip
central-new-risk = Tilføj en risiko
central-new-recommendation = Tilføj en anbefaling
central-new-question = Tilføj et spørgsmål om nødvendighed og proportionalitet
central-new-title = Ny { $kind }
central-field-new-key = Nøgle
central-field-new-key-hint = Vælges én gang og ændres aldrig, f.eks. risk.messages.forwarding. Små bogstaver, tal, punktum og bindestreg.
central-field-title-NECESSITY_QUESTION = Spørgsmål
central-field-description-NECESSITY_QUESTION = Fælles svar (tomt: hver dataansvarlig svarer selv)
central-field-title-PROCESSING_ACTIVITY = Titel
central-field-description-PROCESSING_ACTIVITY = Beskrivelse
central-field-scope = Område
central-field-scopes = Områder, anbefalingen gælder
central-field-threat-source = Truslens kilde
central-field-properties = Berørte egenskaber (art. 32, stk. 1, litra b)
central-field-measure-kind = Type foranstaltning
central-field-principle = Princip
central-field-purposes = Formål
central-field-purposes-hint = Ét formål pr. linje.
central-field-operations = Behandlingstyper (art. 4, nr. 2)
central-field-retention = Opbevaring og sletning
central-checks-title = Kontrolgrænser
central-checks-intro = Grænserne gælder for kontrollen af alle konsekvensanalyser, der bygger på skabelonen.
central-checks-max_high_risks_single_measure = Højst antal høje risici, én foranstaltning alene må imødegå
central-checks-max_high_risks_single_measure-hint = Standard 5. 0 betyder, at enhver høj risiko med kun én foranstaltning meldes.
central-checks-review_interval_months = Revision senest efter (måneder)
central-checks-review_interval_months-hint = Mellem 1 og 12: konsekvensanalysen revideres mindst en gang om året.
central-checks-save = Gem kontrolgrænserne
central-refused-choose-source = Vælg, hvor truslen kommer fra.
central-refused-choose-property = Vælg fortrolighed, integritet eller tilgængelighed.
central-refused-choose-kind = Vælg teknisk eller organisatorisk.
central-refused-choose-obligation = Vælg SKAL eller BØR.
central-refused-choose-principle = Vælg et princip.
central-refused-choose-operation = Vælg behandlingstyper fra art. 4, nr. 2.
central-refused-choose-level = Vælg et niveau på risikomodellens skala.
central-refused-key-format = En nøgle begynder med et lille bogstav eller et tal og indeholder kun a–z, 0–9, punktum, understregning og bindestreg (højst 200 tegn).
central-refused-key-in-use = { $key } er allerede nøglen til et andet element i versionen. Vælg en ny.
central-refused-empty-text = Feltet må ikke være tomt.
central-refused-empty-list = Vælg mindst én.
central-refused-out-of-scale = { $value } ligger uden for risikomodellens skala 1–{ $max }.
central-refused-dangling = «{ $target }» findes ikke i skabelonen.
central-refused-whole-number = Skriv et helt tal, 0 eller derover.
central-refused-months = Skriv et helt antal måneder mellem 1 og 12: konsekvensanalysen revideres mindst en gang om året.
