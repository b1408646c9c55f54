"""The assistant: LM loading/fine-tuning, parsing, dialogue state, replies, the turn loop."""

import os

# Why: torch's OpenMP threads spin at every barrier by default; on a shared CPU (other processes
# on the other core) a 2-thread int8 decode then ran at ~1.4 tokens/s instead of ~25. PASSIVE makes
# a waiting thread sleep instead. libgomp reads it when torch loads, so it is set on first import
# of `assistant` (torch is imported lazily, inside the functions that need it).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
