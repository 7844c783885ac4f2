"""The cashier console: sign-in, orders at the counter, slips, voids, the day's report,
printer and (admins) the kiosk's administration; one module per panel."""
