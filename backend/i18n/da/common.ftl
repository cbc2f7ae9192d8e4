# Fælles tekster for hele webapplikationen (dansk er standardsproget).
app-name = DPIA Hub
language-name = Dansk
