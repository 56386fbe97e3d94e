"""Demo tours: tour files, the default tour per city, the player state machine. Qt-free."""
