"""The content: pydantic models of the YAML files, the safe YAML reader, the data library and search."""
