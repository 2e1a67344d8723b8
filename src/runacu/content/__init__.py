"""The content: the models of the YAML files (pydantic validates them), the YAML reader, the library and search."""
