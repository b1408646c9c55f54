"""A shop's files: reading a shop folder, the demo shop, importers, the artifact layout, atomic writes."""
