# Notifications: the inbox, the count in the header and e-mails (issue 16).
# $title names the template, assessment or measure; $occasion is a version number or a date.
notice-new-version = Version { $occasion } of { $title } is published
notice-finding-recorded = The authority recorded a review finding on { $title }
notice-finding-answered = A review finding on { $title } was answered
notice-review-due = { $title } is due for review by { $occasion }
notice-review-overdue = The review of { $title } was due on { $occasion }
notice-measure-overdue = The planned measure { $title } was due on { $occasion }
mail-open-link = Open in DPIA Hub
mail-footer = Sent by DPIA Hub. The notice is in your inbox too.
# The inbox of the web application.
nav-inbox = Inbox
nav-inbox-unread = Inbox ({ $count } unread)
inbox-title = Inbox
inbox-unread-n = { $count ->
    [0] You have no unread notices.
    [one] You have one unread notice.
   *[other] You have { $count } unread notices.
}
inbox-read = Read
inbox-unread = Unread
inbox-mark-read = Mark as read
inbox-mark-all-read = Mark all as read
inbox-empty = There are no notices for you yet.
