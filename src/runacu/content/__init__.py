"""The content: the models of the YAML files (validated by pydantic), the safe YAML reader, the data library and search."""
