"""One screen per module; screens never import each other, the main window navigates."""
