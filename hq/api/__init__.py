"""HQ's HTTP routers, one per audience: tills, members (the member app), console (staff pages),
admin (machine use). `deps` holds the dependencies they share."""
