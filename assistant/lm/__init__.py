"""The language model at chat time: loading, prompt formats, the LM parser and writer, drafting, the intent prior."""
