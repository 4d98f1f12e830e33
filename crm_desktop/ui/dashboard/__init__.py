"""The dashboard page: figure tiles and the nine charts, from services.dashboard's payload."""
