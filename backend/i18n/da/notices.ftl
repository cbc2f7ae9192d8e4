# Notifikationer: indbakken, tælleren i sidehovedet og e-mails (issue 16).
# $title er navnet på skabelonen, vurderingen eller tiltaget; $occasion et versionsnummer eller en dato.
notice-new-version = Version { $occasion } af { $title } er udgivet
notice-finding-recorded = Tilsynet har registreret en bemærkning til { $title }
notice-finding-answered = Der er svaret på en bemærkning til { $title }
notice-review-due = { $title } skal revurderes senest { $occasion }
notice-review-overdue = Revurderingen af { $title } skulle have været foretaget { $occasion }
notice-measure-overdue = Det planlagte tiltag { $title } skulle have været gennemført { $occasion }
mail-open-link = Åbn i DPIA Hub
mail-footer = Sendt af DPIA Hub. Du finder også beskeden i din indbakke.
# Indbakken i webapplikationen.
nav-inbox = Indbakke
nav-inbox-unread = Indbakke ({ $count } { $count ->
    [one] ulæst
   *[other] ulæste
})
inbox-title = Indbakke
inbox-unread-n = { $count ->
    [0] Du har ingen ulæste beskeder.
    [one] Du har én ulæst besked.
   *[other] Du har { $count } ulæste beskeder.
}
inbox-read = Læst
inbox-unread = Ulæst
inbox-mark-read = Markér som læst
inbox-mark-all-read = Markér alle som læst
inbox-empty = Der er ingen beskeder til dig endnu.
