"""Teaching the LM a shop: generated dialogues, phrase banks, fine-tuning, adapters, preparation, scoring."""
