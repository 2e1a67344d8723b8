"""runacu's caches, one package so the fast path is easy to see and to delete.

- `dirs`: where the user's folders are (the cache, the saved requests), in one place.
- `sealed`: the one file format every cache entry has, and the one writer and reader.
- `pages`: stored output, so a repeat run prints without importing Typer, pydantic or Rich.
- `parsed`: parsed data files (and what is worked out from them), so a repeat run skips YAML.
- `memo`: what a slow library answered (a date pattern, a stem), so a repeat run skips importing it.

Everything here is private to the user, bounded in size, written atomically and safe to delete.
What that rests on is in `sealed`: owner and mode checks on every folder and entry, not a secret.
This package imports nothing of runacu's but its version: every layer above may use it.
"""
