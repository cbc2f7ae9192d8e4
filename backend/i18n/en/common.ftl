# Common strings of the whole web application.
app-name = DPIA Hub
language-name = English
