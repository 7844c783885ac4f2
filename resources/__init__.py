"""Data files (factors, cities, scenarios, fonts); see each folder's SOURCES.md."""
